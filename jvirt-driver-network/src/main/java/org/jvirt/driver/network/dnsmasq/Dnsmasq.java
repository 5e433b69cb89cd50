package org.jvirt.driver.network.dnsmasq;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.network.conf.NetworkDef;
import org.jvirt.driver.network.exec.Exec;
import org.jvirt.io.AtomicFiles;

/**
 * One dnsmasq per network, as libvirt runs it: {@code dnsmasq --conf-file=NAME.conf --leasefile-ro
 * --dhcp-script=HELPER}; dnsmasq forks into the background and writes its pid file before the first process
 * exits, so the pid is known when {@link #start} returns. The lease helper is a small shell script of ours
 * (starting a JVM per lease would be slow), installed beside the configs.
 */
public final class Dnsmasq {
    private final Path dir;
    private final Path pidDir;

    /**
     * @param dir    where conf, hostsfile, addnhosts and lease files go (stateDir/network/dnsmasq)
     * @param pidDir where pid files go (runDir/network)
     */
    public Dnsmasq(Path dir, Path pidDir) {
        this.dir = dir;
        this.pidDir = pidDir;
    }

    public static boolean available() {
        return Files.isExecutable(Path.of(Exec.which("dnsmasq")));
    }

    public Path confFile(String net) {
        return dir.resolve(net + ".conf");
    }

    public Path leaseFile(String bridge) {
        return dir.resolve(bridge + ".leases");
    }

    private Path pidFile(String net) {
        return pidDir.resolve(net + ".pid");
    }

    private Path helper() {
        return dir.resolve("jvirt-lease-helper");
    }

    /** Writes the config files of a network (also what a SIGHUP re-reads). */
    public DnsmasqConf writeConfig(NetworkDef def) {
        DnsmasqConf c = DnsmasqConf.of(def, pidFile(def.name()), dir.resolve(def.name() + ".hostsfile"),
                dir.resolve(def.name() + ".addnhosts"));
        // dnsmasq reads these again after it dropped root (at a SIGHUP too)
        AtomicFiles.writeReadable(dir.resolve(def.name() + ".hostsfile"), c.hostsfile(), ErrorDomain.NETWORK);
        AtomicFiles.writeReadable(dir.resolve(def.name() + ".addnhosts"), c.addnhosts(), ErrorDomain.NETWORK);
        AtomicFiles.writeReadable(confFile(def.name()), c.conf(), ErrorDomain.NETWORK);
        return c;
    }

    /** Starts dnsmasq for a network whose bridge is up; returns its pid. */
    public int start(NetworkDef def) {
        writeConfig(def);
        installHelper();
        AtomicFiles.delete(pidFile(def.name()), ErrorDomain.NETWORK);
        Exec.Result r = Exec.tryRun("Failed to start dnsmasq for network " + def.name(),
                List.of("dnsmasq", "--conf-file=" + confFile(def.name()), "--leasefile-ro",
                        "--dhcp-script=" + helper()),
                null, Map.of("VIR_BRIDGE_NAME", def.bridge(), "JVIRT_LEASE_FILE",
                        leaseFile(def.bridge()).toString()));
        if (r.exitCode() != 0) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR,
                    "Child process (dnsmasq --conf-file=%s) unexpected exit status %d: %s", confFile(def.name()),
                    r.exitCode(), r.out());
        }
        try {
            return Integer.parseInt(Files.readString(pidFile(def.name())).strip());
        } catch (IOException | NumberFormatException e) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INTERNAL_ERROR,
                    "Unable to read dnsmasq pid file %s", pidFile(def.name()));
        }
    }

    /** Whether {@code pid} is still this network's dnsmasq (not a reused pid). */
    public boolean alive(long pid, String net) {
        if (pid <= 0) {
            return false;
        }
        try {
            String cmd = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
            return cmd.contains("--conf-file=" + confFile(net));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether a process has finished exiting: gone, or a zombie waiting for its reaper (a daemonized dnsmasq is
     * not our child). Its command line empties earlier, while its sockets are still open, and a new dnsmasq
     * started in that moment cannot bind the network's address: /proc/PID/stat's state says when it is done.
     */
    private static boolean exited(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Makes dnsmasq re-read its hosts files (SIGHUP), after a DHCP host or DNS host changed. */
    public void reload(int pid, String net) {
        if (alive(pid, net)) {
            Exec.run("Failed to reload dnsmasq", List.of("kill", "-HUP", Integer.toString(pid)));
        }
    }

    /** Stops a network's dnsmasq, waits for it to go, and removes its files (leases stay for the next start). */
    public void stop(int pid, String net) {
        if (alive(pid, net)) {
            // the --dhcp-script helper dnsmasq forked goes with it; both are waited for
            List<Long> procs = new java.util.ArrayList<>(List.of((long) pid));
            ProcessHandle.of(pid).ifPresent(h -> h.children().forEach(c -> procs.add(c.pid())));
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!procs.stream().allMatch(Dnsmasq::exited) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (long p : procs) {
                if (!exited(p)) {
                    ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
        AtomicFiles.delete(pidFile(net), ErrorDomain.NETWORK);
    }

    /** Removes a network's dnsmasq files when it is undefined or a transient one stops. */
    public void deleteFiles(String net, String bridge) {
        for (String suffix : List.of(".conf", ".hostsfile", ".addnhosts")) {
            AtomicFiles.delete(dir.resolve(net + suffix), ErrorDomain.NETWORK);
        }
        if (bridge != null) {
            AtomicFiles.delete(leaseFile(bridge), ErrorDomain.NETWORK);
        }
    }

    private void installHelper() {
        Path h = helper();
        try (InputStream in = Dnsmasq.class.getResourceAsStream("lease-helper.sh")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!Files.exists(h) || !Files.readString(h).equals(text)) {
                AtomicFiles.write(h, text, ErrorDomain.NETWORK);
            }
            Files.setPosixFilePermissions(h, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR, "cannot install %s: %s", h,
                    e.getMessage());
        }
    }
}
