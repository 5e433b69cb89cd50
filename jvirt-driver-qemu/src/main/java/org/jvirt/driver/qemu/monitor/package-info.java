/**
 * The QMP client: JSON messages over a unix socket (or any byte stream, e.g. a probe's stdio), commands matched
 * to replies by id, events handed to listeners on their own thread so a slow listener never stalls the reader.
 */
package org.jvirt.driver.qemu.monitor;
