package org.jvirt.xml.caps;

import java.util.List;
import java.util.UUID;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.ElementView;
import org.jvirt.xml.XmlDocument;
import org.jvirt.xml.value.Uuids;
import org.w3c.dom.Element;

/** Host capabilities: the host (uuid, CPU arch and model) and the guests it can run. */
public final class CapabilitiesXml extends XmlDocument {
    private static final List<String> ORDER = List.of("host", "guest");

    public CapabilitiesXml(Element root) {
        super(root, DocumentKind.CAPABILITIES);
    }

    public static CapabilitiesXml parse(String xml) {
        return new CapabilitiesXml(parseRoot(xml, DocumentKind.CAPABILITIES));
    }

    /** A new document with {@code <host><uuid/><cpu><arch/></cpu></host>}. */
    public static CapabilitiesXml create(UUID hostUuid, String arch) {
        CapabilitiesXml c = new CapabilitiesXml(newRoot(DocumentKind.CAPABILITIES));
        Element host = c.childOrCreate("host");
        Element uuid = append(host, "uuid");
        Dom.setText(uuid, Uuids.format(hostUuid));
        Dom.setText(append(append(host, "cpu"), "arch"), arch);
        return c;
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    public UUID hostUuid() {
        String s = Dom.text(hostChild("uuid"));
        return s == null ? null : Uuids.parse(s, errorDomain);
    }

    public String hostArch() {
        Element cpu = hostChild("cpu");
        return cpu == null ? null : Dom.text(Dom.child(cpu, "arch"));
    }

    public String hostCpuModel() {
        Element cpu = hostChild("cpu");
        return cpu == null ? null : Dom.text(Dom.child(cpu, "model"));
    }

    public List<Guest> guests() {
        return views("guest", e -> new Guest(e, errorDomain));
    }

    /** Adds {@code <guest><os_type/><arch name=..><wordsize/><emulator/><machine/>...<domain type=../>}. */
    public Guest addGuest(String osType, String arch, int wordsize, String emulator, List<String> machines,
                          List<String> domainTypes) {
        Element g = insertChild("guest");
        Dom.setText(append(g, "os_type"), osType);
        Element a = append(g, "arch");
        Dom.setAttribute(a, "name", arch);
        Dom.setText(append(a, "wordsize"), Integer.toString(wordsize));
        Dom.setText(append(a, "emulator"), emulator);
        for (String m : machines) {
            Dom.setText(append(a, "machine"), m);
        }
        for (String t : domainTypes) {
            Dom.setAttribute(append(a, "domain"), "type", t);
        }
        return new Guest(g, errorDomain);
    }

    private Element hostChild(String name) {
        Element host = child("host");
        return host == null ? null : Dom.child(host, name);
    }

    private static Element append(Element parent, String name) {
        Element e = parent.getOwnerDocument().createElement(name);
        parent.appendChild(e);
        return e;
    }

    /** One {@code <guest>}: an OS type on an architecture, with its emulator, machines and domain types. */
    public static final class Guest extends ElementView {
        Guest(Element element, ErrorDomain errorDomain) {
            super(element, errorDomain);
        }

        public String osType() {
            return childText("os_type");
        }

        public String arch() {
            return childAttr("arch", "name");
        }

        public Integer wordsize() {
            Element a = child("arch");
            return a == null ? null : parseInt(Dom.text(Dom.child(a, "wordsize")), "wordsize");
        }

        public String emulator() {
            Element a = child("arch");
            return a == null ? null : Dom.text(Dom.child(a, "emulator"));
        }

        public List<String> machines() {
            Element a = child("arch");
            return a == null ? List.of() : Dom.children(a, "machine").stream().map(Dom::text).toList();
        }

        public List<String> domainTypes() {
            Element a = child("arch");
            return a == null ? List.of() : Dom.children(a, "domain").stream().map(d -> Dom.attribute(d, "type")).toList();
        }
    }
}
