package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.InterfaceSource;
import org.jvirt.xml.domain.NetInterfaceXml;

/**
 * Network interfaces: a {@code -netdev} backend and a {@code -device} NIC each. The same naming (aliases
 * {@code net<N>}, backends {@code hostnet<N>}, taps) and model table serve hot-plug.
 */
public final class NetArgs {

    /** libvirt model -> QEMU device. */
    private static final Map<String, String> MODELS = Map.of("virtio", "virtio-net-pci", "e1000", "e1000",
            "e1000e", "e1000e", "rtl8139", "rtl8139", "ne2k_pci", "ne2k_pci", "pcnet", "pcnet", "vmxnet3", "vmxnet3");

    /** libvirt's x86 default when {@code <model>} is absent. */
    public static final String DEFAULT_MODEL = "rtl8139";

    private NetArgs() {
    }

    static void add(BuildContext ctx, Map<NetInterfaceXml, Integer> bootIndex, List<QemuCommand.TapDevice> taps) {
        List<NetInterfaceXml> nics = ctx.def.devices().interfaces();
        for (int i = 0; i < nics.size(); i++) {
            NetInterfaceXml nic = nics.get(i);
            String alias = "net" + i;
            String netdev = "host" + alias;
            String mac = nic.mac() == null ? null : nic.mac().toString();
            QemuCommand.TapDevice tap = tapFor(ctx.def, nic, i);
            if (tap == null) {
                ctx.arg("-netdev", QemuOpts.of("user").add("id", netdev).toString());
            } else if (tap.macvtap()) {
                taps.add(tap);
                nic.targetDev(tap.ifname());
                // QEMU fetches the macvtap's descriptor through the helper (Macvtaps)
                ctx.arg("-netdev", QemuOpts.of("tap").add("id", netdev)
                        .add("helper", org.jvirt.driver.qemu.device.Macvtaps.helper().toString())
                        .add("br", tap.ifname()).toString());
            } else {
                taps.add(tap);
                nic.targetDev(tap.ifname()); // the live XML names the host side, as libvirt's does
                ctx.arg("-netdev", QemuOpts.of("tap").add("id", netdev).add("ifname", tap.ifname())
                        .add("script", "no").add("downscript", "no").toString());
            }
            String model = nic.model() == null ? DEFAULT_MODEL : nic.model();
            String device = qemuDevice(model);
            ctx.requireDevice(device, "interface model '" + model + "'");
            nic.alias(alias);
            QemuOpts dev = QemuOpts.of(device).add("netdev", netdev).add("id", alias).add("mac", mac)
                    .add("bus", isExpress(device) ? ctx.pcieBus() : (ctx.q35 ? "pcie.0" : null));
            Integer boot = bootIndex.get(nic);
            if (boot != null) {
                dev.add("bootindex", boot);
            }
            ctx.device(dev);
        }
    }

    /**
     * The host tap a NIC needs, or null for a user-mode NIC; refuses what the driver cannot connect.
     *
     * @param index the NIC's alias number (names the tap when the XML does not)
     */
    public static QemuCommand.TapDevice tapFor(DomainXml def, NetInterfaceXml nic, int index) {
        String mac = nic.mac() == null ? null : nic.mac().toString();
        return switch (nic.source()) {
            case InterfaceSource.User u -> null;
            case InterfaceSource.Bridge b -> {
                if (b.bridge() == null) {
                    throw BuildContext.unsupported("interface of type 'bridge' needs <source bridge=...>");
                }
                yield new QemuCommand.TapDevice(ifname(def, nic, index), b.bridge(), mac, isolated(nic),
                        bandwidth(nic));
            }
            // the bridge the network's port gave (NetworkPortPlug); none yet only in a define-time dry run
            case InterfaceSource.Network n -> new QemuCommand.TapDevice(ifname(def, nic, index),
                    org.jvirt.driver.qemu.device.NetworkPortPlug.bridge(nic), mac, isolated(nic), bandwidth(nic));
            case InterfaceSource.Other o when o.interfaceType().equals("ethernet") -> {
                if (nic.element().getElementsByTagName("script").getLength() > 0) {
                    throw BuildContext.unsupported("interface scripts are not supported");
                }
                org.w3c.dom.NodeList target = nic.element().getElementsByTagName("target");
                if (target.getLength() > 0 && "no".equals(((org.w3c.dom.Element) target.item(0)).getAttribute("managed"))) {
                    throw BuildContext.unsupported("unmanaged tap devices (<target managed='no'>) are not supported");
                }
                yield new QemuCommand.TapDevice(ifname(def, nic, index), null, mac, false, bandwidth(nic));
            }
            case InterfaceSource.Direct dr -> {
                if (dr.dev() == null) {
                    throw BuildContext.unsupported("interface of type 'direct' needs <source dev=...>");
                }
                yield new QemuCommand.TapDevice(ifname(def, nic, index), null, mac, false, null, dr.dev(),
                        dr.mode() == null ? "vepa" : dr.mode());
            }
            default -> throw BuildContext.unsupported("interface type '%s' is not supported yet",
                    nic.source().interfaceType());
        };
    }

    /** {@code <port isolated='yes'/>}: the tap may talk only to the bridge's ports that are not isolated. */
    private static boolean isolated(NetInterfaceXml nic) {
        org.w3c.dom.Element p = org.jvirt.xml.Dom.child(nic.element(), "port");
        return p != null && "yes".equals(org.jvirt.xml.Dom.attribute(p, "isolated"));
    }

    private static org.jvirt.xml.value.Bandwidth bandwidth(NetInterfaceXml nic) {
        return org.jvirt.xml.value.Bandwidth.of(nic.element(), ErrorDomain.QEMU);
    }

    /** The QEMU device for a libvirt NIC model. */
    public static String qemuDevice(String model) {
        String device = MODELS.get(model);
        if (device == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONFIG_UNSUPPORTED, "unknown interface model '%s'",
                    model);
        }
        return device;
    }

    /** A PCI Express endpoint: on q35 it gets a root port of its own, so it can be unplugged. */
    public static boolean isExpress(String device) {
        return device.startsWith("virtio") || device.equals("e1000e");
    }

    /**
     * The tap's name: the target the XML gives, except libvirt's reserved prefixes (vnet, macvtap, which libvirt
     * itself ignores), else one unique per domain (the UUID) and NIC, within IFNAMSIZ.
     */
    private static String ifname(DomainXml def, NetInterfaceXml nic, int index) {
        String t = nic.targetDev();
        if (t != null && !t.startsWith("vnet") && !t.startsWith("macvtap") && !t.startsWith("macvlan")) {
            if (t.length() > 15 || t.contains("/") || t.isBlank()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.XML_ERROR, "invalid target dev '%s'", t);
            }
            return t;
        }
        String uuid = def.uuid() == null ? "00000000" : def.uuid().toString().substring(0, 8);
        return "jv" + uuid + "n" + index;
    }
}
