package org.jvirt.driver.host.iface;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.iface.InterfaceXml;
import org.w3c.dom.Element;

/**
 * A defined host interface, as much of libvirt's virInterfaceDef as iproute2 can apply: type, name, start mode,
 * MTU, MAC, static addresses (and whether DHCP is asked for), a bridge's STP and forward delay, a bond's mode and
 * MII monitor, a vlan's tag and device, and the members (each a spec of its own). {@code xml} is the definition
 * as given, which is what is persisted and what an inactive dumpxml returns.
 */
record IfaceSpec(String type, String name, String startMode, Integer mtu, String mac, List<String> addresses,
        boolean dhcp, Boolean stp, Double delay, String bondMode, Integer miimon, Integer vlanTag, String vlanDevice,
        List<IfaceSpec> members, String xml) {

    static final List<String> BOND_MODES = List.of("balance-rr", "active-backup", "balance-xor", "broadcast",
            "802.3ad", "balance-tlb", "balance-alb");

    IfaceSpec {
        addresses = List.copyOf(addresses);
        members = List.copyOf(members);
    }

    private static VirtException xmlError(String format, Object... args) {
        return VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.XML_ERROR, format, args);
    }

    /** Parses a definition (virInterfaceDefParseString's checks that matter for applying it). */
    static IfaceSpec parse(String xml) {
        InterfaceXml doc = InterfaceXml.parse(xml);
        return of(doc, doc.toXml(), true);
    }

    private static IfaceSpec of(InterfaceXml doc, String xml, boolean top) {
        String type = doc.type();
        if (!List.of("ethernet", "bridge", "bond", "vlan").contains(type)) {
            throw xmlError("unknown interface type %s", type);
        }
        String name = doc.name();
        if (name == null || name.isEmpty()) {
            throw xmlError("interface has no name");
        }
        checkName(name);
        Element root = doc.element();
        List<String> addrs = new ArrayList<>();
        boolean dhcp = false;
        for (InterfaceXml.Protocol p : doc.protocols()) {
            dhcp |= p.dhcp();
            for (String a : p.addresses()) {
                if (a.endsWith("/null")) {
                    throw xmlError("interface %s: address %s has no prefix", name, a.substring(0, a.length() - 5));
                }
                addrs.add(a);
            }
        }
        Boolean stp = null;
        Double delay = null;
        String bondMode = null;
        Integer miimon = null;
        Element bridge = Dom.child(root, "bridge");
        if (type.equals("bridge") && bridge != null) {
            String s = Dom.attribute(bridge, "stp");
            stp = s == null ? null : switch (s) {
                case "on" -> true;
                case "off" -> false;
                default -> throw xmlError("bridge interface stp should be on or off got %s", s);
            };
            String d = Dom.attribute(bridge, "delay");
            try {
                delay = d == null ? null : Double.parseDouble(d);
            } catch (NumberFormatException e) {
                throw xmlError("bridge interface delay %s is not a number", d);
            }
        }
        Element bond = Dom.child(root, "bond");
        if (type.equals("bond") && bond != null) {
            bondMode = Dom.attribute(bond, "mode");
            if (bondMode != null && !BOND_MODES.contains(bondMode)) {
                throw xmlError("unknown bonding mode %s", bondMode);
            }
            Element mii = Dom.child(bond, "miimon");
            if (mii != null) {
                try {
                    miimon = Integer.valueOf(Dom.attribute(mii, "freq"));
                } catch (NumberFormatException e) {
                    throw xmlError("bond interface miimon freq missing or invalid");
                }
            }
        }
        Integer tag = null;
        String vlanDev = null;
        if (type.equals("vlan")) {
            tag = doc.vlanTag();
            if (tag == null) {
                throw xmlError("vlan interface misses the tag attribute");
            }
            vlanDev = doc.vlanDevice();
            if (vlanDev == null) {
                throw xmlError("vlan interface misses name attribute");
            }
            checkName(vlanDev);
        }
        List<IfaceSpec> members = new ArrayList<>();
        if (type.equals("bridge") || type.equals("bond")) {
            for (InterfaceXml m : doc.members()) {
                if (type.equals("bond") && !"ethernet".equals(m.type())) {
                    throw xmlError("bond interface member %s must be of type ethernet", m.name());
                }
                if (type.equals("bridge") && "bridge".equals(m.type())) {
                    throw xmlError("bridge interface member %s cannot be a bridge", m.name());
                }
                members.add(of(m, null, false));
            }
        }
        String mac = doc.mac() == null ? null : doc.mac().toString();
        return new IfaceSpec(type, name, top ? doc.startMode() : null, top ? doc.mtu() : null, mac,
                top ? addrs : List.of(), top && dhcp, stp, delay, bondMode, miimon, tag, vlanDev, members, xml);
    }

    /** A kernel link name (dev_valid_name): at most 15 bytes, no '/', ':' or white space, not "." or "..". */
    static void checkName(String name) {
        if (name.isEmpty() || name.length() > 15 || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c) || c > 126)) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.INVALID_ARG, "invalid interface name '%s'",
                    name);
        }
    }

    boolean onboot() {
        return "onboot".equals(startMode);
    }

    /** Whether starting this interface makes the link (a bridge, bond or vlan) rather than configuring one. */
    boolean virtual() {
        return !type.equals("ethernet");
    }
}
