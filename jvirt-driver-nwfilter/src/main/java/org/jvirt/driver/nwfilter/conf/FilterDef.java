package org.jvirt.driver.nwfilter.conf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jvirt.ErrorNumber;
import org.jvirt.xml.Dom;
import org.jvirt.xml.nwfilter.NwFilterXml;
import org.w3c.dom.Element;

/**
 * A parsed network filter (libvirt's virNWFilterDef): name, UUID, the chain its rules go to and that chain's
 * priority, and its rules and references in document order. The XML is kept whole for dumpxml.
 *
 * @param chain         "root", or a protocol chain: mac, vlan, stp, arp, rarp, ipv4, ipv6, with any suffix
 * @param chainPriority where the chain is entered from the root chain (libvirt's defaults per protocol)
 */
public record FilterDef(String name, UUID uuid, String chain, int chainPriority, List<Entry> entries,
                        NwFilterXml xml) {

    public static final String ROOT = "root";
    /** libvirt's chain names (a chain is one of them, or starts with one but root), and default priorities. */
    private static final Map<String, Integer> CHAIN_PRIORITIES = chainPriorities();
    private static final int MIN_PRIORITY = -1000;
    private static final int MAX_PRIORITY = 1000;
    private static final int MAX_CHAIN_SUFFIX = 12;

    private static Map<String, Integer> chainPriorities() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put(ROOT, 0);
        m.put("mac", -800);
        m.put("vlan", -750);
        m.put("stp", -810);
        m.put("arp", -500);
        m.put("rarp", -400);
        m.put("ipv4", -700);
        m.put("ipv6", -600);
        return m;
    }

    /** Parses and checks a filter's XML, giving it a UUID when it has none. */
    public static FilterDef parse(String text) {
        NwFilterXml xml = NwFilterXml.parse(text);
        String name = xml.name();
        if (name.isBlank() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw Errors.of(ErrorNumber.XML_ERROR, "name %s cannot contain '/'", name);
        }
        UUID uuid = xml.uuid();
        if (uuid == null) {
            uuid = UUID.randomUUID();
            xml.uuid(uuid);
        }
        Element root = xml.element();
        String chain = Dom.attribute(root, "chain");
        String chainPrefix = ROOT;
        if (chain != null) {
            chainPrefix = allowedChain(chain);
        } else {
            chain = ROOT;
        }
        String prio = Dom.attribute(root, "priority");
        int chainPriority;
        if (prio != null) {
            try {
                chainPriority = Integer.parseInt(prio.trim());
            } catch (NumberFormatException e) {
                throw Errors.of(ErrorNumber.INVALID_ARG, "Could not parse chain priority '%s'", prio);
            }
            if (chainPriority < MIN_PRIORITY || chainPriority > MAX_PRIORITY) {
                throw Errors.of(ErrorNumber.INVALID_ARG, "Priority '%d' is outside valid range of [%d,%d]",
                        chainPriority, MIN_PRIORITY, MAX_PRIORITY);
            }
        } else {
            chainPriority = CHAIN_PRIORITIES.get(chainPrefix);
        }
        // written back as libvirt formats a filter: chain and its priority always, each rule's priority
        rewrite(root, "name", name, "chain", chain, "priority", chainPriority != 0 ? Integer.toString(chainPriority)
                : null);
        dropComments(root);
        Element uuidEl = Dom.child(root, "uuid");
        if (uuidEl != null && root.getFirstChild() != uuidEl) {
            root.insertBefore(uuidEl, root.getFirstChild()); // first, as libvirt writes it
        }
        List<Entry> entries = new ArrayList<>();
        for (Element e : Dom.children(root, null)) {
            switch (e.getTagName()) {
                case "rule" -> entries.add(rule(e));
                case "filterref" -> {
                    String f = Dom.attribute(e, "filter");
                    if (f == null) {
                        throw Errors.of(ErrorNumber.XML_ERROR, "filterref has no filter attribute");
                    }
                    entries.add(new Entry.Ref(f, Params.read(e)));
                }
                default -> {
                    // uuid, and what libvirt ignores
                }
            }
        }
        return new FilterDef(name, uuid, chain, chainPriority, entries, xml);
    }

    /** virNWFilterIsAllowedChain: the protocol prefix of a chain name, or libvirt's error. */
    private static String allowedChain(String chain) {
        if (chain.length() > MAX_CHAIN_SUFFIX) {
            throw Errors.of(ErrorNumber.INVALID_ARG, "Name of chain is longer than %d characters", MAX_CHAIN_SUFFIX);
        }
        if (!chain.matches("[A-Za-z0-9_.:-]*")) {
            throw Errors.of(ErrorNumber.INVALID_ARG, "Chain name contains invalid characters");
        }
        if (chain.equals(ROOT)) {
            return ROOT;
        }
        for (String p : CHAIN_PRIORITIES.keySet()) {
            if (!p.equals(ROOT) && chain.startsWith(p)) {
                return p;
            }
        }
        throw Errors.of(ErrorNumber.INVALID_ARG,
                "Invalid chain name '%s'. Please use a chain name called '%s' or any of the following prefixes: %s",
                chain, ROOT, String.join(", ", CHAIN_PRIORITIES.keySet().stream().filter(p -> !p.equals(ROOT))
                        .toList()));
    }

    /** Replaces an element's attributes with these (name, value pairs; a null value is left out), in order. */
    private static void rewrite(Element e, String... nameValue) {
        clear(e);
        for (int i = 0; i < nameValue.length; i += 2) {
            if (nameValue[i + 1] != null) {
                Dom.setAttribute(e, nameValue[i], nameValue[i + 1]);
            }
        }
    }

    private static void clear(Element e) {
        while (e.getAttributes().getLength() > 0) {
            Dom.setAttribute(e, e.getAttributes().item(0).getNodeName(), null);
        }
    }

    private static void dropComments(org.w3c.dom.Node n) {
        for (org.w3c.dom.Node c = n.getFirstChild(); c != null; ) {
            org.w3c.dom.Node next = c.getNextSibling();
            if (c.getNodeType() == org.w3c.dom.Node.COMMENT_NODE) {
                n.removeChild(c);
            } else {
                dropComments(c);
            }
            c = next;
        }
    }

    private static Entry.Rule rule(Element e) {
        Action action = Action.parse(Dom.attribute(e, "action"));
        Direction dir = Direction.parse(Dom.attribute(e, "direction"));
        int priority = 500;
        String p = Dom.attribute(e, "priority");
        if (p != null) {
            try {
                priority = Integer.parseInt(p.trim());
            } catch (NumberFormatException ex) {
                throw Errors.of(ErrorNumber.INTERNAL_ERROR, "priority has illegal value %s", p);
            }
            if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
                throw Errors.of(ErrorNumber.INVALID_ARG, "Priority '%d' is outside valid range of [%d,%d]",
                        priority, MIN_PRIORITY, MAX_PRIORITY);
            }
        }
        String sm = Dom.attribute(e, "statematch");
        boolean noStateMatch = sm != null && (sm.equals("0") || sm.equalsIgnoreCase("false"));
        rewrite(e, "action", Dom.attribute(e, "action"), "direction", Dom.attribute(e, "direction"), "priority",
                Integer.toString(priority), "statematch", noStateMatch ? "false" : null);
        List<Element> protos = Dom.children(e, null);
        if (protos.isEmpty()) {
            return new Entry.Rule(action, dir, priority, null, false, Map.of(), noStateMatch);
        }
        Element pe = protos.get(0);
        Protocol proto = Protocol.of(pe.getTagName());
        if (proto == null) {
            throw Errors.of(ErrorNumber.XML_ERROR, "unknown protocol element '%s' in a rule", pe.getTagName());
        }
        Map<String, Value> values = new LinkedHashMap<>();
        Map<String, String> shown = new LinkedHashMap<>();
        for (Map.Entry<String, Kind> a : proto.attributes().entrySet()) {
            if (!pe.hasAttribute(a.getKey())) {
                continue;
            }
            String text = pe.getAttribute(a.getKey());
            if (a.getKey().equals("comment")) {
                shown.put("comment", text);
                values.put("comment", new Value.Literal(text)); // never a variable: libvirt's is a plain string
                continue;
            }
            Value v = Value.parse(a.getKey(), text, a.getValue());
            values.put(a.getKey(), v);
            shown.put(a.getKey(), v instanceof Value.Literal ? a.getValue().display(text) : text.trim());
        }
        // written back as libvirt does: match='no' first, its own attributes in its order, nothing else
        boolean negate = "no".equals(Dom.attribute(pe, "match"));
        clear(pe);
        if (negate) {
            Dom.setAttribute(pe, "match", "no");
        }
        shown.forEach((k, v) -> Dom.setAttribute(pe, k, v));
        if ((proto == Protocol.IP || proto == Protocol.IPV6) && (values.containsKey("srcportstart")
                || values.containsKey("dstportstart") || values.containsKey("srcportend")
                || values.containsKey("dstportend"))) {
            Value pr = values.get("protocol");
            if (!(pr instanceof Value.Literal l) || !l.text().matches("tcp|udp|udplite|sctp|6|17|136|132")) {
                throw Errors.of(ErrorNumber.INTERNAL_ERROR,
                        "%s rule with port specification requires protocol specification with protocol to be "
                                + "either one of tcp(6), udp(17), dccp(33), or sctp(132)", proto.element());
            }
        }
        return new Entry.Rule(action, dir, priority, proto, negate, values, noStateMatch);
    }

    /** The names of the filters this one references directly. */
    public List<String> references() {
        return entries.stream().filter(e -> e instanceof Entry.Ref).map(e -> ((Entry.Ref) e).filter()).toList();
    }

    /** The XML as dumpxml shows it. */
    public String toXml() {
        return xml.toXml();
    }
}
