/** QEMU_PROGRAM (0x20008087): the wire records and procedures of qemu_protocol.x (generated). */
package org.jvirt.rpc.proto.qemu;
