package org.jvirt.xml.secret;

import java.util.List;
import java.util.UUID;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlDocument;
import org.jvirt.xml.value.Uuids;
import org.w3c.dom.Element;

/** A secret's metadata (never its value): ephemeral, private, uuid, description, usage. */
public final class SecretXml extends XmlDocument {
    private static final List<String> ORDER = List.of("uuid", "description", "usage");
    private static final List<String> USAGE_TYPES = List.of("none", "volume", "ceph", "iscsi", "tls", "vtpm");

    public SecretXml(Element root) {
        super(root, DocumentKind.SECRET);
    }

    public static SecretXml parse(String xml) {
        SecretXml s = new SecretXml(parseRoot(xml, DocumentKind.SECRET));
        s.ephemeral();
        s.isPrivate();
        s.uuid();
        s.usage();
        return s;
    }

    public static SecretXml create(boolean ephemeral, boolean isPrivate) {
        return new SecretXml(newRoot(DocumentKind.SECRET)).ephemeral(ephemeral).isPrivate(isPrivate);
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    /** Kept only in memory, never on disk. */
    public boolean ephemeral() {
        return flag("ephemeral");
    }

    public SecretXml ephemeral(boolean ephemeral) {
        attr("ephemeral", ephemeral ? "yes" : "no");
        return this;
    }

    /** The value may not be read back by clients. */
    public boolean isPrivate() {
        return flag("private");
    }

    public SecretXml isPrivate(boolean isPrivate) {
        attr("private", isPrivate ? "yes" : "no");
        return this;
    }

    public UUID uuid() {
        String s = childText("uuid");
        return s == null ? null : Uuids.parse(s, errorDomain);
    }

    public SecretXml uuid(UUID uuid) {
        childText("uuid", uuid == null ? null : Uuids.format(uuid));
        return this;
    }

    public String description() {
        return childText("description");
    }

    public SecretXml description(String description) {
        childText("description", description);
        return this;
    }

    /** The usage, or null when the secret has none; libvirt's errors for unknown types and missing ids. */
    public SecretUsage usage() {
        Element u = child("usage");
        if (u == null) {
            return null;
        }
        String type = Dom.attribute(u, "type");
        if (type == null) {
            throw VirtException.of(errorDomain, ErrorNumber.XML_ERROR, "unknown secret usage type");
        }
        if (!USAGE_TYPES.contains(type)) {
            throw VirtException.of(errorDomain, ErrorNumber.CONFIG_UNSUPPORTED, "unknown secret usage type %s", type);
        }
        if (type.equals("none")) {
            return new SecretUsage(type, null);
        }
        String id = Dom.text(Dom.child(u, SecretUsage.idElement(type)));
        if (id == null) {
            throw VirtException.of(errorDomain, ErrorNumber.INTERNAL_ERROR, switch (type) {
                case "volume" -> "volume usage specified, but volume path is missing";
                case "ceph" -> "Ceph usage specified, but name is missing";
                case "iscsi" -> "iSCSI usage specified, but target is missing";
                case "tls" -> "TLS usage specified, but name is missing";
                default -> "vTPM usage specified, but name is missing";
            });
        }
        return new SecretUsage(type, id);
    }

    public SecretXml usage(SecretUsage usage) {
        removeChildren("usage");
        if (usage != null) {
            Element u = insertChild("usage");
            Dom.setAttribute(u, "type", usage.type());
            if (usage.id() != null) {
                Element id = u.getOwnerDocument().createElement(usage.idElement());
                Dom.setText(id, usage.id());
                u.appendChild(id);
            }
        }
        return this;
    }

    private boolean flag(String name) {
        String v = attr(name);
        if (v == null) {
            return false;
        }
        if (!v.equals("yes") && !v.equals("no")) {
            throw VirtException.of(ErrorDomain.SECRET, ErrorNumber.XML_ERROR, "invalid value of '%s'", name);
        }
        return v.equals("yes");
    }
}
