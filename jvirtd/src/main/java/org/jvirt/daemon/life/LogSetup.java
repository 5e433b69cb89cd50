package org.jvirt.daemon.life;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * libvirt's logging settings on java.util.logging. {@code log_level} (1 debug, 2 info, 3 warning, 4 error) is the
 * default threshold; {@code log_filters} ("1:qemu 3:remote", the first whose name is a substring of the logger's
 * name sets the threshold for that message instead); {@code log_outputs} ("3:stderr 1:file:/var/log/jvirtd.log
 * 2:journald", each output with its own minimum level). journald goes through {@code systemd-cat} with libvirt's
 * syslog priorities when the journal's socket exists, and to stderr otherwise. Applying it again (SIGHUP)
 * replaces the handlers.
 */
public final class LogSetup {

    /** One {@code level:match} of log_filters. */
    public record Filter(int level, String match) {
    }

    /** One {@code level:kind[:target]} of log_outputs. */
    public record Output(int level, String kind, String target) {
    }

    private static final Logger ROOT = Logger.getLogger("org.jvirt");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxx");
    private static final Path JOURNAL_SOCKET = Path.of("/run/systemd/journal/socket");
    private static final List<Handler> INSTALLED = new ArrayList<>();

    private LogSetup() {
    }

    public static List<Filter> parseFilters(String spec) {
        List<Filter> out = new ArrayList<>();
        if (spec == null) {
            return out;
        }
        for (String f : spec.trim().split("\\s+")) {
            if (f.isEmpty()) {
                continue;
            }
            int colon = f.indexOf(':');
            if (colon <= 0 || colon == f.length() - 1) {
                throw invalid("log_filters", f);
            }
            String match = f.substring(colon + 1);
            if (match.startsWith("+")) {
                match = match.substring(1); // libvirt's "+" asks for a stack trace; our records carry theirs
            }
            out.add(new Filter(level("log_filters", f, f.substring(0, colon)), match));
        }
        return out;
    }

    public static List<Output> parseOutputs(String spec) {
        List<Output> out = new ArrayList<>();
        if (spec == null) {
            return out;
        }
        for (String o : spec.trim().split("\\s+")) {
            if (o.isEmpty()) {
                continue;
            }
            String[] p = o.split(":", 3);
            if (p.length < 2) {
                throw invalid("log_outputs", o);
            }
            int lvl = level("log_outputs", o, p[0]);
            switch (p[1]) {
                case "stderr", "journald" -> out.add(new Output(lvl, p[1], null));
                case "file", "syslog" -> {
                    if (p.length < 3 || p[2].isEmpty()) {
                        throw invalid("log_outputs", o);
                    }
                    out.add(new Output(lvl, p[1], p[2]));
                }
                default -> throw invalid("log_outputs", o);
            }
        }
        return out;
    }

    private static int level(String key, String item, String digits) {
        try {
            int l = Integer.parseInt(digits);
            if (l >= 1 && l <= 4) {
                return l;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(key, item);
    }

    private static VirtException invalid(String key, String item) {
        return VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX, "invalid %s entry '%s'", key, item);
    }

    /** libvirt's level (1..4) of a JUL record. */
    static int libvirtLevel(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return 4;
        }
        if (v >= Level.WARNING.intValue()) {
            return 3;
        }
        if (v >= Level.INFO.intValue()) {
            return 2;
        }
        return 1;
    }

    /**
     * Installs the outputs (none given: stderr at {@code logLevel}, as libvirtd without log_outputs logs to
     * stderr when not under systemd). Invalid entries fail before anything is replaced.
     */
    public static synchronized void apply(int logLevel, String filters, String outputs, boolean verbose) {
        List<Filter> fs = parseFilters(filters);
        List<Output> os = parseOutputs(outputs);
        int threshold = verbose ? 1 : Math.max(1, Math.min(4, logLevel));
        if (os.isEmpty()) {
            os = List.of(new Output(threshold, "stderr", null));
        }
        List<Handler> handlers = new ArrayList<>();
        for (Output o : os) {
            try {
                handlers.add(new OutputHandler(o, open(o), fs, threshold));
            } catch (IOException e) {
                System.err.println("jvirtd: cannot open log output " + o.kind()
                        + (o.target() != null ? ":" + o.target() : "") + ": " + e.getMessage());
            }
        }
        for (Handler h : INSTALLED) {
            ROOT.removeHandler(h);
            h.close();
        }
        INSTALLED.clear();
        int lowest = threshold;
        for (Filter f : fs) {
            lowest = Math.min(lowest, f.level());
        }
        ROOT.setLevel(lowest == 1 ? Level.FINEST : lowest == 2 ? Level.INFO : lowest == 3 ? Level.WARNING
                : Level.SEVERE);
        ROOT.setUseParentHandlers(false);
        for (Handler h : handlers) {
            ROOT.addHandler(h);
            INSTALLED.add(h);
        }
    }

    private static Sink open(Output o) throws IOException {
        return switch (o.kind()) {
            case "file" -> {
                Path p = Path.of(o.target());
                if (p.getParent() != null) {
                    Files.createDirectories(p.getParent());
                }
                OutputStream s = Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                yield new Sink(new PrintStream(s, true, StandardCharsets.UTF_8), null, false);
            }
            case "journald", "syslog" -> {
                if (!Files.exists(JOURNAL_SOCKET)) {
                    yield new Sink(System.err, null, false);
                }
                String tag = o.target() != null ? o.target() : "jvirtd";
                Process p = new ProcessBuilder("systemd-cat", "--identifier=" + tag, "--level-prefix=true")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                yield new Sink(new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8), p, true);
            }
            default -> new Sink(System.err, null, false);
        };
    }

    /** Where one output's lines go; {@code syslogPrefix}: lines start with "<N>" (systemd-cat's level prefix). */
    private record Sink(PrintStream out, Process process, boolean syslogPrefix) {
    }

    private static final class OutputHandler extends Handler {
        private final Output output;
        private final Sink sink;
        private final List<Filter> filters;
        private final int threshold;

        OutputHandler(Output output, Sink sink, List<Filter> filters, int threshold) {
            this.output = output;
            this.sink = sink;
            this.filters = filters;
            this.threshold = threshold;
        }

        @Override
        public boolean isLoggable(LogRecord r) {
            int lvl = libvirtLevel(r.getLevel());
            String name = r.getLoggerName() == null ? "" : r.getLoggerName();
            int min = threshold;
            for (Filter f : filters) {
                if (name.contains(f.match())) {
                    min = f.level();
                    break;
                }
            }
            return lvl >= min && lvl >= output.level();
        }

        @Override
        public void publish(LogRecord r) {
            if (!isLoggable(r)) {
                return;
            }
            int lvl = libvirtLevel(r.getLevel());
            String msg = r.getMessage();
            if (r.getParameters() != null && msg != null && msg.contains("{0")) {
                msg = java.text.MessageFormat.format(msg, r.getParameters());
            }
            String line = OffsetDateTime.ofInstant(r.getInstant(), ZoneOffset.UTC).format(TIME) + ": "
                    + ProcessHandle.current().pid() + ": " + name(lvl) + " : " + r.getLoggerName() + ": " + msg;
            if (r.getThrown() != null) {
                line += ": " + r.getThrown();
            }
            if (sink.syslogPrefix()) {
                line = "<" + (lvl == 4 ? 3 : lvl == 3 ? 4 : lvl == 2 ? 6 : 7) + ">" + line;
            }
            synchronized (this) {
                sink.out().println(line);
            }
        }

        private static String name(int lvl) {
            return switch (lvl) {
                case 1 -> "debug";
                case 2 -> "info";
                case 3 -> "warning";
                default -> "error";
            };
        }

        @Override
        public void flush() {
            sink.out().flush();
        }

        @Override
        public void close() {
            if (sink.out() != System.err) {
                sink.out().close();
            }
            if (sink.process() != null) {
                sink.process().destroy();
            }
        }
    }
}
