/**
 * jvirsh: the virsh-compatible command line and interactive shell. Every command is declared once, in the
 * table of its group ({@code *Commands} classes: name, help, options, handler); {@link org.jvirt.shell.CommandTable}
 * gathers the groups and checks them at start-up. {@link org.jvirt.shell.Parser} reads command lines with virsh's
 * rules, {@link org.jvirt.shell.Shell} holds the connection and reports errors as virsh does, and
 * {@link org.jvirt.shell.Main} is the entry point. Only the public jvirt API is used, never a driver.
 */
package org.jvirt.shell;
