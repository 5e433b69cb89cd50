package org.jvirt.xml.domain;

import java.util.List;
import java.util.UUID;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.DocumentKind;
import org.jvirt.xml.XmlDocument;
import org.jvirt.xml.value.ScaledInteger;
import org.jvirt.xml.value.Uuids;
import org.w3c.dom.Element;

/**
 * A domain definition ({@code <domain>}). Parsing checks what libvirt's parser refuses up front (a name, a
 * well-formed UUID, readable memory sizes); everything else is read when asked.
 */
public final class DomainXml extends XmlDocument {
    /** The order libvirt's virDomainDefFormat writes the top-level elements in. */
    /** The order virDomainDefFormat writes {@code <domain>}'s children in (the test driver sorts by it too). */
    public static final List<String> ELEMENT_ORDER = List.of("name", "uuid", "genid", "title", "description", "metadata",
            "maxMemory", "memory", "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus",
            "iothreads", "iothreadids", "cputune", "numatune", "resource", "sysinfo", "bootloader",
            "bootloader_args", "os", "idmap", "features", "cpu", "clock", "on_poweroff", "on_reboot", "on_crash",
            "on_lockfailure", "pm", "perf", "devices", "seclabel", "keywrap", "launchSecurity");

    /** Wraps an existing {@code <domain>} element, e.g. one embedded in a snapshot. */
    public DomainXml(Element root) {
        super(root, DocumentKind.DOMAIN);
    }

    /** Parses and checks a domain definition. */
    public static DomainXml parse(String xml) {
        DomainXml d = new DomainXml(parseRoot(xml, DocumentKind.DOMAIN));
        d.check();
        return d;
    }

    /** A new definition with a type (e.g. "kvm") and a name; add the rest with the setters. */
    public static DomainXml create(String type, String name) {
        DomainXml d = new DomainXml(newRoot(DocumentKind.DOMAIN));
        d.type(type);
        d.name(name);
        return d;
    }

    /** What libvirt's parser refuses before anything else: no name, a bad UUID, unreadable memory. */
    public void check() {
        if (name() == null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.NO_NAME, (String) null);
        }
        uuid();
        memoryKiB();
        currentMemoryKiB();
        maxMemoryKiB();
    }

    @Override
    protected List<String> childOrder() {
        return ELEMENT_ORDER;
    }

    /** The hypervisor type ({@code kvm}, {@code qemu}, {@code test}, ...). */
    public String type() {
        return attr("type");
    }

    public DomainXml type(String type) {
        attr("type", type);
        return this;
    }

    /** The running id, only present in live XML. */
    public Integer id() {
        return intAttr("id");
    }

    public DomainXml id(Integer id) {
        attr("id", str(id));
        return this;
    }

    public String name() {
        return childText("name");
    }

    public DomainXml name(String name) {
        childText("name", name);
        return this;
    }

    /** The UUID, or null when the document has none (libvirt then generates one). */
    public UUID uuid() {
        String s = childText("uuid");
        return s == null ? null : Uuids.parse(s, errorDomain);
    }

    public DomainXml uuid(UUID uuid) {
        childText("uuid", uuid == null ? null : Uuids.format(uuid));
        return this;
    }

    public String title() {
        return childText("title");
    }

    public DomainXml title(String title) {
        childText("title", title);
        return this;
    }

    public String description() {
        return childText("description");
    }

    public DomainXml description(String description) {
        childText("description", description);
        return this;
    }

    /** The {@code <metadata>} element as a view; created on first use. */
    public MetadataXml metadata() {
        return new MetadataXml(childOrCreate("metadata"), errorDomain);
    }

    /** Whether the document has {@code <metadata>}, without creating it. */
    public boolean hasMetadata() {
        return hasChild("metadata");
    }

    /** {@code <memory>} in KiB, converted from its unit as libvirt does; null when absent. */
    public Long memoryKiB() {
        return sizeKiB("memory");
    }

    /** Sets {@code <memory unit='KiB'>}. */
    public DomainXml memoryKiB(long kib) {
        setSizeKiB("memory", kib);
        return this;
    }

    public Long currentMemoryKiB() {
        return sizeKiB("currentMemory");
    }

    public DomainXml currentMemoryKiB(Long kib) {
        if (kib == null) {
            removeChildren("currentMemory");
        } else {
            setSizeKiB("currentMemory", kib);
        }
        return this;
    }

    /** {@code <maxMemory>} (the hotplug ceiling) in KiB. */
    public Long maxMemoryKiB() {
        return sizeKiB("maxMemory");
    }

    public Integer maxMemorySlots() {
        return parseInt(childAttr("maxMemory", "slots"), "./maxMemory/@slots");
    }

    public DomainXml maxMemory(long kib, int slots) {
        setSizeKiB("maxMemory", kib);
        childAttr("maxMemory", "slots", Integer.toString(slots));
        return this;
    }

    public VcpuXml vcpu() {
        return new VcpuXml(childOrCreate("vcpu"), errorDomain);
    }

    /** The number of vCPUs ({@code <vcpu>}'s value), 1 when absent as in libvirt. */
    public int vcpus() {
        Element e = child("vcpu");
        return e == null ? 1 : new VcpuXml(e, errorDomain).count();
    }

    public DomainXml vcpus(int count) {
        vcpu().count(count);
        return this;
    }

    public OsXml os() {
        return new OsXml(childOrCreate("os"), errorDomain);
    }

    public FeaturesXml features() {
        return new FeaturesXml(childOrCreate("features"), errorDomain);
    }

    public boolean hasFeatures() {
        return hasChild("features");
    }

    public CpuXml cpu() {
        return new CpuXml(childOrCreate("cpu"), errorDomain);
    }

    public boolean hasCpu() {
        return hasChild("cpu");
    }

    public ClockXml clock() {
        return new ClockXml(childOrCreate("clock"), errorDomain);
    }

    public LifecycleAction onPoweroff() {
        return LifecycleAction.fromXml(childText("on_poweroff"), "on_poweroff");
    }

    public DomainXml onPoweroff(LifecycleAction a) {
        childText("on_poweroff", a == null ? null : a.xml());
        return this;
    }

    public LifecycleAction onReboot() {
        return LifecycleAction.fromXml(childText("on_reboot"), "on_reboot");
    }

    public DomainXml onReboot(LifecycleAction a) {
        childText("on_reboot", a == null ? null : a.xml());
        return this;
    }

    public LifecycleAction onCrash() {
        return LifecycleAction.fromXml(childText("on_crash"), "on_crash");
    }

    public DomainXml onCrash(LifecycleAction a) {
        childText("on_crash", a == null ? null : a.xml());
        return this;
    }

    public DevicesXml devices() {
        return new DevicesXml(childOrCreate("devices"), errorDomain);
    }

    public boolean hasDevices() {
        return hasChild("devices");
    }

    private Long sizeKiB(String name) {
        Element e = child(name);
        if (e == null) {
            return null;
        }
        return ScaledInteger.toKiB(e.getTextContent().strip(), attrOf(e, "unit"), "./" + name + "[1]", errorDomain);
    }

    private void setSizeKiB(String name, long kib) {
        childText(name, Long.toString(kib));
        childAttr(name, "unit", "KiB");
    }

    private static String attrOf(Element e, String name) {
        return e.hasAttribute(name) ? e.getAttribute(name) : null;
    }
}
