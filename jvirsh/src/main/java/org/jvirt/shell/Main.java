package org.jvirt.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.Connect;

/**
 * {@code jvirsh [options]... [<command_string>]} or {@code jvirsh [options]... <command> [args...]}: virsh's
 * command line (tools/virsh.c, virshParseArgv), exit status 0 when the last command succeeded, 1 otherwise.
 * {@link #run} is the whole program without {@code System.exit}, so tests call it in-process.
 */
public final class Main {

    /** Long options and whether they take a value, getopt_long style ("+:c:d:e:hk:K:l:qrtvV"). */
    private static final String[][] LONG = {
        {"connect", "c", "1"}, {"debug", "d", "1"}, {"escape", "e", "1"}, {"help", "h", "0"},
        {"keepalive-interval", "k", "1"}, {"keepalive-count", "K", "1"}, {"log", "l", "1"},
        {"quiet", "q", "0"}, {"readonly", "r", "0"}, {"timing", "t", "0"}, {"version", "v", "2"},
    };
    private static final String SHORT_WITH_ARG = "cdekKl";
    private static final String SHORT_NO_ARG = "hqrtvV";

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int rc = run(args, System.in, out, System.err);
        out.flush();
        System.exit(rc);
    }

    /** Thrown to end argument parsing with an exit status (virsh calls exit() there). */
    private static final class Exit extends RuntimeException {
        final int rc;

        Exit(int rc) {
            super(null, null, false, false);
            this.rc = rc;
        }
    }

    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Shell sh = new Shell(CommandTable.standard(), out, err);
        sh.in = in;
        sh.stdinTty = in == System.in && onTerminal();
        try {
            return runShell(sh, args, in);
        } catch (Exit e) {
            return e.rc;
        } finally {
            sh.close();
            out.flush();
            err.flush();
        }
    }

    private static int runShell(Shell sh, String[] args, InputStream in) {
        int i = 0;
        while (i < args.length) {
            String a = args[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                break;
            }
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                String[] opt = longOpt(name);
                if (opt == null) {
                    sh.error("unsupported option '%s'. See --help.", a);
                    throw new Exit(1);
                }
                if (opt[2].equals("1") && value == null) {
                    if (i + 1 >= args.length) {
                        sh.error("option '-%s'/'--%s' requires an argument", opt[1], opt[0]);
                        throw new Exit(1);
                    }
                    value = args[++i];
                } else if (opt[2].equals("0") && value != null) {
                    sh.error("unsupported option '%s'. See --help.", a);
                    throw new Exit(1);
                }
                option(sh, opt[1].charAt(0), value, "--" + opt[0]);
                i++;
                continue;
            }
            // a cluster of short options, "-qr" or "-cURI"
            int j = 1;
            while (j < a.length()) {
                char c = a.charAt(j);
                if (SHORT_WITH_ARG.indexOf(c) >= 0) {
                    String value;
                    if (j + 1 < a.length()) {
                        value = a.substring(j + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        String[] opt = null;
                        for (String[] o : LONG) {
                            if (o[1].equals(String.valueOf(c))) {
                                opt = o;
                            }
                        }
                        sh.error("option '-%c'/'--%s' requires an argument", c, opt[0]);
                        throw new Exit(1);
                    }
                    option(sh, c, value, "-" + c);
                    break;
                } else if (SHORT_NO_ARG.indexOf(c) >= 0) {
                    option(sh, c, null, "-" + c);
                    j++;
                } else {
                    sh.error("unsupported option '-%c'. See --help.", c);
                    throw new Exit(1);
                }
            }
            i++;
        }
        List<String> rest = new ArrayList<>(List.of(args).subList(i, args.length));
        List<Invocation> cmds = null;
        if (!rest.isEmpty()) {
            try {
                cmds = rest.size() == 1 ? sh.parser.parseString(rest.get(0)) : sh.parser.parseArgv(rest);
            } catch (Failed f) {
                return 1;
            }
        }
        if (sh.connname != null) {
            try {
                sh.reconnect(null, false);
            } catch (Failed f) {
                if (f.cause != null) {
                    sh.error("%s", f.cause.getMessage());
                }
                return 1;
            }
        }
        if (sh.connname == null) {
            String env = System.getenv("VIRSH_DEFAULT_CONNECT_URI");
            sh.connname = env;
        }
        if (cmds != null) {
            return sh.run(cmds) ? 0 : 1;
        }
        sh.interactive = true;
        if (!sh.quiet) {
            sh.print("Welcome to %s, the virtualization interactive terminal.\n\n", "jvirsh");
            sh.print("Type:  'help' for help with commands\n       'quit' to quit\n\n");
        }
        if (in == System.in && onTerminal()) {
            Interactive.loop(sh);
        } else {
            plainLoop(sh, in);
        }
        return 0;
    }

    /** Lines from a pipe: no editing, the prompt still printed, as virsh does without a terminal. */
    private static void plainLoop(Shell sh, InputStream in) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        while (!sh.quit) {
            sh.print("%s", prompt(sh));
            sh.out.flush();
            String line;
            try {
                line = r.readLine();
            } catch (IOException e) {
                line = null;
            }
            if (line == null) {
                sh.print("\n");
                break;
            }
            if (!line.isBlank()) {
                sh.runLine(line);
            }
        }
    }

    /** Whether stdin and stdout are a terminal; Console.isTerminal (JDK 22+) is asked when it exists. */
    private static boolean onTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    static String prompt(Shell sh) {
        return sh.readonly ? "jvirsh > " : "jvirsh # ";
    }

    private static String[] longOpt(String name) {
        String[] found = null;
        for (String[] o : LONG) {
            if (o[0].equals(name)) {
                return o;
            }
            if (o[0].startsWith(name)) {
                if (found != null) {
                    return null;
                }
                found = o;
            }
        }
        return found;
    }

    private static void option(Shell sh, char c, String value, String spelled) {
        switch (c) {
            case 'c' -> sh.connname = value;
            case 'd' -> {
                Long d = Numbers.parse(value, false, Integer.MIN_VALUE, Integer.MAX_VALUE);
                if (d == null) {
                    sh.error("option %s takes a numeric argument", spelled.startsWith("--") ? "--debug" : "-d");
                    throw new Exit(1);
                }
                if (d < 0 || d > 4) {
                    sh.error("ignoring debug level %d out of range [%d-%d]", d, 0, 4);
                } else {
                    sh.debug = d.intValue();
                }
            }
            case 'e' -> {
                boolean ok = (value.length() == 2 && value.charAt(0) == '^'
                        && ((value.charAt(1) >= 'a' && value.charAt(1) <= 'z')
                        || (value.charAt(1) >= '@' && value.charAt(1) <= '_')))
                        || (value.length() == 1 && value.charAt(0) != '^');
                if (!ok) {
                    sh.error("Invalid string '%s' for escape sequence", value);
                    throw new Exit(1);
                }
                sh.escape = value;
            }
            case 'h' -> {
                usage(sh);
                throw new Exit(0);
            }
            case 'k', 'K' -> {
                String which = c == 'k' ? "keepalive-interval" : "keepalive-count";
                Long k = Numbers.parse(value, false, Integer.MIN_VALUE, Integer.MAX_VALUE);
                String shown = spelled.startsWith("--") ? "--" + which : "-" + c;
                if (k == null) {
                    sh.error("Invalid value for option %s", shown);
                    throw new Exit(1);
                }
                if (k < 0) {
                    sh.error("option %s requires a positive integer argument", shown);
                    throw new Exit(1);
                }
            }
            case 'l' -> {
                // virsh's log file is not kept by jvirsh: its debug log has no counterpart yet
            }
            case 'q' -> sh.quiet = true;
            case 'r' -> sh.readonly = true;
            case 't' -> {
                // timing is accepted for compatibility; not printed
            }
            case 'v' -> {
                if (!"long".equals(value)) {
                    sh.print("%s\n", version());
                    throw new Exit(0);
                }
                showVersion(sh);
                throw new Exit(0);
            }
            case 'V' -> {
                showVersion(sh);
                throw new Exit(0);
            }
            default -> throw new IllegalStateException("option " + c);
        }
    }

    static String version() {
        long v = Connect.LIBVIRT_VERSION;
        return (v / 1_000_000) + "." + (v / 1000 % 1000) + "." + (v % 1000);
    }

    private static void showVersion(Shell sh) {
        sh.print("Virsh command line tool of libvirt %s\n", version());
        sh.print("See web site at %s\n\n", "https://libvirt.org/");
        sh.print("Compiled with support for:\n");
        sh.print(" Hypervisors: QEMU/KVM Test\n");
        sh.print(" Networking: Remote Network Bridging Interface Nwfilter\n");
        sh.print(" Storage: Dir\n");
        sh.print(" Miscellaneous: Daemon Nodedev Secrets Debug Readline\n");
    }

    private static void usage(Shell sh) {
        StringBuilder b = new StringBuilder();
        b.append("\njvirsh [options]... [<command_string>]\njvirsh [options]... <command> [args...]\n\n")
                .append("  options:\n")
                .append("    -c | --connect=URI      hypervisor connection URI\n")
                .append("    -d | --debug=NUM        debug level [0-4]\n")
                .append("    -e | --escape <char>    set escape sequence for console\n")
                .append("    -h | --help             this help\n")
                .append("    -k | --keepalive-interval=NUM\n")
                .append("                            keepalive interval in seconds, 0 for disable\n")
                .append("    -K | --keepalive-count=NUM\n")
                .append("                            number of possible missed keepalive messages\n")
                .append("    -l | --log=FILE         output logging to file\n")
                .append("    -q | --quiet            quiet mode\n")
                .append("    -r | --readonly         connect readonly\n")
                .append("    -t | --timing           print timing information\n")
                .append("    -v                      short version\n")
                .append("    -V                      long version\n")
                .append("         --version[=TYPE]   version, TYPE is short or long (default short)\n")
                .append("  commands (non interactive mode):\n\n");
        for (Group g : sh.table.groups()) {
            b.append(String.format(" %s (help keyword '%s')\n", g.name(), g.keyword()));
            for (Command c : g.commands()) {
                if (c.aliasOf() == null && !c.isHidden()) {
                    b.append(String.format("    %-30s %s\n", c.name(), c.help()));
                }
            }
            b.append('\n');
        }
        b.append("\n  (specify help <group> for details about the commands in the group)\n");
        b.append("\n  (specify help <command> for details about the command)\n\n");
        sh.print("%s", b.toString());
    }
}
