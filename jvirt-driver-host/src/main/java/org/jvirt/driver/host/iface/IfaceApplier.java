package org.jvirt.driver.host.iface;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jvirt.driver.host.iface.IpCommand.IpFailure;

/**
 * Brings a defined interface up and down with iproute2, as netcf's ifup/ifdown would from the definition:
 * a bridge, bond or vlan link is made ({@code ip link add ... type bridge|bond|vlan}) and removed again; its
 * members are enslaved ({@code ip link set M master B}) and released; an ethernet link, which must exist, gets
 * the MTU, MAC and static addresses and is set up, and on the way down loses its addresses and is set down.
 * A start that fails half-way undoes what it did before reporting.
 */
final class IfaceApplier {

    /** Why a start or stop failed, in words for libvirt's "failed to create (start) interface X: ..." message. */
    static final class ApplyFailure extends Exception {
        ApplyFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final IpCommand ip;
    private final NetLinks links;
    private final Path sysModule;

    IfaceApplier(IpCommand ip, NetLinks links, Path sysRoot) {
        this.ip = ip;
        this.links = links;
        this.sysModule = sysRoot.resolve("module");
    }

    /** ifup: everything of {@code spec}, or nothing (what was done is undone before the failure is thrown). */
    void up(IfaceSpec spec) throws ApplyFailure {
        if (spec.dhcp()) {
            throw new ApplyFailure("DHCP is not supported: no DHCP client is run for host interfaces");
        }
        List<String[]> undo = new ArrayList<>();
        try {
            link(spec, undo);
            if (spec.mtu() != null) {
                ip.run("link", "set", "dev", spec.name(), "mtu", Integer.toString(spec.mtu()));
            }
            for (String a : spec.addresses()) {
                ip.run("addr", "add", a, "dev", spec.name());
                undo.add(new String[] {"addr", "del", a, "dev", spec.name()});
            }
            ip.run("link", "set", "dev", spec.name(), "up");
            undo.add(new String[] {"link", "set", "dev", spec.name(), "down"});
        } catch (IpFailure e) {
            for (int i = undo.size() - 1; i >= 0; i--) {
                ip.quietly(undo.get(i));
            }
            throw new ApplyFailure(e.getMessage());
        }
    }

    /** Makes or checks the link of {@code spec} and its members, recording how to undo each step. */
    private void link(IfaceSpec spec, List<String[]> undo) throws IpFailure, ApplyFailure {
        String n = spec.name();
        boolean exists = links.find(n).isPresent();
        switch (spec.type()) {
            case "ethernet" -> {
                if (!exists) {
                    throw new ApplyFailure("no such network device '" + n + "'");
                }
            }
            case "bridge" -> {
                refuseExisting(n, exists);
                List<String> args = new ArrayList<>(List.of("link", "add", "name", n, "type", "bridge"));
                if (spec.stp() != null) {
                    args.addAll(List.of("stp_state", spec.stp() ? "1" : "0"));
                }
                if (spec.delay() != null) {
                    // ip takes the forward delay in hundredths of a second; the XML gives seconds
                    args.addAll(List.of("forward_delay", Long.toString(Math.round(spec.delay() * 100))));
                }
                add(args, n, undo);
            }
            case "bond" -> {
                refuseExisting(n, exists);
                needModule("bonding", "bond", n);
                List<String> args = new ArrayList<>(List.of("link", "add", "name", n, "type", "bond"));
                if (spec.bondMode() != null) {
                    args.addAll(List.of("mode", spec.bondMode()));
                }
                if (spec.miimon() != null) {
                    args.addAll(List.of("miimon", Integer.toString(spec.miimon())));
                }
                add(args, n, undo);
            }
            case "vlan" -> {
                refuseExisting(n, exists);
                needModule("8021q", "vlan", n);
                if (links.find(spec.vlanDevice()).isEmpty()) {
                    throw new ApplyFailure("no such network device '" + spec.vlanDevice() + "' for vlan " + n);
                }
                add(List.of("link", "add", "link", spec.vlanDevice(), "name", n, "type", "vlan", "id",
                        Integer.toString(spec.vlanTag())), n, undo);
            }
            default -> throw new ApplyFailure("unsupported interface type " + spec.type());
        }
        if (spec.mac() != null) {
            ip.run("link", "set", "dev", n, "address", spec.mac().toLowerCase(Locale.ROOT));
        }
        for (IfaceSpec m : spec.members()) {
            link(m, undo);
            if (spec.type().equals("bond")) {
                ip.run("link", "set", "dev", m.name(), "down"); // the kernel enslaves only a down link to a bond
            }
            ip.run("link", "set", "dev", m.name(), "master", n);
            undo.add(new String[] {"link", "set", "dev", m.name(), "nomaster"});
            ip.run("link", "set", "dev", m.name(), "up");
            undo.add(new String[] {"link", "set", "dev", m.name(), "down"});
        }
    }

    private void add(List<String> args, String name, List<String[]> undo) throws IpFailure {
        ip.run(args.toArray(String[]::new));
        undo.add(new String[] {"link", "del", "dev", name});
    }

    private static void refuseExisting(String name, boolean exists) throws ApplyFailure {
        if (exists) {
            throw new ApplyFailure("network device '" + name + "' already exists");
        }
    }

    /** A bond or vlan needs its kernel module; without it ip only says "Unknown device type". */
    private void needModule(String module, String type, String name) throws ApplyFailure {
        if (!Files.isDirectory(sysModule.resolve(module))) {
            throw new ApplyFailure("the kernel has no '" + module + "' module (needed for " + type + " interface '"
                    + name + "'; " + sysModule.resolve(module) + " is missing)");
        }
    }

    /** ifdown: removes the links starting made and releases the members; an ethernet link is set down, unaddressed. */
    void down(IfaceSpec spec) throws ApplyFailure {
        try {
            String n = spec.name();
            if (links.find(n).isEmpty()) {
                return;
            }
            for (IfaceSpec m : spec.members()) {
                if (m.virtual()) {
                    down(m);
                } else if (links.find(m.name()).isPresent()) {
                    ip.run("link", "set", "dev", m.name(), "nomaster");
                    ip.run("link", "set", "dev", m.name(), "down");
                }
            }
            if (spec.virtual()) {
                ip.run("link", "del", "dev", n);
            } else {
                ip.run("addr", "flush", "dev", n);
                ip.run("link", "set", "dev", n, "down");
            }
        } catch (IpFailure e) {
            throw new ApplyFailure(e.getMessage());
        }
    }

    /** netcf's notion of a running interface: its link exists with IFF_UP set. */
    boolean running(String name) {
        if (links.find(name).isEmpty()) {
            return false;
        }
        String flags = NetLinks.attr(links.dir(name), "flags");
        try {
            return flags != null && (Long.decode(flags.strip()) & 1) != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
