package org.jvirt.driver.qemu;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NodeInfo;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.caps.CapabilitiesBuilder;
import org.jvirt.driver.qemu.caps.DomainCapabilitiesBuilder;
import org.jvirt.driver.qemu.caps.HostInfo;
import org.jvirt.driver.qemu.caps.QemuCaps;
import org.jvirt.spi.HostDriver;

/** The host side of a qemu connection: type, version, capabilities, node info. */
final class QemuHost implements HostDriver {

    private final QemuDriverState st;

    QemuHost(QemuDriverState st) {
        this.st = st;
    }

    @Override
    public String getType() {
        return "QEMU";
    }

    /** The version of the host's QEMU for its own architecture, as libvirt reports it. */
    @Override
    public long getVersion() {
        return st.ctx.capsOf(st.ctx.binaryFor(null)).versionNumber();
    }

    @Override
    public String getHostname() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "failed to determine host name: %s",
                    e.getMessage());
        }
    }

    @Override
    public String getCapabilities() {
        List<QemuCaps> caps = new ArrayList<>();
        for (Path b : st.ctx.binaries().values()) {
            try {
                caps.add(st.ctx.capsOf(b));
            } catch (VirtException e) {
                // a broken binary is left out, as libvirt leaves out one it cannot probe
            }
        }
        return CapabilitiesBuilder.build(st.ctx.host(), caps, st.ctx.kvm());
    }

    @Override
    public String getDomainCapabilities(String emulatorbin, String arch, String machine, String virttype) {
        Path bin = emulatorbin != null ? Path.of(emulatorbin) : st.ctx.binaryFor(arch);
        QemuCaps c = st.ctx.capsOf(bin);
        if (arch != null && !arch.equals(c.arch())) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "emulator '%s' does not support arch '%s'", bin, arch);
        }
        return DomainCapabilitiesBuilder.build(st.ctx.host(), c, st.ctx.kvm(), machine, virttype,
                st.ctx.firmware().load());
    }

    @Override
    public int getMaxVcpus(String type) {
        QemuCaps c = st.ctx.capsOf(st.ctx.binaryFor(null));
        return c.machines().stream().mapToInt(QemuCaps.Machine::maxCpus).max().orElse(1);
    }

    @Override
    public NodeInfo nodeGetInfo() {
        HostInfo h = st.ctx.host();
        int cpus = h.cpus().size();
        return new NodeInfo(h.arch(), h.memoryKiB(), cpus, mhz(), 1, 1, cpus, 1);
    }

    @Override
    public long nodeGetFreeMemory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemFree:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "cannot read /proc/meminfo: %s",
                    e.getMessage());
        }
        return 0;
    }

    private static int mhz() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("cpu MHz")) {
                    return (int) Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public java.util.Map<String, Long> nodeGetCPUStats(int cpuNum) {
        return org.jvirt.driver.qemu.process.HostStats.cpuStats(cpuNum);
    }

    @Override
    public java.util.Map<String, Long> nodeGetMemoryStats(int cellNum) {
        return org.jvirt.driver.qemu.process.HostStats.memStats(cellNum);
    }

    @Override
    public org.jvirt.NodeCPUMap nodeGetCPUMap() {
        return org.jvirt.driver.qemu.process.HostStats.cpuMap();
    }
}
