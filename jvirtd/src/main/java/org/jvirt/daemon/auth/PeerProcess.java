package org.jvirt.daemon.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process at the other end of a unix socket, as polkit wants it (pid, start time in clock ticks since boot,
 * uid). The JDK's SO_PEERCRED gives only the user and group, so the pid comes from {@code ss -xpn} (the kernel's
 * sock_diag): the client ends of the connections accepted on our socket path, owned by the peer's uid. When that is not
 * exactly one process the answer is "unknown", and polkit then refuses (fail closed).
 */
public record PeerProcess(long pid, long startTime, int uid) {

    private static final Pattern USERS = Pattern.compile("pid=(\\d+)");

    /** Finds the peer of a client of {@code socketPath} running as {@code user}; null when not exactly one. */
    public static PeerProcess find(Path socketPath, String user) {
        List<Long> pids = new ArrayList<>();
        try {
            Process p = new ProcessBuilder("ss", "-xpnH").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            String path = socketPath.toString();
            String[] lines = out.split("\n");
            java.util.Set<String> clientInodes = new java.util.HashSet<>();
            for (String line : lines) {
                // Netid State Recv-Q Send-Q Local Port Peer Port Process: our accepted sockets carry the path
                String[] f = line.trim().split("\\s+");
                if (f.length >= 8 && f[4].equals(path)) {
                    clientInodes.add(f[7]);
                }
            }
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 9 || !clientInodes.contains(f[5])) {
                    continue;
                }
                Matcher m = USERS.matcher(line);
                while (m.find()) {
                    long pid = Long.parseLong(m.group(1));
                    if (user.equals(ownerOf(pid)) && !pids.contains(pid)) {
                        pids.add(pid);
                    }
                }
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (pids.size() != 1) {
            return null;
        }
        long pid = pids.get(0);
        long start = startTime(pid);
        int uid = uidOf(pid);
        return start < 0 || uid < 0 ? null : new PeerProcess(pid, start, uid);
    }

    private static String ownerOf(long pid) {
        try {
            return Files.getOwner(Path.of("/proc", Long.toString(pid))).getName();
        } catch (IOException e) {
            return null;
        }
    }

    static int uidOf(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (l.startsWith("Uid:")) {
                    return Integer.parseInt(l.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** Field 22 of /proc/PID/stat, after the parenthesised command name (which may hold spaces). */
    static long startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
