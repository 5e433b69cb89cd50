package org.jvirt.shell;

/** A command's body: returns true on success. Errors are reported by the shell (see {@link Shell#run}). */
@FunctionalInterface
public interface Handler {
    boolean run(Shell sh, Invocation cmd) throws Exception;
}
