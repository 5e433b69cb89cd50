package org.jvirt.xml.nwfilter;

import java.util.List;
import java.util.UUID;

import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlDocument;
import org.jvirt.xml.value.MacAddress;
import org.jvirt.xml.value.Uuids;
import org.w3c.dom.Element;

/** The binding of a filter to a guest port: owner domain, port device, MAC, filter reference. */
public final class NwFilterBindingXml extends XmlDocument {
    private static final List<String> ORDER = List.of("owner", "portdev", "linkdev", "mac", "filterref");

    public NwFilterBindingXml(Element root) {
        super(root, DocumentKind.NWFILTER_BINDING);
    }

    public static NwFilterBindingXml parse(String xml) {
        NwFilterBindingXml b = new NwFilterBindingXml(parseRoot(xml, DocumentKind.NWFILTER_BINDING));
        b.ownerUuid();
        b.mac();
        return b;
    }

    public static NwFilterBindingXml create(String ownerName, UUID ownerUuid, String portdev, MacAddress mac,
                                            FilterRef filter) {
        NwFilterBindingXml b = new NwFilterBindingXml(newRoot(DocumentKind.NWFILTER_BINDING));
        Element owner = b.childOrCreate("owner");
        Element name = owner.getOwnerDocument().createElement("name");
        Dom.setText(name, ownerName);
        Element uuid = owner.getOwnerDocument().createElement("uuid");
        Dom.setText(uuid, Uuids.format(ownerUuid));
        owner.appendChild(name);
        owner.appendChild(uuid);
        b.childAttr("portdev", "name", portdev);
        b.childAttr("mac", "address", mac.toString());
        FilterRefs.fill(b.childOrCreate("filterref"), filter);
        return b;
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    public String ownerName() {
        Element o = child("owner");
        return o == null ? null : Dom.text(Dom.child(o, "name"));
    }

    public UUID ownerUuid() {
        Element o = child("owner");
        String s = o == null ? null : Dom.text(Dom.child(o, "uuid"));
        return s == null ? null : Uuids.parse(s, errorDomain);
    }

    /** The host-side device ({@code <portdev name='vnet0'/>}). */
    public String portdev() {
        return childAttr("portdev", "name");
    }

    public MacAddress mac() {
        String s = childAttr("mac", "address");
        return s == null ? null : MacAddress.parse(s, errorDomain);
    }

    public FilterRef filterRef() {
        Element f = child("filterref");
        return f == null ? null : FilterRefs.read(f);
    }
}
