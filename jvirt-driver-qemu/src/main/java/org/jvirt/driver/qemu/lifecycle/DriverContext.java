package org.jvirt.driver.qemu.lifecycle;

import java.nio.file.Path;
import java.util.Map;
import org.jvirt.DomainStateInfo;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.caps.HostInfo;
import org.jvirt.driver.qemu.caps.KvmSupport;
import org.jvirt.driver.qemu.caps.QemuCaps;
import org.jvirt.driver.qemu.caps.QemuCapsCache;
import org.jvirt.driver.qemu.command.VncPortAllocator;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.domain.DomainStore;
import org.jvirt.driver.qemu.domain.EventBus;
import org.jvirt.driver.qemu.domain.StatusFile;
import org.jvirt.driver.qemu.process.ProcFs;

/**
 * What the lifecycle code of one driver state shares: its directories, domains, event fan-out, the host's
 * QEMU binaries and their capabilities, KVM's verdict, and the VNC ports in use.
 *
 * @param stateDir  persistent state (domain configs, managed saves)
 * @param runDir    runtime state (status files, per-domain sockets)
 * @param logDir    QEMU logs
 * @param store     the domains
 * @param events    the connections' event sinks
 * @param caps      capabilities per binary
 * @param binaries  qemu-system binaries by libvirt arch
 * @param kvm       whether KVM may be used
 * @param host      host facts
 * @param vncPorts  VNC port allocation
 * @param firmware  where QEMU's firmware descriptors are looked up
 * @param conf      the settings of qemu.conf
 * @param closed    set when the driver state is let go: its guests keep running for a later driver, and
 *                  nothing here reacts to them any more
 * @param hostDrivers how guests' storage volumes (and other host resources) are reached
 */
public record DriverContext(Path stateDir, Path runDir, Path logDir, DomainStore store, EventBus events,
        QemuCapsCache caps, Map<String, Path> binaries, KvmSupport kvm, HostInfo host, VncPortAllocator vncPorts,
        java.util.concurrent.atomic.AtomicBoolean closed,
        org.jvirt.driver.qemu.firmware.FirmwareDescriptors firmware, HostDrivers hostDrivers,
        org.jvirt.driver.qemu.QemuConf conf) {

    /** Where this scope's networks are served: NICs on a virtual network ask for ports there. */
    public String networkUri() {
        return hostDrivers.uri("network");
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** The binary for a guest architecture (null: the host's). */
    public Path binaryFor(String arch) {
        String a = arch == null ? host.arch() : arch;
        Path p = binaries.get(a);
        if (p == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                    "No emulator found for arch '%s'", a);
        }
        return p;
    }

    /** Per-guest UEFI variable stores ({@code NAME_VARS.fd}), libvirt's nvramDir. */
    public Path nvramDir() {
        return stateDir.resolve("nvram");
    }

    public QemuCaps capsOf(Path binary) {
        return caps.get(binary);
    }

    /** Rewrites a running domain's status file from its current state (atomically). */
    public void writeStatus(DomainObj dom) {
        synchronized (dom) { // one writer at a time per domain, so the newest state is the one that stays
            writeStatusLocked(dom);
        }
    }

    private void writeStatusLocked(DomainObj dom) {
        DomainRun run = dom.run();
        if (run == null) {
            return;
        }
        DomainStateInfo st = dom.state();
        long pid = run.process().pid();
        new StatusFile(dom.name(), dom.uuid().toString(), run.id(), pid, ProcFs.startTime(pid),
                run.process().launch().binary().toString(), run.process().launch().qmpSocket().toString(),
                run.runDir().toString(), run.process().launch().logFile().toString(), st.state().code(),
                st.reason(), dom.persistent(), run.vncPort(), run.gotShutdown(), run.liveDef().toXml())
                .write(runDir);
    }

    public void deleteStatus(String name) {
        org.jvirt.driver.qemu.domain.AtomicFiles.delete(StatusFile.pathFor(runDir, name));
    }
}
