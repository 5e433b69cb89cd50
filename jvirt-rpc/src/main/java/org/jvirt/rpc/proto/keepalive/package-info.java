/** KEEPALIVE_PROGRAM (0x6b656570): PING and PONG, declared from virkeepaliveprotocol.x (generated). */
package org.jvirt.rpc.proto.keepalive;
