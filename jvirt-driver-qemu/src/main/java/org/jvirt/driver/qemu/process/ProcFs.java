package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What Linux's /proc says about a process: whether it is the process we think it is (start time and command
 * line, so a recycled pid is never mistaken for our guest), whether it still runs (a zombie does not), and the
 * CPU time and memory that virDomainGetInfo and friends report.
 */
public final class ProcFs {

    /** USER_HZ: what /proc/PID/stat counts CPU time in; 100 on every Linux architecture jvirt runs on. */
    private static final long CLK_TCK = 100;

    private ProcFs() {
    }

    /**
     * The fields of /proc/PID[/task/TID]/stat after the command name, so that index 0 is field 3 (state); null
     * when the process is gone.
     */
    static String[] stat(Path statFile) {
        String s;
        try {
            s = Files.readString(statFile, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
        int close = s.lastIndexOf(')'); // the command name may contain spaces and parentheses
        if (close < 0) {
            return null;
        }
        return s.substring(close + 2).trim().split(" ");
    }

    private static String[] stat(long pid) {
        return stat(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The process's start time in clock ticks since boot (field 22), or -1 when it is gone. */
    public static long startTime(long pid) {
        String[] f = stat(pid);
        return f == null ? -1 : Long.parseLong(f[19]);
    }

    /** Whether the process exists and is not a zombie. */
    public static boolean isRunning(long pid) {
        String[] f = stat(pid);
        return f != null && !f[0].equals("Z") && !f[0].equals("X");
    }

    /** User plus system CPU time in nanoseconds, or 0 when the process is gone. */
    public static long cpuTimeNs(long pid) {
        return cpuTimeNs(stat(pid));
    }

    /** CPU time of one thread of a process (a vCPU thread), in nanoseconds. */
    public static long threadCpuTimeNs(long pid, long tid) {
        return cpuTimeNs(stat(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "stat")));
    }

    /** The host CPU a thread last ran on (field 39), or -1. */
    public static int threadProcessor(long pid, long tid) {
        String[] f = stat(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "stat"));
        return f == null || f.length < 37 ? -1 : Integer.parseInt(f[36]);
    }

    private static long cpuTimeNs(String[] f) {
        if (f == null) {
            return 0;
        }
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * (1_000_000_000L / CLK_TCK);
    }

    /** The argument vector, empty when the process is gone (or a zombie, whose cmdline is empty). */
    public static List<String> cmdline(long pid) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        } catch (IOException e) {
            return List.of();
        }
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                args.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < raw.length) {
            args.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
        }
        return args;
    }

    /** Resident set size in KiB (VmRSS), or 0. */
    public static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
