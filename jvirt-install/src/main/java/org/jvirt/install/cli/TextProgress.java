package org.jvirt.install.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.jvirt.install.Progress;

/**
 * virt-install's text meter, simplified: one line per step with its size and time once done, and on a terminal
 * a running figure while it lasts.
 */
final class TextProgress implements Progress {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;
    private String label;
    private long total;
    private long started;
    private long lastDraw;

    TextProgress(PrintStream out, PrintStream err, boolean quiet) {
        this.out = out;
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void start(String label, long total) {
        this.label = label;
        this.total = total;
        this.started = System.nanoTime();
        this.lastDraw = 0;
    }

    @Override
    public void update(long done) {
        long now = System.nanoTime();
        if (quiet || System.console() == null || now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        out.printf(Locale.ROOT, "\r%-30s | %10s", label, size(done) + (total > 0 ? " / " + size(total) : ""));
        out.flush();
    }

    @Override
    public void end(long done) {
        if (quiet) {
            return;
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        out.printf(Locale.ROOT, "\r%-30s | %10s  %02d:%02d:%02d%n", label, size(done), ms / 3_600_000,
                ms / 60_000 % 60, ms / 1000 % 60);
        out.flush();
    }

    @Override
    public void message(String line) {
        if (!quiet) {
            out.println(line);
        }
    }

    @Override
    public void warning(String line) {
        err.println("WARNING  " + line);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
