package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.NodeDeviceEventType;
import org.jvirt.flags.ListNodeDevicesFlag;
import org.jvirt.spi.NodeDeviceDriver;
import org.jvirt.spi.NodeDeviceRef;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** testNodeDevice* and testNode*Devices: the fake host's device tree, read from the node file. */
final class NodeDevStore implements NodeDeviceDriver {

    /** One device: its definition and its capability names (fc_host and vports count as capabilities). */
    record Dev(String name, Document def) {
        String parent() {
            return Xml.childText(def.getDocumentElement(), "parent");
        }

        List<String> caps() {
            List<String> out = new ArrayList<>();
            for (Element c : Xml.children(def.getDocumentElement(), "capability")) {
                out.add(Xml.attr(c, "type"));
                for (Element sub : Xml.children(c, "capability")) {
                    String t = Xml.attr(sub, "type");
                    out.add(t.equals("vport_ops") ? "vports" : t);
                }
            }
            return out;
        }
    }

    private final TestState st;

    NodeDevStore(TestState st) {
        this.st = st;
    }

    private Dev dev(String name) {
        Dev d = st.devices.get(name);
        if (d == null) {
            throw Errors.test(ErrorNumber.NO_NODE_DEVICE, "no node device with matching name '%s'", name);
        }
        return d;
    }

    @Override
    public List<NodeDeviceRef> listAllNodeDevices(Set<ListNodeDevicesFlag> flags) {
        Errors.checkFlags(flags, Set.copyOf(java.util.EnumSet.range(ListNodeDevicesFlag.CAP_SYSTEM,
                ListNodeDevicesFlag.CAP_VPD)), "testConnectListAllNodeDevices");
        synchronized (st) {
            List<NodeDeviceRef> out = new ArrayList<>();
            for (Dev d : st.devices.values()) {
                if (flags.isEmpty() || flags.stream().anyMatch(f -> d.caps().contains(capName(f)))) {
                    out.add(new NodeDeviceRef(d.name()));
                }
            }
            return out;
        }
    }

    private static String capName(ListNodeDevicesFlag f) {
        return switch (f) {
            case CAP_SCSI_GENERIC -> "scsi_generic";
            case CAP_MDEV_TYPES -> "mdev_types";
            default -> f.name().substring(4).toLowerCase();
        };
    }

    @Override
    public int numOfDevices(String cap) {
        return listDevices(cap).size();
    }

    @Override
    public List<String> listDevices(String cap) {
        synchronized (st) {
            List<String> out = new ArrayList<>();
            for (Dev d : st.devices.values()) {
                if (cap == null || d.caps().contains(cap)) {
                    out.add(d.name());
                }
            }
            return out;
        }
    }

    @Override
    public NodeDeviceRef lookupByName(String name) {
        synchronized (st) {
            return new NodeDeviceRef(dev(name).name());
        }
    }

    @Override
    public String getXMLDesc(NodeDeviceRef ref) {
        synchronized (st) {
            Dev d = dev(ref.name());
            Document out = Xml.copy(d.def);
            if (Xml.child(out.getDocumentElement(), "parent") == null) {
                Element p = out.createElement("parent");
                p.setTextContent("computer");
                if (!d.name().equals("computer")) {
                    out.getDocumentElement().insertBefore(p, Xml.child(out.getDocumentElement(), "name")
                            .getNextSibling());
                }
            }
            resetVportCounts(out.getDocumentElement());
            return Xml.format(out);
        }
    }

    /**
     * virNodeDevCapSCSIHostParseXML only notes that a vport_ops capability is there; the counts come from sysfs,
     * which the test driver has none of, so libvirt writes them as 0 whatever the node file said.
     */
    private static void resetVportCounts(Element e) {
        for (Element c : Xml.children(e, "capability")) {
            if ("vport_ops".equals(Xml.attr(c, "type"))) {
                for (String n : new String[]{"max_vports", "vports"}) {
                    Element v = Xml.child(c, n);
                    if (v != null) {
                        v.setTextContent("0");
                    }
                }
            }
            resetVportCounts(c);
        }
    }

    @Override
    public String getParent(NodeDeviceRef ref) {
        synchronized (st) {
            String p = dev(ref.name()).parent();
            if (p == null) {
                throw Errors.test(ErrorNumber.INTERNAL_ERROR, "no parent for this device");
            }
            return p;
        }
    }

    @Override
    public int numOfCaps(NodeDeviceRef ref) {
        return listCaps(ref).size();
    }

    @Override
    public List<String> listCaps(NodeDeviceRef ref) {
        synchronized (st) {
            List<String> out = new ArrayList<>();
            for (Element c : Xml.children(dev(ref.name()).def().getDocumentElement(), "capability")) {
                out.add(Xml.attr(c, "type"));
            }
            return out;
        }
    }

    // ---- vHBA creation and removal (testNodeDeviceCreateXML, testNodeDeviceDestroy) -------------------------

    /** The vHBA every creation copies, and the name the copy gets, as libvirt's mock does. */
    private static final String VHBA_TEMPLATE = "scsi_host11";
    private static final String VHBA_NAME = "scsi_host12";

