package org.jvirt.xml.caps;

import java.util.List;

import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlDocument;
import org.w3c.dom.Element;

/**
 * What one emulator/machine/arch/virttype combination supports: path, domain, machine, arch, max vCPUs, and
 * the {@code supported='yes'} flags and enum values of os, cpu modes, devices and features.
 */
public final class DomainCapabilitiesXml extends XmlDocument {
    private static final List<String> ORDER = List.of("path", "domain", "machine", "arch", "vcpu", "iothreads",
            "os", "memoryBacking", "cpu", "devices", "features");

    public DomainCapabilitiesXml(Element root) {
        super(root, DocumentKind.DOMAIN_CAPABILITIES);
    }

    public static DomainCapabilitiesXml parse(String xml) {
        return new DomainCapabilitiesXml(parseRoot(xml, DocumentKind.DOMAIN_CAPABILITIES));
    }

    public static DomainCapabilitiesXml create(String path, String domain, String machine, String arch) {
        DomainCapabilitiesXml c = new DomainCapabilitiesXml(newRoot(DocumentKind.DOMAIN_CAPABILITIES));
        c.childText("path", path);
        c.childText("domain", domain);
        c.childText("machine", machine);
        c.childText("arch", arch);
        return c;
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    /** The emulator binary. */
    public String path() {
        return childText("path");
    }

    /** The virtualization type ("kvm", "qemu"). */
    public String domain() {
        return childText("domain");
    }

    public String machine() {
        return childText("machine");
    }

    public String arch() {
        return childText("arch");
    }

    public Integer maxVcpus() {
        return parseInt(childAttr("vcpu", "max"), "./vcpu/@max");
    }

    public DomainCapabilitiesXml maxVcpus(int max) {
        childAttr("vcpu", "max", Integer.toString(max));
        return this;
    }

    /**
     * Whether the section at {@code path} (e.g. "os", "devices/disk", "features/gic", "cpu/mode[@name]" is not
     * supported: plain element names separated by '/') says {@code supported='yes'}; false when absent.
     */
    public boolean supported(String path) {
        Element e = find(path);
        return e != null && "yes".equals(Dom.attribute(e, "supported"));
    }

    /**
     * The values of {@code <enum name=...>} under the section at {@code path}, e.g.
     * {@code values("devices/disk", "diskDevice")} gives ["disk", "cdrom", ...].
     */
    public List<String> values(String path, String enumName) {
        Element e = find(path);
        if (e == null) {
            return List.of();
        }
        for (Element en : Dom.children(e, "enum")) {
            if (enumName.equals(Dom.attribute(en, "name"))) {
                return Dom.children(en, "value").stream().map(Dom::text).toList();
            }
        }
        return List.of();
    }

    /** The CPU modes reported with {@code supported='yes'}. */
    public List<String> supportedCpuModes() {
        Element cpu = child("cpu");
        return cpu == null ? List.of() : Dom.children(cpu, "mode").stream()
                .filter(m -> "yes".equals(Dom.attribute(m, "supported")))
                .map(m -> Dom.attribute(m, "name")).toList();
    }

    private Element find(String path) {
        Element e = element;
        for (String part : path.split("/")) {
            e = Dom.child(e, part);
            if (e == null) {
                return null;
            }
        }
        return e;
    }
}
