package org.jvirt.driver.host.iface;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.host.XmlAppend;
import org.jvirt.driver.host.iface.IpAddresses.Address;
import org.jvirt.xml.iface.InterfaceXml;

/**
 * One interface's XML as libvirt's udev backend builds it (udevGetIfaceDef, virInterfaceDefFormat): the type
 * from DEVTYPE (or a dot in the name for a vlan, bonding/ for a bond), MTU, link state, MAC, a bridge's STP state,
 * forward delay and members, a bond's mode, monitoring and slaves, a vlan's tag and device; sub-interfaces carry
 * no MTU or addresses. Unlike the udev backend, the top-level interface lists its addresses.
 */
final class IfaceDescriber {

    private static final List<String> STATES = List.of("unknown", "notpresent", "down", "lowerlayerdown", "testing",
            "dormant", "up");
    private static final List<String> BOND_MODES = List.of("balance-rr", "active-backup", "balance-xor", "broadcast",
            "802.3ad", "balance-tlb", "balance-alb");
    private static final Pattern VLAN_VID = Pattern.compile("VID: (\\d+)\\s");
    private static final Pattern VLAN_DEV = Pattern.compile("\nDevice: ([^\n]+)");

    private final NetLinks links;
    private final Path procNetVlan;
    private final Function<String, List<Address>> addresses;

    IfaceDescriber(NetLinks links, Path procRoot, Function<String, List<Address>> addresses) {
        this.links = links;
        this.procNetVlan = procRoot.resolve("net/vlan");
        this.addresses = addresses;
    }

