package org.jvirt.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.jvirt.Connect;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.config.DaemonConfig;
import org.jvirt.daemon.config.DaemonPaths;
import org.jvirt.daemon.ssh.SshHelper;

/**
 * {@code jvirtd [-f FILE] [-l] [-p PIDFILE] [-t SECS] [-V] [-h]}, libvirtd's options, plus
 * {@code jvirtd --ssh-helper [-r] [URI]} (virt-ssh-helper's job). Exits 0 after SIGTERM, having closed its
 * listeners, removed its sockets and dropped its clients.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("--ssh-helper")) {
            return SshHelper.run(java.util.Arrays.copyOfRange(args, 1, args.length), err);
        }
        // Tells the remote driver, should it be on the classpath, never to route a local URI back to us.
        System.setProperty("jvirt.inside.daemon", "true");
        Path configFile = null;
        Path pidFile = null;
        boolean listen = false;
        int timeout = 0;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-f", "--config" -> configFile = Path.of(need(args, ++i, a));
                case "-l", "--listen" -> listen = true;
                case "-p", "--pid-file" -> pidFile = Path.of(need(args, ++i, a));
                case "-t", "--timeout" -> timeout = Integer.parseInt(need(args, ++i, a));
                case "-v", "--verbose" -> verbose = true;
                case "-d", "--daemon" -> err.println("jvirtd: --daemon is ignored; run it under systemd instead");
                case "-V", "--version" -> {
                    out.println("jvirtd (jvirt) " + version() + " (libvirt protocol "
                            + (Connect.LIBVIRT_VERSION / 1_000_000) + ".0.0)");
                    return 0;
                }
                case "-h", "--help" -> {
                    usage(out);
                    return 0;
                }
                default -> {
                    err.println("jvirtd: unknown option '" + a + "'");
                    usage(err);
                    return 2;
                }
            }
        }
        DaemonConfig config;
        List<String> driverUris;
        try {
            Path file = configFile != null ? configFile : DaemonPaths.defaultConfigFile();
            ConfFile conf = configFile != null || Files.exists(file) ? ConfFile.read(file) : ConfFile.empty();
            config = DaemonConfig.from(conf);
            driverUris = conf.getStringList("driver_uris").orElse(DriverHolds.defaultUris());
        } catch (VirtException e) {
            err.println("jvirtd: " + e.getMessage());
            return 1;
        }
        configureLogging(config, verbose);
        Daemon daemon = new Daemon(config, listen, timeout);
        try {
            daemon.start();
        } catch (Exception e) {
            err.println("jvirtd: " + e.getMessage());
            return 1;
        }
        Path pid = pidFile;
        if (pid != null) {
            try {
                Files.createDirectories(pid.toAbsolutePath().getParent());
                Files.writeString(pid, ProcessHandle.current().pid() + "\n");
            } catch (IOException e) {
                err.println("jvirtd: cannot write pid file " + pid + ": " + e.getMessage());
                daemon.stop();
                return 1;
            }
        }
        DriverHolds holds = DriverHolds.open(driverUris);
        Thread hook = new Thread(() -> {
            daemon.stop();
            holds.close();
            deletePid(pid);
        }, "jvirtd-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            daemon.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deletePid(pid);
        return 0;
    }

    private static void deletePid(Path pid) {
        if (pid != null) {
            try {
                Files.deleteIfExists(pid);
            } catch (IOException e) {
                // a stale pid file is harmless
            }
        }
    }

    private static String need(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option '" + option + "' needs a value");
        }
        return args[i];
    }

    private static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }

    private static void usage(PrintStream out) {
        out.println("""
                Usage:
                  jvirtd [options]

                Options:
                  -h | --help            Display program help
                  -v | --verbose         Verbose messages
                  -l | --listen          Listen for TCP/IP connections (listen_tcp / listen_tls)
                  -t | --timeout <secs>  Exit after timeout period with no clients
                  -f | --config <file>   Configuration file (default %s)
                  -V | --version         Display version information
                  -p | --pid-file <file> Change name of PID file
                  --ssh-helper [-r] [URI] Bridge stdin/stdout to the local socket (daemon side of +ssh)

                Sockets: %s/jvirt-sock (read-write), %s/jvirt-sock-ro (read-only)
                """.formatted(DaemonPaths.defaultConfigFile(), DaemonPaths.defaultRuntimeDir(),
                DaemonPaths.defaultRuntimeDir()));
    }

    /** log_level 1..4 (debug, info, warning, error) and log_outputs "N:stderr" / "N:file:PATH". */
    static void configureLogging(DaemonConfig config, boolean verbose) {
        Logger root = Logger.getLogger("org.jvirt");
        Level level = verbose ? Level.FINE : levelOf(config.logLevel());
        root.setLevel(level);
        if (config.logOutputs() == null) {
            return;
        }
        root.setUseParentHandlers(false);
        for (String output : config.logOutputs().trim().split("\\s+")) {
            String[] parts = output.split(":", 3);
            if (parts.length < 2) {
                continue;
            }
            Handler h;
            try {
                h = switch (parts[1]) {
                    case "file" -> new FileHandler(parts.length > 2 ? parts[2] : "jvirtd.log", true);
                    default -> new ConsoleHandler(); // stderr; syslog and journald go to stderr under systemd
                };
            } catch (IOException e) {
                System.err.println("jvirtd: cannot open log output " + output + ": " + e.getMessage());
                continue;
            }
            h.setFormatter(new SimpleFormatter());
            h.setLevel(levelOf(Integer.parseInt(parts[0])));
            root.addHandler(h);
        }
    }

    private static Level levelOf(int libvirtLevel) {
        return switch (libvirtLevel) {
            case 1 -> Level.FINE;
            case 2 -> Level.INFO;
            case 4 -> Level.SEVERE;
            default -> Level.WARNING;
        };
    }
}
