/** LXC_PROGRAM (0x00068000): the wire records and procedures of lxc_protocol.x (generated). */
package org.jvirt.rpc.proto.lxc;
