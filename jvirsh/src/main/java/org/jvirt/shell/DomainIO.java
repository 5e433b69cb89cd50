package org.jvirt.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.jvirt.Domain;
import org.jvirt.DomainBlockStats;
import org.jvirt.DomainInterfaceStats;
import org.jvirt.DomainJobInfo;
import org.jvirt.DomainJobType;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Stream;
import org.jvirt.VirtException;

/**
 * Handlers that move data between the guest and the user (screenshot, console), the statistics commands
 * (domblkstat, domifstat, dommemstat, domjobinfo) and the progress display of long jobs (virshWatchJob).
 */
final class DomainIO {

    private DomainIO() {
    }

    // ---- screenshot -------------------------------------------------------------------------------------------

    /** virshGenFileName: NAME-YYYY-MM-DD-HH:MM:SS with an extension known for the MIME type. */
    static String genFileName(Domain d, String mime) {
        String ext = switch (mime) {
            case "image/x-portable-pixmap" -> ".ppm";
            case "image/png" -> ".png";
            default -> "";
        };
        String now = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HH:mm:ss", Locale.ROOT));
        return d.getName() + "-" + now + ext;
    }

    /** cmdScreenshot. */
    static boolean screenshot(Shell sh, Invocation cmd) {
        String file = cmd.string("file");
        int screen = (int) cmd.uint("screen", 0);
        Domain d = Lookup.domain(sh, cmd);
        String name = cmd.req("domain");
        Stream st = sh.conn().newStream();
        try {
            String mime;
            try {
                mime = d.screenshot(st, screen);
            } catch (VirtException e) {
                throw sh.fail(e, "could not take a screenshot of %s", name);
            }
            if (mime == null) {
                throw sh.fail("could not take a screenshot of %s", name);
            }
            if (file == null) {
                file = genFileName(d, mime);
            }
            Path p = sh.path(file);
            boolean created = false;
            OutputStream out;
            try {
                try {
                    out = Files.newOutputStream(p, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
                    created = true;
                } catch (FileAlreadyExistsException e) {
                    out = Files.newOutputStream(p, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                }
            } catch (IOException e) {
                throw sh.fail("cannot create file %s", file);
            }
            boolean ok = false;
            try {
                try {
                    byte[] buf = new byte[256 * 1024];
                    int n;
                    while ((n = st.recv(buf, 0, buf.length)) > 0) {
                        out.write(buf, 0, n);
                    }
                } catch (VirtException e) {
                    throw sh.fail(e, "could not receive data from domain '%s'", name);
                } catch (IOException e) {
                    throw sh.fail("could not receive data from domain '%s'", name);
                }
                try {
                    out.close();
                } catch (IOException e) {
                    throw sh.fail("cannot close file %s", file);
                }
                try {
                    st.finish();
                } catch (VirtException e) {
                    throw sh.fail(e, "cannot close stream on domain '%s'", name);
                }
                ok = true;
            } finally {
                if (!ok) {
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // already failing
                    }
                    if (created) {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException ignored) {
                            // as virsh's unlink, best effort
                        }
                    }
                }
            }
            sh.printExtra("Screenshot saved to %s, with type of %s", file, mime);
            return true;
        } finally {
            st.close();
        }
    }

    // ---- console ----------------------------------------------------------------------------------------------

    /** vshGetEscapeChar: "^X" is Ctrl+X, anything else its first character. */
    static int escapeChar(String s) {
        if (s.length() >= 2 && s.charAt(0) == '^') {
            return Character.toUpperCase(s.charAt(1)) ^ 0x40;
        }
        return s.isEmpty() ? 0x1d : s.charAt(0);
    }

    /** cmdConsole and cmdRunConsole. */
    static boolean console(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String dev = cmd.string("devname");
        boolean force = cmd.bool("force");
        DomainState state;
        try {
            state = d.getState().state();
        } catch (VirtException e) {
            throw sh.fail(e, "Unable to get domain status");
        }
        if (state == DomainState.SHUTOFF) {
            throw sh.fail("The domain is not running");
        }
        if (!sh.stdinTty) {
            throw sh.fail("Cannot run interactive console without a controlling TTY");
        }
        sh.printExtra("Connected to domain '%s'\n", d.getName());
        sh.printExtra("Escape character is %s", sh.escape);
        if (sh.escape.charAt(0) == '^') {
            sh.printExtra(" (Ctrl + %c)", sh.escape.charAt(1));
        }
        sh.printExtra("\n");
        sh.out.flush();
        Stream st = sh.conn().newStream();
        try {
            d.openConsole(dev, st, force);
            runConsole(sh, st, escapeChar(sh.escape));
        } finally {
            st.close();
        }
        return true;
    }