    private static VirtException nodedevError(String format, Object... args) {
        return VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.INTERNAL_ERROR, format, args);
    }

    /** The fc_host capability under a scsi_host capability, or null (virNodeDeviceGetWWNs' search). */
    private static Element fcHost(Element device) {
        for (Element c : Xml.children(device, "capability")) {
            if ("scsi_host".equals(Xml.attr(c, "type"))) {
                for (Element sub : Xml.children(c, "capability")) {
                    if ("fc_host".equals(Xml.attr(sub, "type"))) {
                        return sub;
                    }
                }
            }
        }
        return null;
    }

    /**
     * Creating a vHBA: the definition names (or implies) a vport-capable parent and carries fc_host WWNs; the
     * fake host answers with a copy of scsi_host11 named scsi_host12 that bears those WWNs.
     */
    @Override
    public NodeDeviceRef createXML(String xml) {
        Element def = Xml.parse(xml, "(node_device_definition)", "device", ErrorDomain.NODEDEV).getDocumentElement();
        String name = "new device";
        Element parentEl = Xml.child(def, "parent");
        String parent = parentEl == null ? null : parentEl.getTextContent();
        String parentWwnn = parentEl == null ? null : Xml.attr(parentEl, "wwnn");
        String parentWwpn = parentEl == null ? null : Xml.attr(parentEl, "wwpn");
        if (parentWwnn != null && parentWwpn == null) {
            throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.XML_ERROR,
                    "when providing parent wwnn='%s', the wwpn must also be provided", parentWwnn);
        }
        if (parentWwnn == null && parentWwpn != null) {
            throw VirtException.of(ErrorDomain.NODEDEV, ErrorNumber.XML_ERROR,
                    "when providing parent wwpn='%s', the wwnn must also be provided", parentWwpn);
        }
        String parentFabric = parentEl == null ? null : Xml.attr(parentEl, "fabric_wwn");
        if (Xml.children(def, "capability").isEmpty()) {
            throw nodedevError("no device capabilities for '%s'", name);
        }
        Element fc = fcHost(def);
        String wwnn = fc == null ? null : Xml.childText(fc, "wwnn");
        String wwpn = fc == null ? null : Xml.childText(fc, "wwpn");
        // libvirt would generate missing WWNs from the hypervisor's OUI; the test driver names no hypervisor
        if (fc != null && wwnn == null) {
            throw nodedevError("no WWNN supplied for '%s', and auto-generation failed", name);
        }
        if (fc != null && wwpn == null) {
            throw nodedevError("no WWPN supplied for '%s', and auto-generation failed", name);
        }
        if (fc == null) {
            throw nodedevError("Device is not a fibre channel HBA");
        }
        synchronized (st) {
            Dev host;
            if (parent != null && !parent.isEmpty()) {
                host = st.devices.get(parent);
            } else if (parentWwnn != null) {
                host = findByFc(f -> parentWwnn.equals(Xml.childText(f, "wwnn"))
                        && parentWwpn.equals(Xml.childText(f, "wwpn")));
            } else if (parentFabric != null) {
                host = findByFc(f -> parentFabric.equals(Xml.childText(f, "fabric_wwn")));
            } else {
                host = st.devices.values().stream().filter(d -> d.caps().contains("vports")).findFirst()
                        .orElse(null);
                if (host == null) {
                    throw nodedevError("Could not find any vport capable device");
                }
            }
            if (host == null) {
                throw nodedevError("Could not find parent device for '%s'", name);
            }
            if (!host.caps().contains("vports")) {
                throw nodedevError("Parent device %s is not capable of vport operations", host.name());
            }
            Dev template = st.devices.get(VHBA_TEMPLATE);
            if (template == null) {
                throw nodedevError("no node device with matching name '%s'", VHBA_TEMPLATE);
            }
            Document copy = Xml.copy(template.def());
            Xml.setChildText(copy.getDocumentElement(), "name", VHBA_NAME);
            Element copyFc = fcHost(copy.getDocumentElement());
            if (copyFc != null) {
                Xml.setChildText(copyFc, "wwnn", wwnn);
                Xml.setChildText(copyFc, "wwpn", wwpn);
            }
            st.devices.put(VHBA_NAME, new Dev(VHBA_NAME, copy));
            NodeDeviceRef ref = new NodeDeviceRef(VHBA_NAME);
            st.nodeDeviceEvent(ref, new NodeDeviceEvent.Lifecycle(NodeDeviceEventType.CREATED, 0));
            return ref;
        }
    }

    private Dev findByFc(java.util.function.Predicate<Element> match) {
        for (Dev d : st.devices.values()) {
            Element f = fcHost(d.def().getDocumentElement());
            if (f != null && match.test(f)) {
                return d;
            }
        }
        return null;
    }

    /**
     * Removing a vHBA. As libvirt's test driver, a device that is not an FC HBA, or whose parent is gone, is left
     * in place and the call still succeeds (testNodeDeviceDestroy returns 0 on those paths).
     */
    @Override
    public void destroy(NodeDeviceRef ref) {
        synchronized (st) {
            Dev d = dev(ref.name());
            if (fcHost(d.def().getDocumentElement()) == null) {
                return;
            }
            String parent = d.parent();
            if (parent == null || !st.devices.containsKey(parent)) {
                return;
            }
            st.devices.remove(d.name());
            st.nodeDeviceEvent(new NodeDeviceRef(d.name()),
                    new NodeDeviceEvent.Lifecycle(NodeDeviceEventType.DELETED, 0));
        }
    }
}
