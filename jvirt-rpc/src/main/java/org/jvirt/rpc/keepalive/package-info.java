/** The keepalive program's packets (PING/PONG); the timers that send them belong to the connection layers. */
package org.jvirt.rpc.keepalive;