    /** virshRunConsole: guest output to stdout, stdin to the guest until the escape character or the end. */
    private static void runConsole(Shell sh, Stream st, int esc) {
        String saved = sttySettings();
        boolean raw = saved != null && stty("raw", "-echo");
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = st.recv(buf, 0, buf.length)) > 0) {
                    sh.out.write(buf, 0, n);
                    sh.out.flush();
                }
            } catch (RuntimeException e) {
                // the stream ended or was aborted
            }
        });
        try {
            InputStream in = sh.in;
            byte[] buf = new byte[1024];
            int n;
            outer:
            while (true) {
                // poll, so that the end of the guest's side also ends the session
                if (in.available() <= 0) {
                    if (!reader.isAlive()) {
                        break;
                    }
                    Thread.sleep(10);
                    continue;
                }
                n = in.read(buf, 0, Math.min(buf.length, in.available()));
                if (n <= 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    if ((buf[i] & 0xff) == esc) {
                        if (i > 0) {
                            st.send(buf, 0, i);
                        }
                        break outer;
                    }
                }
                st.send(buf, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            // stdin or the stream ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (raw) {
                stty(saved);
            }
        }
        try {
            st.abort();
        } catch (RuntimeException ignored) {
            // already closed
        }
        reader.interrupt();
    }

    /** The terminal's settings as "stty -g" prints them, null when stdin is no terminal. */
    private static String sttySettings() {
        try {
            Process p = new ProcessBuilder("stty", "-g").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .strip();
            return p.waitFor() == 0 && !out.isEmpty() ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static boolean stty(String... args) {
        try {
            String[] c = new String[args.length + 1];
            c[0] = "stty";
            System.arraycopy(args, 0, c, 1, args.length);
            Process p = new ProcessBuilder(c).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // ---- statistics -------------------------------------------------------------------------------------------

    private static final String[][] BLKSTAT = {
        {"rd_req", "number of read operations:"},
        {"rd_bytes", "number of bytes read:"},
        {"wr_req", "number of write operations:"},
        {"wr_bytes", "number of bytes written:"},
        {"errs", "error count:"},
    };

    /** cmdDomblkstat through virDomainBlockStats (the legacy branch: the API has no typed parameters). */
    static boolean domblkstat(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String name = cmd.req("domain");
        String device = cmd.string("device");
        if (device == null) {
            device = "";
        }
        boolean human = cmd.bool("human");
        DomainBlockStats s;
        try {
            s = d.blockStats(device);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to get block stats %s %s", name, device);
        }
        if (human) {
            sh.print("Device: %s\n", device);
            device = "";
        }
        long[] v = {s.rdReq(), s.rdBytes(), s.wrReq(), s.wrBytes(), s.errs()};
        for (int i = 0; i < v.length; i++) {
            if (v[i] >= 0) {
                String field = human ? BLKSTAT[i][1] : BLKSTAT[i][0];
                // virsh's "%-*s" with width 31 or 0 (Java has no "%-s")
                sh.print(human ? "%s %-31s %d\n" : "%s %s %d\n", device, field, v[i]);
            }
        }
        return true;
    }

    /** cmdDomIfstat. */
    static boolean domifstat(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String name = cmd.req("domain");
        String device = cmd.req("interface");
        DomainInterfaceStats s;
        try {
            s = d.interfaceStats(device);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to get interface stats %s %s", name, device);
        }
        String[] f = {"rx_bytes", "rx_packets", "rx_errs", "rx_drop", "tx_bytes", "tx_packets", "tx_errs", "tx_drop"};
        long[] v = {s.rxBytes(), s.rxPackets(), s.rxErrs(), s.rxDrop(), s.txBytes(), s.txPackets(), s.txErrs(),
            s.txDrop()};
        for (int i = 0; i < f.length; i++) {
            if (v[i] >= 0) {
                sh.print("%s %s %d\n", device, f[i], v[i]);
            }
        }
        return true;
    }

    /** virDomainMemoryStatTags in cmdDomMemStat's test order, as printed. */

    /** cmdDomMemStat. */
    static boolean dommemstat(Shell sh, Invocation cmd) {
        MonitorCommands.exclusive(sh, cmd, "current", "live");
        MonitorCommands.exclusive(sh, cmd, "current", "config");
        Domain d = Lookup.domain(sh, cmd);
        String name = cmd.req("domain");
        if (cmd.has("period")) {
            int period = cmd.integer("period", -1);
            if (period < 0) {
                throw sh.fail("Invalid collection period value '%d'", period);
            }
            // the jvirt API has no virDomainSetMemoryStatsPeriod
            throw sh.fail(VirtException.noSupport(ErrorDomain.NONE, "virDomainSetMemoryStatsPeriod"),
                    "Unable to change balloon collection period.");
        }
        Map<String, Long> stats;
        try {
            stats = d.memoryStats();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to get memory statistics for domain %s", name);
        }
        // the driver's order where it keeps one, else libvirt's tag order
        for (Map.Entry<String, Long> e : stats.entrySet()) {
            if (org.jvirt.DomainMemoryStat.byName(e.getKey()).isPresent()) {
                sh.print("%s %s\n", e.getKey(), Long.toUnsignedString(e.getValue()));
            }
        }
        return true;
    }

    private static final String[] JOB_TYPES = {"None", "Bounded", "Unbounded", "Completed", "Failed", "Cancelled"};

    /** vshPrettyCapacity with virsh's "%-.3lf %s". */
    private static String capacity(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes < 0 ? bytes + 0x1p64 : bytes;
        int u = 0;
        while (u < units.length - 1 && v >= 1024) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.3f %s", v, units[u]);
    }

    /** cmdDomjobinfo: the figures of virDomainGetJobInfo; flags and raw statistics need virDomainGetJobStats. */
    static boolean domjobinfo(Shell sh, Invocation cmd) {
        if (cmd.bool("keep-completed") && !cmd.bool("completed")) {
            throw sh.fail("Option --%s is required by option --%s", "completed", "keep-completed");
        }
        Domain d = Lookup.domain(sh, cmd);
        boolean completed = cmd.bool("completed");
        boolean extra = completed || cmd.bool("keep-completed") || cmd.bool("rawstats");
        DomainJobInfo info;
        if (extra) {
            // virsh asks virDomainGetJobStats; without it, flags and raw statistics cannot be had
            try {
                d.getJobStats(completed ? new org.jvirt.flags.DomainGetJobStatsFlag[] {
                        org.jvirt.flags.DomainGetJobStatsFlag.COMPLETED} : new org.jvirt.flags.DomainGetJobStatsFlag[0]);
            } catch (VirtException e) {
                if (e.number() == ErrorNumber.NO_SUPPORT) {
                    throw sh.fail(e, "Optional flags or --rawstats are not supported by the daemon");
                }
                throw new Failed(e);
            }
        }
        try {
            info = d.getJobInfo();
        } catch (VirtException e) {
            throw new Failed(e);
        }
        if (cmd.bool("rawstats")) {
            sh.print("Job type: %d\n\n", info.type().code());
            return true;
        }
        String f = "%-17s %-12s\n";
        int t = info.type().code();
        sh.print(f, "Job type:", t >= 0 && t < JOB_TYPES.length ? JOB_TYPES[t] : "unknown");
        if (info.type() == DomainJobType.NONE) {
            return true;
        }
        sh.print(f, "Operation:", "Unknown");
        if (!cmd.bool("anystats") && info.type() != DomainJobType.BOUNDED
                && info.type() != DomainJobType.UNBOUNDED
                && (!completed || info.type() != DomainJobType.COMPLETED)) {
            return true;
        }
        sh.print("%-17s %-12s ms\n", "Time elapsed:", Long.toUnsignedString(info.timeElapsed()));
        if (info.type() == DomainJobType.BOUNDED) {
            sh.print("%-17s %-12s ms\n", "Time remaining:", Long.toUnsignedString(info.timeRemaining()));
        }
        String c = "%-17s %s\n";
        if (info.dataTotal() != 0 || info.dataRemaining() != 0 || info.dataProcessed() != 0) {
            sh.print(c, "Data processed:", capacity(info.dataProcessed()));
            sh.print(c, "Data remaining:", capacity(info.dataRemaining()));
            sh.print(c, "Data total:", capacity(info.dataTotal()));
        }
        if (info.memTotal() != 0 || info.memRemaining() != 0 || info.memProcessed() != 0) {
            sh.print(c, "Memory processed:", capacity(info.memProcessed()));
            sh.print(c, "Memory remaining:", capacity(info.memRemaining()));
            sh.print(c, "Memory total:", capacity(info.memTotal()));
        }
        if (info.fileTotal() != 0 || info.fileRemaining() != 0 || info.fileProcessed() != 0) {
            sh.print(c, "File processed:", capacity(info.fileProcessed()));
            sh.print(c, "File remaining:", capacity(info.fileRemaining()));
            sh.print(c, "File total:", capacity(info.fileTotal()));
        }
        return true;
    }

    // ---- job progress -----------------------------------------------------------------------------------------

    /** A job run by {@link #watch}. */
    interface Job {
        void run();
    }

    /** virshPrintJobProgress: "\rLABEL: [NNN %]" on stderr. */
    static void progress(Shell sh, String label, long remaining, long total) {
        int p;
        if (remaining == 0) {
            p = 100;
        } else {
            p = (int) (100.0 - remaining * 100.0 / total);
            if (p >= 100) {
                p = 99;
            }
        }
        sh.out.flush();
        sh.err.print(String.format(Locale.ROOT, "\r%s: [%3d %%]", label, p));
        sh.err.flush();
    }

    /**
     * virshWatchJob: runs the job in its own thread and, with {@code verbose}, polls the domain's job info every
     * 500 ms to print progress (nothing when the driver cannot tell) and [100 %] when the job succeeded.
     * Exceptions of the job are rethrown here.
     */
    static void watch(Shell sh, Domain d, String label, boolean verbose, Job job) {
        if (!verbose) {
            job.run();
            return;
        }
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        });
        try {
            while (!t.join(java.time.Duration.ofMillis(500))) {
                try {
                    DomainJobInfo info = d.getJobInfo();
                    if (info.dataTotal() > 0) {
                        progress(sh, label, info.dataRemaining(), info.dataTotal());
                    }
                } catch (VirtException e) {
                    // virsh resets the error and keeps waiting
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        progress(sh, label, 0, 1);
    }

    // ---- small commands over the API or the domain XML --------------------------------------------------------

    /** cmdDomjobabort: virDomainAbortJob, or virDomainAbortJobFlags (not in the API) for --postcopy. */
    static boolean domjobabort(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        if (cmd.bool("postcopy")) {
            throw new Failed(VirtException.noSupport(ErrorDomain.NONE, "virDomainAbortJobFlags"));
        }
        try {
            d.abortJob();
        } catch (VirtException e) {
            throw new Failed(e);
        }
        return true;
    }

    /** cmdTTYConsole: the console's tty from the live XML; fails silently without one. */
    static boolean ttyconsole(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        org.w3c.dom.Document doc = Xml.parse(d.getXMLDesc());
        if (doc == null) {
            throw sh.fail("Failed to parse domain XML");
        }
        String tty = Xml.string(doc, "/domain/devices/console/@tty");
        if (tty == null) {
            return false;
        }
        sh.print("%s\n", tty);
        return true;
    }

    /** cmdNWFilterBindingList. */
    static boolean nwfilterBindingList(Shell sh, Invocation cmd) {
        java.util.List<org.jvirt.NWFilterBinding> list;
        try {
            list = new java.util.ArrayList<>(sh.conn().listAllNWFilterBindings());
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to list network filter bindings");
        }
        list.sort((a, b) -> Strings.caseCompare(a.getPortDev(), b.getPortDev()));
        Table t = new Table("Port Dev", "Filter");
        for (org.jvirt.NWFilterBinding b : list) {
            t.row(b.getPortDev(), b.getFilterName());
        }
        t.print(sh);
        return true;
    }

    /** cmdVNCDisplay: [listen]:display from the live XML's VNC graphics. */
    static boolean vncdisplay(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        if (!d.isActive()) {
            throw sh.fail("Domain is not running");
        }
        org.w3c.dom.Document doc = Xml.parse(d.getXMLDesc());
        if (doc == null) {
            throw sh.fail("Failed to parse domain XML");
        }
        String p = Xml.string(doc, "/domain/devices/graphics[@type='vnc']/@port");
        Long port = p == null ? null : Numbers.parse(p.strip(), false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (port == null) {
            throw sh.fail("Failed to get VNC port. Is this domain using VNC?");
        }
        String listen = Xml.string(doc, "/domain/devices/graphics[@type='vnc']/@listen");
        if (listen == null) {
            listen = Xml.string(doc, "/domain/devices/graphics[@type='vnc']/listen/@address");
        }
        if (listen == null || listen.equals("0.0.0.0")) {
            sh.print(":%d\n", port - 5900);
        } else {
            sh.print("%s:%d\n", listen, port - 5900);
        }
        return true;
    }

    /** virMacAddrParse + virMacAddrFormat: the lower-case form of a MAC address, or "" when it is none. */
    static String normalizeMac(String s) {
        String[] parts = s.split(":", -1);
        if (parts.length != 6) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return "";
            }
            if (b.length() > 0) {
                b.append(':');
            }
            b.append(String.format(Locale.ROOT, "%02x", Integer.parseInt(p, 16)));
        }
        return b.toString();
    }

    /** cmdDomIfGetLink: the link state of the interface with that MAC or target device. */
    static boolean domifGetlink(Shell sh, Invocation cmd) {
        String iface = cmd.req("interface");
        boolean config = cmd.bool("config");
        Domain d = Lookup.domain(sh, cmd);
        String x = config ? d.getXMLDesc(org.jvirt.flags.DomainXMLFlag.INACTIVE) : d.getXMLDesc();
        org.w3c.dom.Document doc = Xml.parse(x);
        if (doc == null) {
            throw sh.fail("Failed to parse domain XML");
        }
        String mac = normalizeMac(iface);
        java.util.List<org.w3c.dom.Node> found = new java.util.ArrayList<>();
        for (org.w3c.dom.Node n : Xml.nodes(doc, "/domain/devices/interface")) {
            String m = Xml.string(n, "mac/@address");
            String dev = Xml.string(n, "target/@dev");
            if (mac.equals(m) || iface.equals(dev)) {
                found.add(n);
            }
        }
        if (found.isEmpty()) {
            if (!mac.isEmpty()) {
                throw sh.fail("Interface (mac: %s) not found.", mac);
            }
            throw sh.fail("Interface (dev: %s) not found.", iface);
        }
        if (found.size() > 1) {
            throw sh.fail("multiple matching interfaces found");
        }
        String state = Xml.string(found.get(0), "link/@state");
        sh.print("%s %s", iface, state != null ? state : "up");
        return true;
    }

    /** cmdDomblkinfoGet: "-" for an empty disk, else bytes or vshPrettyCapacity's "%.3lf unit". */
    private static String[] blkinfoCells(org.jvirt.DomainBlockInfo i, boolean human) {
        if (i.capacity() == 0 && i.allocation() == 0 && i.physical() == 0) {
            return new String[] {"-", "-", "-"};
        }
        if (!human) {
            return new String[] {Long.toUnsignedString(i.capacity()), Long.toUnsignedString(i.allocation()),
                Long.toUnsignedString(i.physical())};
        }
        return new String[] {capacity(i.capacity()), capacity(i.allocation()), capacity(i.physical())};
    }

    /** cmdDomblkinfo. */
    static boolean domblkinfo(Shell sh, Invocation cmd) {
        boolean all = cmd.bool("all");
        if (all && cmd.has("device")) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", "all", "device");
        }
        Domain d = Lookup.domain(sh, cmd);
        String device = all ? null : cmd.string("device");
        if (!all && (device == null || device.isEmpty())) {
            throw sh.fail("command 'domblkinfo' requires <device> option");
        }
        boolean human = cmd.bool("human");
        if (!all) {
            org.jvirt.DomainBlockInfo info;
            try {
                info = d.getBlockInfo(device);
            } catch (VirtException e) {
                throw new Failed(e);
            }
            String[] c = blkinfoCells(info, human);
            sh.print("%-15s %s\n", "Capacity:", c[0]);
            sh.print("%-15s %s\n", "Allocation:", c[1]);
            sh.print("%-15s %s\n", "Physical:", c[2]);
            return true;
        }
        boolean active = d.isActive();
        org.w3c.dom.Document doc = Xml.parse(d.getXMLDesc());
        if (doc == null) {
            throw sh.fail("Failed to parse domain XML");
        }
        Table t = new Table("Target", "Capacity", "Allocation", "Physical");
        for (org.w3c.dom.Node disk : Xml.nodes(doc, "/domain/devices/disk")) {
            String protocol = Xml.string(disk, "source/@protocol");
            String target = Xml.string(disk, "target/@dev");
            org.jvirt.DomainBlockInfo info = new org.jvirt.DomainBlockInfo(0, 0, 0);
            if (!Xml.nodes(disk, "source").isEmpty()) {
                try {
                    info = d.getBlockInfo(target == null ? "" : target);
                } catch (VirtException e) {
                    if (!(protocol != null && !active && e.number() == ErrorNumber.INTERNAL_ERROR
                            && e.errorDomain() == ErrorDomain.STORAGE)) {
                        throw new Failed(e);
                    }
                }
            }
            String[] c = blkinfoCells(info, human);
            t.row(target == null ? "" : target, c[0], c[1], c[2]);
        }
        t.print(sh);
        return true;
    }

    /** virXPathInt on a string(...) expression: the value, or null when absent or not an int. */
    private static Integer xpathInt(Object ctx, String xpath) {
        String v = Xml.string(ctx, xpath);
        Long l = v == null ? null : Numbers.parse(v, false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return l == null ? null : l.intValue();
    }

    private static boolean wildcard(String addr) {
        return addr.equals("0.0.0.0") || addr.equals("::") || addr.matches("0*:(0*:)*0*")
                && addr.replace(":", "").replace("0", "").isEmpty();
    }

    /** virshGetOneDisplay (and virshGetDBusDisplay): the URI of one graphics type, null when it has none. */
    /** virXPathString: null for nothing or the empty string. */
    private static String xs(Object ctx, String xpath) {
        String v = Xml.string(ctx, xpath);
        return v == null || v.isEmpty() ? null : v;
    }

    private static String oneDisplay(Shell sh, String scheme, org.w3c.dom.Document doc) {
        String g = "/domain/devices/graphics[@type='" + scheme + "']/";
        if (scheme.equals("dbus")) {
            String addr = xs(doc, g + "@address");
            if (addr == null || addr.isEmpty()) {
                return null;
            }
            if (addr.startsWith("unix:path=")) {
                return "dbus+unix://" + addr.substring(10);
            }
            sh.error("'%s' D-Bus address is not handled", addr);
            return null;
        }
        Integer p = xpathInt(doc, g + "@port");
        int port = p == null ? 0 : p;
        Integer tp = xpathInt(doc, g + "@tlsPort");
        int tlsPort = tp == null ? 0 : tp;
        String listen = xs(doc, g + "@listen");
        String sock = null;
        if ("socket".equals(xs(doc, g + "listen/@type"))) {
            sock = xs(doc, g + "listen/@socket");
        }
        if (port == 0 && tlsPort == 0 && sock == null) {
            return null;
        }
        if (listen == null) {
            listen = xs(doc, g + "listen/@address");
        } else if (wildcard(listen)) {
            listen = null;
            try {
                java.net.URI uri = new java.net.URI(sh.conn().getURI());
                listen = uri.getHost();
            } catch (java.net.URISyntaxException | RuntimeException e) {
                // no server in the URI
            }
        }
        String passwd = xs(doc, g + "@passwd");
        StringBuilder b = new StringBuilder(scheme).append(sock != null ? "+unix://" : "://");
        if (scheme.equals("vnc") && passwd != null) {
            b.append(':').append(passwd).append('@');
        }
        if (listen == null && sock == null) {
            b.append("localhost");
        } else if (sock == null && listen.contains(":")) {
            b.append('[').append(listen).append(']');
        } else {
            b.append(sock != null ? sock : listen);
        }
        if (port != 0) {
            b.append(':').append(scheme.equals("vnc") ? port - 5900 : port);
        }
        b.append('?');
        if (tlsPort != 0) {
            b.append("tls-port=").append(tlsPort).append('&');
        }
        if (scheme.equals("spice") && passwd != null) {
            b.append("password=").append(passwd).append('&');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }

    /** cmdDomDisplay. */
    static boolean domdisplay(Shell sh, Invocation cmd) {
        boolean all = cmd.bool("all");
        if (all && cmd.has("type")) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", "all", "type");
        }
        Domain d = Lookup.domain(sh, cmd);
        if (!d.isActive()) {
            throw sh.fail("Domain is not running");
        }
        String type = cmd.string("type");
        String x = cmd.bool("include-password") ? d.getXMLDesc(org.jvirt.flags.DomainXMLFlag.SECURE)
                : d.getXMLDesc();
        org.w3c.dom.Document doc = Xml.parse(x);
        if (doc == null) {
            throw sh.fail("Failed to parse domain XML");
        }
        boolean ok = false;
        for (String scheme : new String[] {"vnc", "spice", "rdp", "dbus"}) {
            if (!all && type != null && !type.equals(scheme)) {
                continue;
            }
            String display = oneDisplay(sh, scheme, doc);
            if (display == null) {
                continue;
            }
            sh.print("%s", display);
            ok = true;
            if (!all) {
                break;
            }
            sh.print("\n");
        }
        if (!ok) {
            if (type != null) {
                throw sh.fail("No graphical display with type '%s' found", type);
            }
            throw sh.fail("No graphical display found");
        }
        return true;
    }
}
