package org.jvirt.driver.qemu.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.CpuSets;

/**
 * The host CPUs a thread of a guest's QEMU may run on (libvirt's virProcessGetAffinity / virProcessSetAffinity).
 * Read from {@code /proc/PID/task/TID/status}; set with util-linux's {@code taskset}, given an argument list,
 * since the JDK has no sched_setaffinity and the project compiles for Java 21 (its foreign-function API is a
 * preview there).
 */
public final class ThreadAffinity {

    private static final Path TASKSET = Path.of("/usr/bin/taskset");
    private static final long TASKSET_TIMEOUT_S = 10;

    private ThreadAffinity() {
    }

    /** The affinity of thread {@code tid} of process {@code pid}. */
    public static BitSet get(long pid, long tid) {
        Path status = Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return CpuSets.parse(line.substring("Cpus_allowed_list:".length()).trim(), 8192);
                }
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.SYSTEM_ERROR, "cannot get CPU affinity of process %d",
                    tid);
        }
        throw VirtException.of(ErrorDomain.NONE, ErrorNumber.SYSTEM_ERROR, "cannot get CPU affinity of process %d",
                tid);
    }

    /** Sets the affinity of thread {@code tid}; fails as libvirt does when the kernel refuses it. */
    public static void set(long tid, BitSet cpus) {
        List<String> argv = List.of(TASKSET.toString(), "--cpu-list", "--pid", CpuSets.format(cpus),
                Long.toString(tid));
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(TASKSET_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw failed(tid, "taskset did not finish");
            }
            if (p.exitValue() != 0) {
                throw failed(tid, out);
            }
        } catch (IOException e) {
            throw failed(tid, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(tid, "interrupted");
        }
    }

    private static VirtException failed(long tid, String why) {
        return VirtException.of(ErrorDomain.NONE, ErrorNumber.SYSTEM_ERROR, "cannot set CPU affinity on process %d: %s",
                tid, why);
    }

    /** virHostCPUGetAvailableCPUsBitmap: the host's online CPUs. */
    public static BitSet hostOnline() {
        try {
            return CpuSets.parse(Files.readString(Path.of("/sys/devices/system/cpu/online")).trim(), 8192);
        } catch (IOException e) {
            BitSet all = new BitSet();
            all.set(0, Runtime.getRuntime().availableProcessors());
            return all;
        }
    }
}
