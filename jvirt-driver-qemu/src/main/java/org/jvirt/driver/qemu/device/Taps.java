package org.jvirt.driver.qemu.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.command.QemuCommand;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.InterfaceSource;
import org.jvirt.xml.domain.NetInterfaceXml;

/**
 * Host tap devices for {@code <interface type='bridge'>} and {@code type='ethernet'}. libvirt opens the tap
 * itself (TUNSETIFF) and hands QEMU the descriptor; Java cannot issue that ioctl, so the driver makes a
 * persistent tap with {@code ip tuntap}, enslaves it and brings it up, and QEMU opens it by name
 * ({@code ifname=...,script=no}). A persistent tap outlives QEMU, so the driver deletes it when the run ends or
 * the NIC is unplugged.
 */
public final class Taps {

    private static final Path SYS_NET = Path.of("/sys/class/net");

    private Taps() {
    }

    /** Creates, configures and enslaves every tap of a command line; all or none. */
    public static void createAll(List<QemuCommand.TapDevice> taps) {
        List<String> made = new ArrayList<>();
        try {
            for (QemuCommand.TapDevice t : taps) {
                create(t);
                made.add(t.ifname());
            }
        } catch (RuntimeException e) {
            made.forEach(Taps::delete);
            throw e;
        }
    }

    /**
     * One tap: created unless it is already a tap nobody uses (left behind by a run that was not cleaned up),
     * given the guest's MAC with the first byte 0xFE (as libvirt does, so the bridge never takes the tap's
     * address as its own), attached to its bridge, and set up.
     */
    public static void create(QemuCommand.TapDevice t) {
        if (t.macvtap()) {
            Macvtaps.create(t);
            return;
        }
        Path dev = SYS_NET.resolve(t.ifname());
        if (Files.exists(dev) && !Files.exists(dev.resolve("tun_flags"))) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Unable to create tap device %s: File exists", t.ifname());
        }
        if (t.bridge() != null && !Files.exists(SYS_NET.resolve(t.bridge()).resolve("bridge"))) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Unable to add bridge %s port %s: No such device", t.bridge(), t.ifname());
        }
        ip("Unable to create tap device " + t.ifname(), "tuntap", "add", "dev", t.ifname(), "mode", "tap");
        try {
            if (t.mac() != null) {
                ip("Cannot set interface MAC on '" + t.ifname() + "'", "link", "set", "dev", t.ifname(), "address",
                        "fe" + t.mac().substring(2));
            }
            if (t.bridge() != null) {
                ip("Unable to add bridge " + t.bridge() + " port " + t.ifname(), "link", "set", "dev", t.ifname(),
                        "master", t.bridge());
            }
            if (t.isolated() && t.bridge() != null) {
                isolate(t.ifname());
            }
            if (t.bandwidth() != null) {
                shape(t.ifname(), t.bandwidth());
            }
            ip("Cannot set interface flags on '" + t.ifname() + "'", "link", "set", "dev", t.ifname(), "up");
        } catch (RuntimeException e) {
            delete(t.ifname());
            throw e;
        }
    }

    /** Deletes a tap; one that is already gone is fine (this runs on every cleanup path). */
    public static void delete(String ifname) {
        if (ifname == null || !Files.exists(SYS_NET.resolve(ifname).resolve("tun_flags"))
                && !Macvtaps.isMacvtap(ifname)) {
            return;
        }
        String ifb = org.jvirt.xml.value.Bandwidth.ifbName(ifname);
        if (Files.exists(SYS_NET.resolve(ifb))) {
            try {
                ip("Unable to delete " + ifb, "link", "del", "dev", ifb);
            } catch (VirtException e) {
                System.getLogger(Taps.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
            }
        }
        try {
            ip("Unable to delete tap device " + ifname, "link", "del", "dev", ifname);
        } catch (VirtException e) {
            System.getLogger(Taps.class.getName()).log(System.Logger.Level.WARNING, e.getMessage());
        }
    }

    /** Deletes the taps the driver made for a run's NICs (at its end). */
    public static void deleteOwned(DomainXml live) {
        for (NetInterfaceXml nic : live.devices().interfaces()) {
            if (owned(nic)) {
                delete(nic.targetDev());
            }
        }
    }

    /**
     * Whether the driver made this NIC's host device: every bridge, network, direct and ethernet NIC's
     * (unmanaged taps are refused).
     */
    public static boolean owned(NetInterfaceXml nic) {
        if (nic.targetDev() == null) {
            return false;
        }
        InterfaceSource src = nic.source();
        return src instanceof InterfaceSource.Bridge || src instanceof InterfaceSource.Network
                || src instanceof InterfaceSource.Direct
                || src instanceof InterfaceSource.Other o && o.interfaceType().equals("ethernet");
    }

    /** The bridge a tap is enslaved to, or null. */
    public static String master(String ifname) {
        Path m = SYS_NET.resolve(ifname).resolve("master");
        try {
            return Files.isSymbolicLink(m) ? Files.readSymbolicLink(m).getFileName().toString() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * virNetDevBandwidthSet on a tap, which sees the guest's traffic from the other side (what the guest
     * receives leaves through it). A kernel without sfq or fw still shapes; one without tc's police action
     * gets the guest's outbound traffic shaped on an ifb device instead (deleted with the tap).
     */
    private static void shape(String dev, org.jvirt.xml.value.Bandwidth bw) {
        String what = "Unable to set bandwidth of " + dev;
        for (List<String> tc : bw.tcCommands(dev, false, true)) {
            try {
                run("tc", what, tc.toArray(new String[0]));
            } catch (VirtException e) {
                if (org.jvirt.xml.value.Bandwidth.police(tc)) {
                    String ifb = org.jvirt.xml.value.Bandwidth.ifbName(dev);
                    ip(what, "link", "add", ifb, "type", "ifb");
                    ip(what, "link", "set", ifb, "up");
                    for (List<String> c : bw.ifbCommands(dev, ifb, true)) {
                        run("tc", what, c.toArray(new String[0]));
                    }
                } else if (!org.jvirt.xml.value.Bandwidth.refinement(tc)) {
                    throw e;
                }
            }
        }
    }

    /** virNetDevBridgePortSetIsolated: the port's isolated flag, through sysfs. */
    private static void isolate(String ifname) {
        Path f = SYS_NET.resolve(ifname).resolve("brport").resolve("isolated");
        try {
            Files.writeString(f, "1");
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Unable to set bridge port isolation on %s: %s", ifname, e.getMessage());
        }
    }

    /** Runs ip for this package's other host devices (macvtaps). */
    static void ipCommand(String what, String... args) {
        ip(what, args);
    }

    private static void ip(String what, String... args) {
        run(ipBinary(), what, args);
    }

    private static void run(String program, String what, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(program.startsWith("/") ? program : binary(program));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "%s: %s timed out", what, program);
            }
            if (p.exitValue() != 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "%s: %s", what,
                        out.isEmpty() ? program + " exited with " + p.exitValue() : out);
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "%s: cannot run %s: %s", what, program,
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "%s: interrupted", what);
        }
    }

    private static String ipBinary() {
        return binary("ip");
    }

    private static String binary(String name) {
        for (String d : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return d + "/" + name;
            }
        }
        return name;
    }
}
