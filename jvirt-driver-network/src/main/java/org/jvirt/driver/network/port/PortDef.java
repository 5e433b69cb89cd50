package org.jvirt.driver.network.port;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.LibvirtUUID;
import org.jvirt.NetworkPort;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.XmlWriter;
import org.jvirt.xml.value.MacAddress;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A network port definition ({@code <networkport>}, virNetworkPortDef): parsed with libvirt's checks, and kept
 * as the whole document so that what this driver does not model (virtualport, vlan, rxfilters) is written back.
 * The driver fills in {@code <plug>}: where the hypervisor must plug the NIC.
 */
public final class PortDef {
    private final Document doc;
    private final UUID uuid;
    private final String mac;

    private PortDef(Document doc, UUID uuid, String mac) {
        this.doc = doc;
        this.uuid = uuid;
        this.mac = mac;
    }

    /** virNetworkPortDefParseXML: uuid, owner name and uuid, and a MAC are required. */
    public static PortDef parse(String xml) {
        Document doc = XmlParser.defaults().parse(xml, "(networkport_definition)", ErrorDomain.NETWORK, "networkport");
        Element r = doc.getDocumentElement();
        String u = Dom.text(Dom.child(r, "uuid"));
        if (u == null) {
            throw err("network port has no uuid");
        }
        UUID uuid = LibvirtUUID.tryParse(u);
        if (uuid == null) {
            throw err("Unable to parse UUID '" + u + "'");
        }
        Dom.child(r, "uuid").setTextContent(uuid.toString());
        Element owner = Dom.child(r, "owner");
        if (owner == null || Dom.text(Dom.child(owner, "name")) == null) {
            throw err("network port has no owner name");
        }
        String ou = Dom.text(Dom.child(owner, "uuid"));
        if (ou == null) {
            throw err("network port has no owner UUID");
        }
        if (LibvirtUUID.tryParse(ou) == null) {
            throw err("Unable to parse UUID '" + ou + "'");
        }
        Element macEl = Dom.child(r, "mac");
        String mac = macEl == null ? null : Dom.attribute(macEl, "address");
        if (mac == null) {
            throw err("network port has no mac");
        }
        MacAddress m = MacAddress.tryParse(mac);
        if (m == null) {
            throw err("Unable to parse MAC '" + mac + "'");
        }
        Dom.setAttribute(macEl, "address", m.toString());
        return new PortDef(doc, uuid, m.toString());
    }

    private static VirtException err(String msg) {
        return VirtException.of(ErrorDomain.NETWORK, ErrorNumber.INTERNAL_ERROR, "%s", msg);
    }

    public UUID uuid() {
        return uuid;
    }

    public String mac() {
        return mac;
    }

    public String ownerName() {
        return Dom.text(Dom.child(Dom.child(doc.getDocumentElement(), "owner"), "name"));
    }

    /** {@code <port isolated='yes'/>} when the port does not say itself (libvirt's network default). */
    public void isolatedByDefault() {
        Element r = doc.getDocumentElement();
        if (Dom.child(r, "port") == null) {
            Element p = doc.createElement("port");
            Dom.setAttribute(p, "isolated", "yes");
            Element plug = Dom.child(r, "plug");
            r.insertBefore(p, plug);
        }
    }

    /** Sets where the NIC is plugged: {@code <plug type='network|bridge' bridge='...'/>}, last, as libvirt writes. */
    public void plug(String type, String bridge) {
        Element r = doc.getDocumentElement();
        Dom.removeChildren(r, "plug");
        Element p = doc.createElement("plug");
        Dom.setAttribute(p, "type", type);
        Dom.setAttribute(p, "bridge", bridge);
        Dom.setAttribute(p, "macTableManager", "kernel");
        r.appendChild(p);
    }

    /** A macvtap on a host device: {@code <plug type='direct' dev='...' mode='...'/>}. */
    public void plugDirect(String dev, String mode) {
        Element r = doc.getDocumentElement();
        Dom.removeChildren(r, "plug");
        Element p = doc.createElement("plug");
        Dom.setAttribute(p, "type", "direct");
        Dom.setAttribute(p, "dev", dev);
        Dom.setAttribute(p, "mode", mode);
        r.appendChild(p);
    }

    /** The host device of a direct plug, or null. */
    public String directDev() {
        Element p = Dom.child(doc.getDocumentElement(), "plug");
        return p != null && "direct".equals(Dom.attribute(p, "type")) ? Dom.attribute(p, "dev") : null;
    }

    /** The port's bandwidth as libvirt's typed parameters: every one present, 0 where not set (kbytes, kbytes/s). */
    public Map<String, Object> bandwidth() {
        Map<String, Object> out = new LinkedHashMap<>();
        Element bw = Dom.child(doc.getDocumentElement(), "bandwidth");
        Element in = bw == null ? null : Dom.child(bw, "inbound");
        Element outb = bw == null ? null : Dom.child(bw, "outbound");
        out.put(NetworkPort.BANDWIDTH_IN_AVERAGE, num(in, "average"));
        out.put(NetworkPort.BANDWIDTH_IN_PEAK, num(in, "peak"));
        out.put(NetworkPort.BANDWIDTH_IN_FLOOR, num(in, "floor"));
        out.put(NetworkPort.BANDWIDTH_IN_BURST, num(in, "burst"));
        out.put(NetworkPort.BANDWIDTH_OUT_AVERAGE, num(outb, "average"));
        out.put(NetworkPort.BANDWIDTH_OUT_PEAK, num(outb, "peak"));
        out.put(NetworkPort.BANDWIDTH_OUT_BURST, num(outb, "burst"));
        return out;
    }

    private static Integer num(Element e, String attr) {
        String v = e == null ? null : Dom.attribute(e, attr);
        return v == null ? 0 : Integer.parseUnsignedInt(v);
    }

    public String toXml() {
        return XmlWriter.toXml(doc);
    }
}