    private static VirtException error(String format, Object... args) {
        return VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.INTERNAL_ERROR, format, args);
    }

    String describe(String name) {
        InterfaceXml doc = InterfaceXml.create(type(name), name);
        fill(doc.type(), new XmlAppend(doc.element()), name, true);
        return doc.toXml();
    }

    private String type(String name) {
        Path dir = dirOf(name);
        String devtype = uevent(dir, "DEVTYPE");
        if ("vlan".equals(devtype) || "bridge".equals(devtype) || "bond".equals(devtype)) {
            return devtype;
        }
        if (Files.exists(dir.resolve("bonding/mode"))) {
            return "bond";
        }
        return name.contains(".") ? "vlan" : "ethernet";
    }

    private Path dirOf(String name) {
        if (!links.exists(name)) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.NO_INTERFACE, "couldn't find interface named '%s'",
                    name);
        }
        return links.dir(name);
    }

    private void fill(String type, XmlAppend x, String name, boolean top) {
        Path dir = dirOf(name);
        String state = NetLinks.attr(dir, "operstate");
        if (state == null || !STATES.contains(state)) {
            throw error("Unable to parse: %s", state);
        }
        long speed = 0;
        if (state.equals("up")) {
            String s = NetLinks.attr(dir, "speed");
            if (s != null) {
                try {
                    speed = Long.parseLong(s.strip()) & 0xffffffffL;
                } catch (NumberFormatException e) {
                    throw error("Unable to parse: %s", s);
                }
            }
        }
        String mtu = NetLinks.attr(dir, "mtu");
        int mtuSize;
        try {
            mtuSize = Integer.parseInt(mtu == null ? "" : mtu.strip());
        } catch (NumberFormatException e) {
            throw error("Could not parse MTU value '%s'", mtu == null ? "(null)" : mtu);
        }
        if (top) {
            if (mtuSize != 0) {
                x.add("mtu", null, "size", Integer.toString(mtuSize));
            }
            List<Address> all = addresses.apply(name); // one getifaddrs for both families
            for (String family : List.of("ipv4", "ipv6")) {
                List<Address> a = all.stream().filter(ad -> ad.family().equals(family)).toList();
                if (!a.isEmpty()) {
                    XmlAppend p = x.child("protocol", "family", family);
                    a.forEach(ad -> p.add("ip", null, "address", ad.address(), "prefix",
                            ad.prefix() != 0 ? Integer.toString(ad.prefix()) : null));
                }
            }
        }
        if (!type.equals("bridge") && (speed > 0 || !state.isEmpty())) {
            x.add("link", null, "speed", speed > 0 ? Long.toString(speed) : null, "state", state);
        }
        switch (type) {
            case "ethernet" -> {
                String mac = NetLinks.attr(dir, "address");
                if (mac != null) {
                    x.add("mac", null, "address", mac);
                }
            }
            case "bridge" -> bridge(x, dir, name);
            case "bond" -> bond(x, dir, name);
            case "vlan" -> vlan(x, name);
            default -> {
            }
        }
    }

    /** A member (of a bridge or bond) written inside its parent, as virInterfaceDefDevFormat with a parent type. */
    private void member(XmlAppend parent, String member, String of) {
        try {
            String type = type(member);
            fill(type, parent.child("interface", "type", type, "name", member), member, false);
        } catch (VirtException e) {
            throw error("Could not get interface information for '%s', which is a member of bridge '%s'", member, of);
        }
    }

    private void bridge(XmlAppend x, Path dir, String name) {
        String delay = NetLinks.attr(dir, "bridge/forward_delay");
        if (delay == null) {
            throw error("Could not retrieve 'bridge/forward_delay' for '%s'", name);
        }
        String stpText = NetLinks.attr(dir, "bridge/stp_state");
        if (stpText == null) {
            throw error("Could not retrieve 'bridge/stp_state' for '%s'", name);
        }
        int stp;
        try {
            stp = Integer.parseInt(stpText.strip());
        } catch (NumberFormatException e) {
            throw error("Could not parse 'bridge/stp_state' '%s' for '%s'", stpText, name);
        }
        if (stp < -1 || stp > 1) {
            throw error("Invalid STP state value %d received for '%s'. Must be -1, 0, or 1.", stp, name);
        }
        XmlAppend b = x.child("bridge", "stp", stp == 1 ? "on" : stp == 0 ? "off" : null, "delay", delay);
        for (String m : entries(dir.resolve("brif"), n -> !(n.length() >= 5 && n.startsWith("vnet")
                && Character.isDigit(n.charAt(4))))) {
            member(b, m, name);
        }
    }

    private void bond(XmlAppend x, Path dir, String name) {
        int downdelay = bondInt(dir, name, "downdelay");
        int updelay = bondInt(dir, name, "updelay");
        int miimon = bondInt(dir, name, "miimon");
        int arpInterval = bondInt(dir, name, "arp_interval");
        int mode = bondSecondField(dir, name, "mode");
        int validate = bondSecondField(dir, name, "arp_validate");
        int carrier = bondInt(dir, name, "use_carrier");
        String target = NetLinks.attr(dir, "bonding/arp_ip_target");
        if (target == null) {
            throw error("Could not retrieve 'bonding/arp_ip_target' for '%s'", name);
        }
        XmlAppend b = x.child("bond", "mode", mode >= 0 && mode < BOND_MODES.size() ? BOND_MODES.get(mode) : null);
        if (arpInterval > 0) {
            if (target.isBlank()) {
                throw error("bond arp monitoring has no target");
            }
            b.add("arpmon", null, "interval", Integer.toString(arpInterval), "target", target.strip(), "validate",
                    switch (validate) {
                        case 1 -> "active";
                        case 2 -> "backup";
                        case 3 -> "all";
                        default -> null;
                    });
        } else if (miimon > 0) {
            b.add("miimon", null, "freq", Integer.toString(miimon),
                    "downdelay", downdelay > 0 ? Integer.toString(downdelay) : null,
                    "updelay", updelay > 0 ? Integer.toString(updelay) : null,
                    "carrier", carrier == 0 ? "ioctl" : carrier == 1 ? "netif" : null);
        }
        for (String s : entries(dir, n -> n.startsWith("slave_"))) {
            member(b, s.substring("slave_".length()), name);
        }
    }

    private static int bondInt(Path dir, String name, String attr) {
        String v = NetLinks.attr(dir, "bonding/" + attr);
        if (v == null) {
            throw error("Could not retrieve 'bonding/%s' for '%s'", attr, name);
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw error("Could not parse 'bonding/%s' '%s' for '%s'", attr, v, name);
        }
    }

    /** bonding/mode and bonding/arp_validate read "name number": the number counts. */
    private static int bondSecondField(Path dir, String name, String attr) {
        String v = NetLinks.attr(dir, "bonding/" + attr);
        if (v == null) {
            throw error("Could not retrieve 'bonding/%s' for '%s'", attr, name);
        }
        String[] f = v.strip().split(" ");
        if (f.length != 2) {
            throw error("Invalid format for 'bonding/%s' for '%s'", attr, name);
        }
        try {
            return Integer.parseInt(f[1]);
        } catch (NumberFormatException e) {
            throw error("Could not parse 'bonding/%s' '%s' for '%s'", attr, v, name);
        }
    }

    private void vlan(XmlAppend x, String name) {
        String text;
        try {
            text = Files.readString(procNetVlan.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.SYSTEM_ERROR, "Failed to open file '%s': %s",
                    procNetVlan.resolve(name), e.getMessage());
        }
        Matcher vid = VLAN_VID.matcher(text);
        if (!vid.find()) {
            throw error("failed to find the VID for the VLAN device '%s'", name);
        }
        Matcher dev = VLAN_DEV.matcher(text.substring(vid.end() - 1));
        if (!dev.find() || dev.group(1).isEmpty()) {
            throw error("failed to find the real device for the VLAN device '%s'", name);
        }
        x.child("vlan", "tag", vid.group(1)).add("interface", null, "name", dev.group(1));
    }

    private static List<String> entries(Path dir, java.util.function.Predicate<String> keep) {
        TreeSet<String> out = new TreeSet<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (keep.test(n)) {
                    out.add(n);
                }
            });
        } catch (IOException e) {
            throw error("Could not get members of '%s'", dir.getFileName());
        }
        return List.copyOf(out);
    }

    private static String uevent(Path dir, String key) {
        try {
            for (String line : Files.readAllLines(dir.resolve("uevent"), StandardCharsets.UTF_8)) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1);
                }
            }
        } catch (IOException e) {
            // a link without uevent has no DEVTYPE
        }
        return null;
    }
}
