package org.jvirt.xml.nwfilter;

import java.util.List;
import java.util.UUID;

import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlDocument;
import org.jvirt.xml.value.Uuids;
import org.w3c.dom.Element;

/**
 * A network filter: name, uuid, chain and priority, its rules and references to other filters, in document
 * order (which matters: rules and references are evaluated in it).
 */
public final class NwFilterXml extends XmlDocument {
    private static final List<String> ORDER = List.of("uuid");

    public NwFilterXml(Element root) {
        super(root, DocumentKind.NWFILTER);
    }

    public static NwFilterXml parse(String xml) {
        NwFilterXml f = new NwFilterXml(parseRoot(xml, DocumentKind.NWFILTER));
        if (f.name() == null) {
            throw VirtException.of(f.errorDomain, ErrorNumber.XML_ERROR, "filter has no name");
        }
        f.uuid();
        return f;
    }

    public static NwFilterXml create(String name, String chain) {
        NwFilterXml f = new NwFilterXml(newRoot(DocumentKind.NWFILTER));
        f.attr("name", name);
        f.attr("chain", chain);
        return f;
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    public String name() {
        return attr("name");
    }

    /** "root", "mac", "ipv4", "arp", ... (prefixes allowed, e.g. "ipv4-xyz"). */
    public String chain() {
        return attr("chain");
    }

    public Integer priority() {
        return intAttr("priority");
    }

    public NwFilterXml priority(Integer priority) {
        attr("priority", str(priority));
        return this;
    }

    public UUID uuid() {
        String s = childText("uuid");
        return s == null ? null : Uuids.parse(s, errorDomain);
    }

    public NwFilterXml uuid(UUID uuid) {
        childText("uuid", uuid == null ? null : Uuids.format(uuid));
        return this;
    }

    public List<Rule> rules() {
        return children("rule").stream().map(Rule::read).toList();
    }

    /** Appends {@code <rule action=.. direction=.. priority=..><protocol .../></rule>}. */
    public NwFilterXml addRule(Rule rule) {
        Element r = insertChild("rule");
        Dom.setAttribute(r, "action", rule.action());
        Dom.setAttribute(r, "direction", rule.direction());
        Dom.setAttribute(r, "priority", str(rule.priority()));
        if (rule.protocol() != null) {
            r.appendChild(r.getOwnerDocument().createElement(rule.protocol()));
        }
        return this;
    }

    public List<FilterRef> filterRefs() {
        return children("filterref").stream().map(FilterRefs::read).toList();
    }

    public NwFilterXml addFilterRef(FilterRef ref) {
        FilterRefs.fill(insertChild("filterref"), ref);
        return this;
    }

    /**
     * A rule: action ("drop", "accept", "reject", "return", "continue"), direction ("in", "out", "inout"),
     * priority, and the name of its first protocol element ("mac", "ip", "tcp", ...), or null.
     */
    public record Rule(String action, String direction, Integer priority, String protocol) {
        static Rule read(Element r) {
            List<Element> protos = Dom.children(r, null);
            String prio = Dom.attribute(r, "priority");
            return new Rule(Dom.attribute(r, "action"), Dom.attribute(r, "direction"),
                    prio == null ? null : Integer.valueOf(prio), protos.isEmpty() ? null : protos.get(0).getTagName());
        }
    }
}
