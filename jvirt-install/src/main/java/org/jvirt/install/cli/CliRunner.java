package org.jvirt.install.cli;

import java.io.PrintStream;
import java.util.List;

/** Runs the command line with given streams and returns its exit code (for Java callers and tests). */
public final class CliRunner {
    private CliRunner() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return Main.run(args, out, err);
    }
}
