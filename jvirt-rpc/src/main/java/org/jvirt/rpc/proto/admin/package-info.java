/**
 * ADMIN_PROGRAM (0x06900690): the wire records and procedures of admin_protocol.x (generated), libvirt's daemon
 * administration interface that virt-admin speaks on the daemon's admin socket.
 */
package org.jvirt.rpc.proto.admin;
