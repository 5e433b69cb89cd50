package org.jvirt.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jvirt.Connect;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.config.AdminConfig;
import org.jvirt.daemon.config.DaemonConfig;
import org.jvirt.daemon.config.DaemonPaths;
import org.jvirt.daemon.life.InstanceLock;
import org.jvirt.daemon.life.LogSetup;
import org.jvirt.daemon.life.Readiness;
import org.jvirt.daemon.life.Signals;
import org.jvirt.daemon.ssh.SshHelper;

/**
 * {@code jvirtd [-f FILE] [-l] [-p PIDFILE] [-t SECS] [-V] [-h]}, libvirtd's options, plus
 * {@code jvirtd --ssh-helper [-r] [URI]} (virt-ssh-helper's job). Holds its pid file locked (default
 * {@code unix_sock_dir/jvirtd.pid}) so a second instance refuses to start; tells systemd READY=1 once every
 * listener is up; SIGHUP reloads the config; SIGTERM stops accepting, lets calls in progress finish (at most
 * 30 s), then exits 0 having removed its sockets and dropped its clients.
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
        Path file = configFile != null ? configFile : DaemonPaths.defaultConfigFile();
        boolean fileGiven = configFile != null;
        DaemonConfig config;
        AdminConfig adminConfig;
        List<String> driverUris;
        try {
            ConfFile conf = readConf(file, fileGiven);
            config = DaemonConfig.from(conf);
            adminConfig = AdminConfig.from(conf);
            driverUris = conf.getStringList("driver_uris").orElse(DriverHolds.defaultUris());
            LogSetup.apply(config.logLevel(), config.logFilters(), config.logOutputs(), verbose);
        } catch (VirtException e) {
            err.println("jvirtd: " + e.getMessage());
            return 1;
        }
        // The pid file is the instance lock (libvirtd's virPidFileAcquire): taken before anything is touched.
        Path pid = pidFile != null ? pidFile : config.unixSockDir().resolve(PID_FILE);
        InstanceLock pidLock;
        try {
            pidLock = InstanceLock.acquire(pid, "pid file", true);
        } catch (IOException e) {
            err.println("jvirtd: " + e.getMessage());
            return 1;
        }
        Daemon daemon = new Daemon(config, adminConfig, listen, timeout);
        // trapped before the sockets exist, so a signal never finds the JVM's default action (exit)
        boolean beVerbose = verbose;
        Signals.onHangup(() -> reload(daemon, file, fileGiven, beVerbose));
        Signals.onTerminate(() -> {
            Readiness.stopping();
            daemon.stop(SHUTDOWN_WAIT_MILLIS);
        });
        try {
            daemon.start();
        } catch (Exception e) {
            err.println("jvirtd: " + e.getMessage());
            pidLock.close();
            return 1;
        }
        DriverHolds holds = DriverHolds.open(driverUris);
        // any other exit (System.exit elsewhere, an uncaught SIGQUIT-less end) still removes the sockets
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            daemon.stop();
            pidLock.close();
        }, "jvirtd-shutdown"));
        Readiness.ready();
        try {
            daemon.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        holds.close();
        pidLock.close();
        return 0;
    }

    /** Calls in progress get this long to finish on SIGTERM (libvirt's shutdown wait is 30 s too). */
    static final long SHUTDOWN_WAIT_MILLIS = 30_000;

    /** The pid file's name in unix_sock_dir when -p does not name one. */
    static final String PID_FILE = "jvirtd.pid";

    private static ConfFile readConf(Path file, boolean given) {
        return given || Files.exists(file) ? ConfFile.read(file) : ConfFile.empty();
    }

    /** SIGHUP: reads the file again; logging and client limits change at once, a bad file changes nothing. */
    private static void reload(Daemon daemon, Path file, boolean given, boolean verbose) {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Main.class.getName());
        Readiness.status("reloading");
        try {
            DaemonConfig fresh = DaemonConfig.from(readConf(file, given));
            LogSetup.apply(fresh.logLevel(), fresh.logFilters(), fresh.logOutputs(), verbose);
            daemon.reload(fresh);
            log.warning(() -> "configuration reloaded from " + file);
        } catch (VirtException e) {
            log.severe(() -> "reload of " + file + " failed, keeping the running configuration: "
                    + e.getMessage());
        }
        Readiness.status("serving");
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

                Sockets: %s/jvirt-sock (read-write), %s/jvirt-sock-ro (read-only),
                         %s/jvirt-admin-sock (virt-admin; the daemon's user only)
                """.formatted(DaemonPaths.defaultConfigFile(), DaemonPaths.defaultRuntimeDir(),
                DaemonPaths.defaultRuntimeDir(), DaemonPaths.defaultRuntimeDir()));
    }
}
