package org.jvirt.web.check;

import java.io.PrintStream;
import java.util.Locale;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainInfo;
import org.jvirt.DomainStateInfo;
import org.jvirt.NotFoundException;
import org.jvirt.VirtException;

/**
 * {@code bin/jvirt-check}: a nagios plugin answering "is this VM running here, and how is it doing". One line of
 * status and perfdata, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (the plugin guidelines' codes).
 * <pre>
 * jvirt-check -c URI -d DOMAIN [--interval SECONDS] [--cpu-warn PCT] [--cpu-crit PCT] [--mem-warn PCT] [--mem-crit PCT]
 * </pre>
 * Running (or blocked) is OK; paused, suspended, shutting down is WARNING; shut off, crashed or not defined here
 * is CRITICAL. CPU use is measured over the interval (CPU time over wall time and vCPUs); memory is the balloon's
 * current size against the maximum. A threshold crossed raises the state to WARNING or CRITICAL.
 */
public final class Check {

    public static final int OK = 0;
    public static final int WARNING = 1;
    public static final int CRITICAL = 2;
    public static final int UNKNOWN = 3;
    private static final String[] NAMES = {"OK", "WARNING", "CRITICAL", "UNKNOWN"};

    /** The options, with thresholds in percent (NaN = none). */
    record Options(String uri, String domain, double interval, double cpuWarn, double cpuCrit, double memWarn,
                   double memCrit) {
        static Options parse(String[] args) {
            String uri = null;
            String dom = null;
            double interval = 1;
            double[] t = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                if (v == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "-c", "--connect" -> uri = v;
                    case "-d", "--domain" -> dom = v;
                    case "--interval" -> interval = number(args[i], v);
                    case "--cpu-warn" -> t[0] = number(args[i], v);
                    case "--cpu-crit" -> t[1] = number(args[i], v);
                    case "--mem-warn" -> t[2] = number(args[i], v);
                    case "--mem-crit" -> t[3] = number(args[i], v);
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
                i++;
            }
            if (uri == null || dom == null) {
                throw new IllegalArgumentException("-c URI and -d DOMAIN are required");
            }
            if (interval < 0 || interval > 60) {
                throw new IllegalArgumentException("--interval is between 0 and 60 seconds");
            }
            return new Options(uri, dom, interval, t[0], t[1], t[2], t[3]);
        }

        private static double number(String opt, String v) {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(opt + " wants a number, not '" + v + "'");
            }
        }
    }

    private Check() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    private static final String HELP = """
            Usage: jvirt-check -c URI -d DOMAIN [--interval S] [--cpu-warn PCT] [--cpu-crit PCT] [--mem-warn PCT]
                               [--mem-crit PCT]
            Is this VM running here, and how is it doing: one status line with perfdata, exit 0 OK, 1 WARNING,
            2 CRITICAL, 3 UNKNOWN.
              -c, --connect URI    the connection to ask (read-only)
              -d, --domain NAME    the domain's name
              --interval S         seconds between the two CPU time samples (default 1, at most 60)
              --cpu-warn PCT       WARNING above this CPU use, in percent of all its vCPUs
              --cpu-crit PCT       CRITICAL above this CPU use
              --mem-warn PCT       WARNING above this memory, in percent of its maximum memory
              --mem-crit PCT       CRITICAL above this memory use
              -h, --help           this text
            """;

    /** Runs the check, prints its one line, returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.print(HELP);
            return OK; // help is not a check result (and man pages are made from it)
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("JVIRT UNKNOWN - " + e.getMessage() + "; usage: jvirt-check -c URI -d DOMAIN [--interval S]"
                    + " [--cpu-warn PCT] [--cpu-crit PCT] [--mem-warn PCT] [--mem-crit PCT]");
            return UNKNOWN;
        }
        try (Connect c = Connect.openReadOnly(o.uri())) {
            return check(c, o, out);
        } catch (NotFoundException e) {
            out.println("JVIRT CRITICAL - domain '" + o.domain() + "' is not defined on " + o.uri() + ": "
                    + e.getMessage());
            return CRITICAL;
        } catch (VirtException e) {
            out.println("JVIRT UNKNOWN - " + e.getMessage());
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.println("JVIRT UNKNOWN - interrupted");
            return UNKNOWN;
        }
    }

    private static int check(Connect c, Options o, PrintStream out) throws InterruptedException {
        Domain d = c.domainLookupByName(o.domain());
        DomainStateInfo st = d.getState();
        DomainInfo first = d.getInfo();
        long t0 = System.nanoTime();
        int code = switch (st.state()) {
            case RUNNING, BLOCKED -> OK;
            case PAUSED, PMSUSPENDED, SHUTDOWN, NOSTATE -> WARNING;
            case SHUTOFF, CRASHED -> CRITICAL;
        };
        String state = st.state().name().toLowerCase(Locale.ROOT);
        StringBuilder msg = new StringBuilder("domain '" + d.getName() + "' is " + state + " (" + st.reasonName()
                + ")");
        double cpu = Double.NaN;
        DomainInfo info = first;
        if (d.isActive() && o.interval() > 0) {
            Thread.sleep((long) (o.interval() * 1000));
            info = d.getInfo();
            double wall = (System.nanoTime() - t0) / 1e9;
            cpu = 100.0 * (info.cpuTimeNs() - first.cpuTimeNs()) / 1e9 / wall / Math.max(1, info.nrVirtCpu());
            msg.append(String.format(Locale.ROOT, ", cpu %.1f%%", cpu));
            code = worst(code, level(cpu, o.cpuWarn(), o.cpuCrit()));
        }
        double mem = info.maxMemKiB() > 0 ? 100.0 * info.memoryKiB() / info.maxMemKiB() : Double.NaN;
        msg.append(String.format(Locale.ROOT, ", memory %d/%d MiB", info.memoryKiB() / 1024, info.maxMemKiB() / 1024));
        if (d.isActive()) {
            code = worst(code, level(mem, o.memWarn(), o.memCrit()));
        }
        StringBuilder perf = new StringBuilder();
        perf.append("state=").append(st.state().code()).append(";;;0;7");
        perf.append(String.format(Locale.ROOT, " cpu_time=%.3fs;;;0", info.cpuTimeNs() / 1e9));
        if (!Double.isNaN(cpu)) {
            perf.append(String.format(Locale.ROOT, " cpu=%.2f%%;%s;%s;0", cpu, th(o.cpuWarn()), th(o.cpuCrit())));
        }
        perf.append(" memory=").append(info.memoryKiB() * 1024).append("B;;;0;").append(info.maxMemKiB() * 1024);
        if (!Double.isNaN(mem)) {
            perf.append(String.format(Locale.ROOT, " memory_used=%.2f%%;%s;%s;0;100", mem, th(o.memWarn()),
                    th(o.memCrit())));
        }
        perf.append(" vcpus=").append(info.nrVirtCpu());
        out.println("JVIRT " + NAMES[code] + " - " + msg + " | " + perf);
        return code;
    }

    private static int level(double v, double warn, double crit) {
        if (Double.isNaN(v)) {
            return OK;
        }
        if (!Double.isNaN(crit) && v >= crit) {
            return CRITICAL;
        }
        if (!Double.isNaN(warn) && v >= warn) {
            return WARNING;
        }
        return OK;
    }

    private static int worst(int a, int b) {
        return Math.max(a, b);
    }

    private static String th(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%s", v);
    }
}
