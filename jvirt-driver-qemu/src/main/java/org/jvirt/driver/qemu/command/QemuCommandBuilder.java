package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.caps.Accel;
import org.jvirt.driver.qemu.caps.QemuCaps;
import org.jvirt.xml.domain.CpuXml;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.LifecycleAction;
import org.jvirt.xml.domain.NetInterfaceXml;
import org.jvirt.xml.domain.OsXml;

/**
 * Turns a domain definition into a qemu-system argument list. Like libvirt's qemuAssignDeviceAliases, it writes
 * each device's alias ({@code <alias name='virtio-disk0'/>}) into the definition it is given, so pass the copy
 * that becomes the live XML. What it cannot express faithfully it refuses with
 * VIR_ERR_CONFIG_UNSUPPORTED rather than silently dropping.
 */
public final class QemuCommandBuilder {

    /** Device kinds this builder turns into arguments; any other fails the build. */
    private static final Set<String> HANDLED = Set.of("disk", "controller", "interface", "serial", "console",
            "channel", "parallel", "graphics", "video", "input", "memballoon", "rng", "panic", "sound", "audio",
            "watchdog", "redirdev", "vsock", "tpm", "filesystem", "hostdev");

    private QemuCommandBuilder() {
    }

    public static QemuCommand build(DomainXml def, QemuCaps caps, RuntimeLayout layout, BuildOptions options) {
        validate(def);
        OsXml os = def.os();
        if (os.type() != null && !os.type().equals("hvm")) {
            throw BuildContext.unsupported("OS type '%s' is not supported by the QEMU driver", os.type());
        }
        if (os.arch() != null && !os.arch().equals(caps.arch())) {
            throw BuildContext.unsupported("emulator '%s' does not support arch '%s'", caps.binary(), os.arch());
        }
        FirmwareArgs.checkResolved(def);
        String machine = os.machine() != null ? os.machine() : caps.defaultMachine();
        QemuCaps.Machine m = caps.machine(machine).orElseThrow(() -> BuildContext.unsupported(
                "Emulator '%s' does not support machine type '%s'", caps.binary(), machine));
        Accel accel = options.kvm().accelFor(def.type(), caps.binary());
        boolean x86 = caps.arch().equals("x86_64") || caps.arch().equals("i686");
        BuildContext ctx = new BuildContext(def, caps, layout, options, DiskArgs.isQ35(caps, machine));
        for (DeviceXml d : def.devices().all()) {
            if (!HANDLED.contains(d.deviceKind())) {
                throw BuildContext.unsupported("device type '%s' is not supported by the QEMU driver yet",
                        d.deviceKind());
            }
        }

        List<String> a = new ArrayList<>();
        add(a, "-name", QemuOpts.of("guest=" + def.name()).add("debug-threads", true).toString());
        if (options.startPaused()) {
            a.add("-S");
        }
        FirmwareArgs.blockdevs(def, a);
        QemuOpts mopts = QemuOpts.of(machine).add("usb", false).add("vmport", x86 ? vmport(def) : null)
                .add("smm", FirmwareArgs.smm(def)).add("dump-guest-core", false)
                .add("memory-backend", MemoryBackingArgs.machineBackend(def, x86));
        FirmwareArgs.machine(def, mopts);
        mopts.add("hpet", x86 ? ClockArgs.hpet(def) : null).add("mem-merge", MemoryBackingArgs.memMerge(def));
        if (x86 && !def.features().has("acpi")) {
            mopts.add("acpi", false); // libvirt's -no-acpi, in the spelling QEMU keeps
        }
        add(a, "-machine", mopts.toString());
        add(a, "-accel", accel.qemuName());
        cpu(def, caps, accel, a);
        FirmwareArgs.afterCpu(def, a);
        NumaArgs.fixTotal(def);
        memory(def, a);
        MemoryBackingArgs.add(def, x86, layout, a);
        smp(def, m, a);
        IothreadArgs.add(def, a);
        NumaArgs.add(def, MemoryBackingArgs.source(def), MemoryBackingArgs.shared(def), layout, a);
        if (def.uuid() != null) {
            add(a, "-uuid", def.uuid().toString());
        }
        SysinfoArgs.add(def, a);
        if (def.devices().graphics().isEmpty()) {
            add(a, "-display", "none");
        }
        a.add("-no-user-config");
        a.add("-nodefaults");
        checkSocketPath(layout.monitorSocket());
        add(a, "-chardev", QemuOpts.of("socket").add("id", "charmonitor")
                .add("path", layout.monitorSocket().toString()).add("server", true).add("wait", false).toString());
        add(a, "-mon", "chardev=charmonitor,id=monitor,mode=control");
        ClockArgs.add(def, a);
        if (def.onReboot() == LifecycleAction.DESTROY) {
            a.add("-no-reboot");
        }
        // as libvirt: QEMU never exits on a guest poweroff by itself; it stops with a SHUTDOWN event and the
        // driver carries out on_poweroff (destroy, restart, preserve), knowing the shutdown was the guest's
        a.add("-no-shutdown");
        if (x86) {
            PowerArgs.add(def, ctx.q35, a);
        }
        QemuOpts boot = QemuOpts.of("strict=on");
        if (Boolean.TRUE.equals(os.bootMenu())) {
            boot.add("menu", true);
        }
        add(a, "-boot", boot.toString());
        if (os.kernel() != null) {
            // -kernel, -initrd and -append take their value whole: no option parsing, so no escaping
            add(a, "-kernel", os.kernel());
            if (os.initrd() != null) {
                add(a, "-initrd", os.initrd());
            }
            if (os.cmdline() != null) {
                add(a, "-append", os.cmdline());
            }
        }

        Map<DiskXml, Integer> diskBoot = new HashMap<>();
        Map<NetInterfaceXml, Integer> nicBoot = new HashMap<>();
        bootOrder(def, diskBoot, nicBoot);
        UsbArgs.controllers(ctx);
        ChannelArgs.controllers(ctx);
        DiskArgs.add(ctx, diskBoot);
        List<QemuCommand.TapDevice> taps = new ArrayList<>();
        FilesystemArgs.add(ctx);
        NetArgs.add(ctx, nicBoot, taps);
        CharArgs.add(ctx);
        UsbArgs.inputs(ctx);
        TpmArgs.add(ctx);
        int vncPort = DisplayArgs.graphics(ctx);
        VideoArgs.add(ctx);
        SoundArgs.add(ctx);
        WatchdogArgs.add(ctx);
        UsbArgs.redirdevs(ctx);
        HostdevArgs.add(ctx);
        BalloonArgs.add(ctx);
        RngArgs.add(ctx);
        PanicArgs.add(ctx, x86);
        VsockArgs.add(ctx);

        PciAddresses.applyExplicit(ctx);
        PciAddresses.controllers(ctx, a);
        a.addAll(ctx.devices);
        add(a, "-msg", "timestamp=on");
        String emulator = def.devices().emulator() != null ? def.devices().emulator() : caps.binary();
        return new QemuCommand(Path.of(emulator), a, env(def), taps, vncPort);
    }

