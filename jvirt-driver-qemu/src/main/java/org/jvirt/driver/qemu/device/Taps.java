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
            ip("Cannot set interface flags on '" + t.ifname() + "'", "link", "set", "dev", t.ifname(), "up");
        } catch (RuntimeException e) {
            delete(t.ifname());
            throw e;
        }
    }

    /** Deletes a tap; one that is already gone is fine (this runs on every cleanup path). */
    public static void delete(String ifname) {
        if (ifname == null || !Files.exists(SYS_NET.resolve(ifname).resolve("tun_flags"))) {
            return;
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

    /** Whether the driver made this NIC's tap: every bridge and ethernet NIC's (unmanaged taps are refused). */
    public static boolean owned(NetInterfaceXml nic) {
        if (nic.targetDev() == null) {
            return false;
        }
        InterfaceSource src = nic.source();
        return src instanceof InterfaceSource.Bridge || src instanceof InterfaceSource.Network
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

    private static void ip(String what, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ipBinary());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "%s: ip timed out", what);
            }
            if (p.exitValue() != 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "%s: %s", what,
                        out.isEmpty() ? "ip exited with " + p.exitValue() : out);
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "%s: cannot run ip: %s", what,
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "%s: interrupted", what);
        }
    }

    private static String ipBinary() {
        for (String p : List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "ip";
    }
}
