/**
 * qemu-system processes: starting one from an argument list (never through a shell), its log and pid files,
 * connecting its QMP monitor, noticing its exit through {@link java.lang.Process#onExit()}, and stopping it
 * politely first and forcibly last; the helper processes a guest needs beside QEMU (swtpm); the CPU affinity of its threads. Nothing here knows
 * about domain XML.
 */
package org.jvirt.driver.qemu.process;