    private static Map<String, String> env(DomainXml def) {
        Map<String, String> env = new HashMap<>(Map.of("LC_ALL", "C"));
        env.putAll(ClockArgs.env(def));
        return env;
    }

    /** What libvirt's parser refuses that would otherwise reach QEMU. */
    public static void validate(DomainXml def) {
        def.check();
        String name = def.name();
        if (name.contains("/")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "name %s cannot contain '/'", name);
        }
        if (def.memoryKiB() == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "missing element memory");
        }
        String type = def.type();
        if (type == null || !(type.equals("qemu") || type.equals("kvm"))) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED,
                    "Emulator does not support virt type '%s'", type);
        }
    }

    private static void cpu(DomainXml def, QemuCaps caps, Accel accel, List<String> a) {
        if (!def.hasCpu()) {
            return;
        }
        CpuXml cpu = def.cpu();
        String mode = cpu.mode() == null ? (cpu.model() != null ? "custom" : null) : cpu.mode();
        String model;
        if (mode == null) {
            return; // a <cpu> with only topology
        }
        switch (mode) {
            case "host-passthrough", "host-model" -> {
                if (accel != Accel.KVM) {
                    throw BuildContext.unsupported(
                            "CPU mode '%s' for %s qemu domain on this host is not supported by hypervisor", mode,
                            caps.arch());
                }
                model = "host";
            }
            case "maximum" -> model = "max";
            case "custom" -> {
                model = cpu.model();
                if (model == null) {
                    return;
                }
                if (!caps.cpuModels().isEmpty()
                        && caps.cpuModels().stream().noneMatch(c -> c.name().equals(cpu.model()))) {
                    throw BuildContext.unsupported("guest CPU model '%s' is not supported by the hypervisor", model);
                }
            }
            default -> throw BuildContext.unsupported("CPU mode '%s' is not supported", mode);
        }
        QemuOpts o = QemuOpts.of(model);
        for (CpuXml.Feature f : cpu.features()) {
            String policy = f.policy() == null ? "require" : f.policy();
            switch (policy) {
                case "require", "force" -> o.add(f.name(), true);
                case "disable", "forbid" -> o.add(f.name(), false);
                case "optional" -> { }
                default -> throw BuildContext.unsupported("unknown CPU feature policy '%s'", policy);
            }
        }
        add(a, "-cpu", o.toString());
    }

    private static void memory(DomainXml def, List<String> a) {
        long kib = def.memoryKiB();
        Long max = def.maxMemoryKiB();
        if (max != null) {
            add(a, "-m", QemuOpts.of("size=" + kib + "k").add("slots", def.maxMemorySlots())
                    .add("maxmem", max + "k").toString());
        } else if (kib % 1024 == 0) {
            add(a, "-m", String.valueOf(kib / 1024));
        } else {
            add(a, "-m", "size=" + kib + "k");
        }
    }

    private static void smp(DomainXml def, QemuCaps.Machine m, List<String> a) {
        int max = def.vcpus();
        if (max < 1) {
            throw BuildContext.unsupported("Invalid number of vCPUs: %d", max);
        }
        if (max > m.maxCpus()) {
            throw BuildContext.unsupported("Maximum CPUs greater than specified machine type limit %d", m.maxCpus());
        }
        Integer current = def.vcpu().current();
        CpuXml.Topology t = def.hasCpu() ? def.cpu().topology() : null;
        int sockets = max;
        int dies = 1;
        int cores = 1;
        int threads = 1;
        if (t != null) {
            if (t.sockets() * t.dies() * t.cores() * t.threads() != max) {
                throw BuildContext.unsupported("CPU topology doesn't match maximum vcpu count");
            }
            sockets = t.sockets();
            dies = t.dies();
            cores = t.cores();
            threads = t.threads();
        }
        QemuOpts o = QemuOpts.of(String.valueOf(current != null && current < max ? current : max));
        if (current != null && current < max) {
            o.add("maxcpus", max);
        }
        o.add("sockets", sockets);
        if (dies > 1) {
            o.add("dies", dies);
        }
        o.add("cores", cores).add("threads", threads);
        add(a, "-smp", o.toString());
    }

    /**
     * Per-device {@code <boot order>} wins; otherwise {@code <os><boot dev>} gives the first disk, cdrom or NIC
     * of each kind a boot index, in the order listed.
     */
    private static void bootOrder(DomainXml def, Map<DiskXml, Integer> disks, Map<NetInterfaceXml, Integer> nics) {
        boolean perDevice = false;
        for (DiskXml d : def.devices().disks()) {
            if (d.bootOrder() != null) {
                disks.put(d, d.bootOrder());
                perDevice = true;
            }
        }
        for (NetInterfaceXml n : def.devices().interfaces()) {
            if (n.bootOrder() != null) {
                nics.put(n, n.bootOrder());
                perDevice = true;
            }
        }
        if (perDevice) {
            if (!def.os().bootDevices().isEmpty()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR,
                        "per-device boot elements cannot be used together with os/boot elements");
            }
            return;
        }
        int index = 1;
        for (String dev : def.os().bootDevices()) {
            switch (dev) {
                case "hd", "cdrom" -> {
                    String want = dev.equals("hd") ? "disk" : "cdrom";
                    for (DiskXml d : def.devices().disks()) {
                        String kind = d.device() == null ? "disk" : d.device();
                        if (kind.equals(want)) {
                            disks.put(d, index++);
                            break;
                        }
                    }
                }
                case "network" -> {
                    if (!def.devices().interfaces().isEmpty()) {
                        nics.put(def.devices().interfaces().get(0), index++);
                    }
                }
                default -> {
                    // fd: no floppy support; nothing to boot from
                }
            }
        }
    }

    /** {@code <features><vmport state='on|off'/>}: QEMU's VMware I/O port, as libvirt's machine option. */
    private static String vmport(DomainXml def) {
        org.w3c.dom.Element e = def.features().get("vmport");
        if (e == null) {
            return null;
        }
        return "off".equals(org.jvirt.xml.Dom.attribute(e, "state")) ? "off" : "on";
    }

    /** A unix socket path must fit sun_path (108 bytes with its NUL); QEMU would fail later and less clearly. */
    static void checkSocketPath(Path socket) {
        if (socket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 107) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "UNIX socket path '%s' too long", socket);
        }
    }

    private static void add(List<String> a, String option, String value) {
        a.add(option);
        a.add(value);
    }
}
