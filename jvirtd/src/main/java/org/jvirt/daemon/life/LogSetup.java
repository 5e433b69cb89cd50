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
    private static int currentThreshold = 3;
    private static List<Filter> currentFilters = List.of();
    private static List<Output> currentOutputs = List.of(defaultOutput(3));

    private LogSetup() {
    }

    /** How a bad entry is reported: the config file's words, or libvirt's run-time words (virt-admin). */
    private enum Words { CONFIG, RUNTIME }

    public static List<Filter> parseFilters(String spec) {
        return parseFilters(spec, Words.CONFIG);
    }

    private static List<Filter> parseFilters(String spec, Words words) {
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
                if (words == Words.RUNTIME && colon > 0) {
                    throw runtime("Invalid match string '%s'", "");
                }
                throw words == Words.CONFIG ? invalid("log_filters", f) : runtime("Malformed format for filter '%s'", f);
            }
            String match = f.substring(colon + 1);
            if (match.startsWith("+")) {
                match = match.substring(1); // libvirt's "+" asks for a stack trace; our records carry theirs
                if (match.isEmpty() && words == Words.RUNTIME) {
                    throw runtime("Invalid match string '%s'", "+");
                }
            }
            if (words == Words.RUNTIME && match.contains(":")) {
                match = match.substring(0, match.indexOf(':')); // libvirt splits at every ':' and keeps the second
            }
            String digits = f.substring(0, colon);
            int lvl = words == Words.CONFIG ? level("log_filters", f, digits)
                    : runtimeLevel(digits, "Invalid priority '%s' for filter '%s'", f);
            out.add(new Filter(lvl, match));
        }
        return out;
    }

    public static List<Output> parseOutputs(String spec) {
        return parseOutputs(spec, Words.CONFIG);
    }

    private static List<Output> parseOutputs(String spec, Words words) {
        List<Output> out = new ArrayList<>();
        if (spec == null) {
            return out;
        }
        for (String o : spec.trim().split("\\s+")) {
            if (o.isEmpty()) {
                continue;
            }
            String[] p = words == Words.CONFIG ? o.split(":", 3) : o.split(":", -1);
            if (p.length < 2) {
                throw words == Words.CONFIG ? invalid("log_outputs", o)
                        : runtime("Malformed format for log output '%s'", o);
            }
            int lvl = words == Words.CONFIG ? level("log_outputs", o, p[0])
                    : runtimeLevel(p[0], "Invalid log priority '%s' for log output '%s'", o);
            Output parsed = switch (p[1]) {
                case "stderr", "journald" -> {
                    if (words == Words.RUNTIME && p.length != 2) {
                        throw runtime("Log output '%s' does not meet the format requirements for destination "
                                + "type '%s'", o, p[1]);
                    }
                    yield new Output(lvl, p[1], null);
                }
                case "file", "syslog" -> {
                    if (p.length < 3 || p[2].isEmpty() || words == Words.RUNTIME && p.length != 3) {
                        throw words == Words.CONFIG ? invalid("log_outputs", o)
                                : runtime("Log output '%s' does not meet the format requirements for destination "
                                        + "type '%s'", o, p[1]);
                    }
                    String target = p[1].equals("file") && words == Words.RUNTIME
                            ? Path.of(p[2]).toAbsolutePath().normalize().toString() : p[2];
                    yield new Output(lvl, p[1], target);
                }
                default -> throw words == Words.CONFIG ? invalid("log_outputs", o)
                        : runtime("Invalid log destination '%s' for log output '%s'", p[1], o);
            };
            // libvirt keeps the last of two outputs to the same place
            out.removeIf(x -> x.kind().equals(parsed.kind()) && java.util.Objects.equals(x.target(),
                    parsed.target()));
            out.add(parsed);
        }
        return out;
    }

    private static int runtimeLevel(String digits, String format, String item) {
        try {
            int l = Integer.parseInt(digits);
            if (l >= 1 && l <= 4) {
                return l;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw runtime(format, digits, item);
    }

    private static VirtException runtime(String format, Object... args) {
        return VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG, format, args);
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
        install(threshold, fs, os.isEmpty() ? List.of(defaultOutput(threshold)) : os, false);
    }

    /** The output used when none is defined: stderr at the default level (virLogSetDefaultOutputToStderr). */
    private static Output defaultOutput(int threshold) {
        return new Output(threshold, "stderr", null);
    }

    // ---- what virt-admin reads and changes at run time (virLogGetFilters/SetFilters, ...Outputs) ----------

    /** The filters in force, as virLogGetFilters writes them: "level:match " for each, or "" for none. */
    public static synchronized String filters() {
        StringBuilder b = new StringBuilder();
        for (Filter f : currentFilters) {
            b.append(f.level()).append(':').append(f.match()).append(' ');
        }
        return b.toString();
    }

    public static synchronized int filterCount() {
        return currentFilters.size();
    }

    /** The outputs in force, as virLogGetOutputs writes them ("3:stderr 1:file:/var/log/x.log"). */
    public static synchronized String outputs() {
        List<String> parts = new ArrayList<>();
        for (Output o : currentOutputs) {
            parts.add(o.level() + ":" + o.kind() + (o.target() != null ? ":" + o.target() : ""));
        }
        return String.join(" ", parts);
    }

    public static synchronized int outputCount() {
        return currentOutputs.size();
    }

    /** virLogSetFilters: replaces every filter; null or "" removes them all. libvirt's words on a bad entry. */
    public static synchronized void setFilters(String spec) {
        install(currentThreshold, parseFilters(spec, Words.RUNTIME), currentOutputs, true);
    }

    /** virLogSetOutputs: replaces every output; null or "" restores the default output. */
    public static synchronized void setOutputs(String spec) {
        List<Output> os = parseOutputs(spec, Words.RUNTIME);
        install(currentThreshold, currentFilters, os.isEmpty() ? List.of(defaultOutput(currentThreshold)) : os,
                true);
    }

    /** {@code strict}: an output that cannot be opened fails the change before anything is replaced (virt-admin). */
    private static void install(int threshold, List<Filter> fs, List<Output> os, boolean strict) {
        List<Handler> handlers = new ArrayList<>();
        for (Output o : os) {
            try {
                handlers.add(new OutputHandler(o, open(o, !strict), fs, threshold));
            } catch (IOException e) {
                if (strict) {
                    handlers.forEach(Handler::close);
                    throw VirtException.of(ErrorDomain.NONE, ErrorNumber.SYSTEM_ERROR, "failed to open %s: %s",
                            o.target() != null ? o.target() : o.kind(), reason(e));
                }
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
        currentThreshold = threshold;
        currentFilters = List.copyOf(fs);
        currentOutputs = List.copyOf(os);
    }

    /** strerror's words for the usual failures, as libvirt's virReportSystemError prints them. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage();
    }

    /** {@code createDirs}: the config file's outputs get their directory made; virt-admin's do not (libvirt). */
    private static Sink open(Output o, boolean createDirs) throws IOException {
        return switch (o.kind()) {
            case "file" -> {
                Path p = Path.of(o.target());
                if (createDirs && p.getParent() != null) {
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
