package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jvirt.ErrorNumber;
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
}
