package org.jvirt.driver.qemu.process;

import java.time.Instant;

/**
 * How a qemu process ended.
 *
 * @param exitCode the exit status (128 + signal number when a signal killed it, as Java reports it)
 * @param at       when this JVM noticed
 */
public record QemuExit(int exitCode, Instant at) {
}
