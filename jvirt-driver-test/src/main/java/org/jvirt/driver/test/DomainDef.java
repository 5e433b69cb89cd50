package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.LibvirtUUID;
import org.jvirt.VirtException;
import org.jvirt.conf.StrToLong;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.value.ScaledInteger;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A domain definition: the caller's document, completed with the defaults libvirt's parser fills in for the
 * test driver (uuid, memory units, vcpu placement, os arch and boot device, clock, lifecycle actions, interface
 * names) and put in libvirt's element order. What it does not model is kept as given.
 *
 * <p>A definition is held as its formatted XML, not as a DOM: a DOM costs ten times the text in heap, and a test
 * state may hold tens of thousands of domains. The values read on hot paths (name, uuid, memory, vcpus,
 * lifecycle actions) are kept beside the text; anything else reads or edits a document parsed for the call
 * ({@link #read}, {@link #edit}). The text is immutable, so a copy (the persistent definition set aside while a
 * domain runs, a snapshot's definition) shares it.
 */
final class DomainDef {

    static final String TEST_NS = "http://libvirt.org/schemas/domain/test/1.0";
    private static final ErrorDomain ED = ErrorDomain.DOMAIN;
    /** Our own formatted text needs no size bound: it was bounded when it came in. */
    private static final XmlParser REPARSE = XmlParser.defaults().withMaxBytes(Integer.MAX_VALUE);

    /** libvirt's element order of {@code <domain>}: declared once, by jvirt-xml's DomainXml. */
    private static final List<String> TOP_ORDER = org.jvirt.xml.domain.DomainXml.ELEMENT_ORDER;
    private static final List<String> DEVICE_ORDER = List.of("emulator", "disk", "controller", "lease",
            "filesystem", "interface", "smartcard", "serial", "parallel", "console", "channel", "input", "tpm",
            "graphics", "sound", "audio", "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog",
            "memballoon", "rng", "panic", "shmem", "memory", "iommu", "vsock", "crypto");
    /** The order virDomainDefFormatInternal writes the children of {@code <os>} in. */
    private static final List<String> OS_ORDER = List.of("type", "firmware", "init", "initarg", "initenv",
            "initdir", "inituser", "initgroup", "loader", "nvram", "kernel", "initrd", "cmdline", "dtb", "root",
            "acpi", "boot", "bootmenu", "bios", "smbios");
    /** The order virDomainNetDefFormat writes the children of {@code <interface>} in. */
    private static final List<String> INTERFACE_ORDER = List.of("mac", "source", "vlan", "virtualport", "bandwidth",
            "port", "ip", "route", "portForward", "script", "downscript", "backenddomain", "target", "guest", "model",
            "driver", "backend", "filterref", "tune", "teaming", "link", "mtu", "coalesce", "boot", "alias", "master",
            "rom", "acpi", "address");
    /** The order virDomainDiskDefFormat writes the children of {@code <disk>} in. */
    private static final List<String> DISK_ORDER = List.of("driver", "auth", "source", "backingStore",
            "backenddomain", "geometry", "blockio", "mirror", "target", "iotune", "readonly", "shareable", "transient",
            "serial", "wwn", "vendor", "product", "encryption", "boot", "alias", "master", "rom", "acpi", "address");
    private static final Set<String> LIFECYCLE_ACTIONS = Set.of("destroy", "restart", "preserve",
            "rename-restart", "coredump-destroy", "coredump-restart");

    /** The definition as virDomainDefFormat writes it without an id: the truth. */
    private String xml;
    // read on every lookup, list and info call, so kept beside the text
    private String name;
    private UUID uuid;
    private long memoryKiB;
    private long currentMemoryKiB;
    private int vcpusMax;
    private int vcpusCurrent;
    private String onPoweroff;
    private String onReboot;

    private DomainDef(Document doc) {
        seal(doc);
    }

    private DomainDef(DomainDef o) {
        xml = o.xml;
        name = o.name;
        uuid = o.uuid;
        memoryKiB = o.memoryKiB;
        currentMemoryKiB = o.currentMemoryKiB;
        vcpusMax = o.vcpusMax;
        vcpusCurrent = o.vcpusCurrent;
        onPoweroff = o.onPoweroff;
        onReboot = o.onReboot;
    }

    /** Parses and completes a definition given by a caller. */
    static DomainDef parse(String xml) {
        return fromDocument(Xml.parse(xml, "(domain_definition)", "domain", ED));
    }

    /** Completes a definition already parsed (e.g. one inline in a node file). */
    static DomainDef fromDocument(Document doc) {
        complete(doc.getDocumentElement());
        return new DomainDef(doc);
    }

    /**
     * Completes a definition embedded in another document (a redefined checkpoint's {@code <domain>}): parsed as
     * libvirt's virDomainDefParseNode does, so interfaces get no "testnetN" name, which only define and create
     * give (testDomainGenerateIfnames).
     */
    static DomainDef fromEmbedded(Document doc) {
        complete(doc.getDocumentElement(), false);
        return new DomainDef(doc);
    }

    /**
     * Completes a node file's inline definition and moves its test-namespace runtime hints
     * ({@code <test:runstate>} ...) out of it into {@code hints}.
     */
    static DomainDef fromNodeFile(Document doc, List<Element> hints) {
        Element r = doc.getDocumentElement();
        complete(r);
        for (Element e : Xml.children(r)) {
            if (TEST_NS.equals(e.getNamespaceURI())) {
                hints.add(e);
                r.removeChild(e);
            }
        }
        return new DomainDef(doc);
    }

    DomainDef copy() {
        return new DomainDef(this);
    }

    /** Takes the text and the hot values from a completed document, which is not kept. */
    private void seal(Document doc) {
        Element r = doc.getDocumentElement();
        // virDomainDefFormat always writes <devices> open and closed, even with nothing inside
        xml = Xml.format(doc).replace("\n  <devices/>\n", "\n  <devices>\n  </devices>\n");
        name = Xml.childText(r, "name");
        uuid = UUID.fromString(Xml.childText(r, "uuid"));
        memoryKiB = Long.parseLong(Xml.childText(r, "memory"));
        currentMemoryKiB = Long.parseLong(Xml.childText(r, "currentMemory"));
        Element v = Xml.child(r, "vcpu");
        vcpusMax = Integer.parseInt(Xml.childText(r, "vcpu"));
        String cur = Xml.attr(v, "current");
        vcpusCurrent = cur == null ? vcpusMax : Integer.parseInt(cur);
        onPoweroff = Xml.childText(r, "on_poweroff").intern();
        onReboot = Xml.childText(r, "on_reboot").intern();
    }

    /** A fresh document of the definition, for a caller that reads more than the hot values. */
    private Document document() {
        return REPARSE.parse(xml, "(domain_definition)", ED, "domain");
    }

    /** What {@code f} reads from the definition's root element (a throwaway copy). */
    <T> T read(Function<Element, T> f) {
        return f.apply(document().getDocumentElement());
    }

    /**
     * Changes the definition through its root element. If {@code f} fails the definition stays as it was; the
     * change is taken only when {@code f} returns.
     */
    void edit(Consumer<Element> f) {
        Document d = document();
        f.accept(d.getDocumentElement());
        seal(d);
    }

    // ---- completion -------------------------------------------------------------------------------------------

    private static void complete(Element r) {
        complete(r, true);
    }

    private static void complete(Element r, boolean ifnames) {
        if (Xml.attr(r, "type") == null) {
            throw VirtException.of(ED, ErrorNumber.INTERNAL_ERROR, "missing domain type attribute");
        }
        Xml.set(r, "id", null);
        String name = Xml.childText(r, "name");
        if (name == null || name.isEmpty()) {
            throw VirtException.of(ED, ErrorNumber.NO_NAME, (String) null);
        }
        if (name.contains("/")) {
            throw VirtException.of(ED, ErrorNumber.XML_ERROR, "name %s cannot contain '/'", name);
        }
        String uuidText = Xml.childText(r, "uuid");
        if (uuidText == null) {
            Xml.setChildText(r, "uuid", UUID.randomUUID().toString());
        } else {
            UUID u = LibvirtUUID.tryParse(uuidText);
            if (u == null) {
                throw VirtException.of(ED, ErrorNumber.INTERNAL_ERROR, "malformed uuid element");
            }
            Xml.setChildText(r, "uuid", u.toString());
        }
        completeMemory(r);
        completeVcpu(r);
        completeOs(r);
        if (Xml.child(r, "clock") == null) {
            Xml.set(Xml.ensureChild(r, "clock"), "offset", "utc");
        }
        lifecycle(r, "on_poweroff", "destroy");
        lifecycle(r, "on_reboot", "restart");
        lifecycle(r, "on_crash", "destroy");
        Element devices = Xml.ensureChild(r, "devices");
        completeDevices(devices, ifnames);
        completeControllers(devices);
        completeVideos(r, devices);
        completeCpu(r);
        completeCharDevices(r, devices);
        normalizePciAddresses(devices);
        rejectDuplicateHostdevs(devices);
        for (Element disk : Xml.children(devices, "disk")) {
            // virDomainDiskDefPostParse: a CD-ROM is read-only
            if ("cdrom".equals(Xml.attr(disk, "device")) && Xml.child(disk, "readonly") == null) {
                disk.appendChild(r.getOwnerDocument().createElement("readonly"));
            }
            sortChildren(disk, DISK_ORDER);
        }
        for (Element fs : Xml.children(devices, "filesystem")) {
            // virDomainFSDefPostParse: passthrough unless a vhost-user socket serves it
            if (Xml.attr(fs, "accessmode") == null && Xml.attr(Xml.child(fs, "source"), "socket") == null) {
                Xml.set(fs, "accessmode", "passthrough");
            }
        }
        Element numa = Xml.child(Xml.child(r, "cpu"), "numa");
        if (numa != null) {
            // virDomainNumaDefParseXML: a cell without an id is numbered by its position
            List<Element> cells = Xml.children(numa, "cell");
            for (int i = 0; i < cells.size(); i++) {
                if (Xml.attr(cells.get(i), "id") == null) {
                    Xml.set(cells.get(i), "id", Integer.toString(i));
                }
            }
        }
        for (Element g : Xml.children(devices, "graphics")) {
            completeGraphics(g);
        }
        for (Element net : Xml.children(devices, "interface")) {
            sortChildren(net, INTERFACE_ORDER);
        }
        for (Element h : Xml.children(devices, "hostdev")) {
            // virDomainHostdevDefFormat writes managed for every subsystem device
            if ("subsystem".equals(Xml.attr(h, "mode")) && Xml.attr(h, "managed") == null) {
                Xml.set(h, "managed", "no");
            }
        }
        sortChildren(r, TOP_ORDER);
        sortChildren(devices, DEVICE_ORDER);
    }

    private static void completeMemory(Element r) {
        Element mem = Xml.child(r, "memory");
        long kib = mem == null ? 0
                : ScaledInteger.toKiB(mem.getTextContent().strip(), Xml.attr(mem, "unit"), "./memory[1]", ED);
        // virDomainDefPostParseMemory: without <memory>, the NUMA cells' sizes (and memory devices) are the total
        long numaKiB = numaMemoryKiB(r);
        if (kib == 0 && numaKiB > 0) {
            kib = numaKiB + hotplugMemoryKiB(r);
        }
        if (kib == 0) {
            throw VirtException.of(ED, ErrorNumber.XML_ERROR,
                    "Memory size must be specified via <memory> or in the <numa> configuration");
        }
        setMemoryElement(r, "memory", kib);
        Element cur = Xml.child(r, "currentMemory");
        long curKiB = cur == null ? kib
                : ScaledInteger.toKiB(cur.getTextContent().strip(), Xml.attr(cur, "unit"),
                        "./currentMemory[1]", ED);
        setMemoryElement(r, "currentMemory", Math.min(curKiB, kib) == 0 ? kib : Math.min(curKiB, kib));
        Element max = Xml.child(r, "maxMemory");
        if (max != null) {
            long maxKiB = ScaledInteger.toKiB(max.getTextContent().strip(), Xml.attr(max, "unit"),
                    "./maxMemory[1]", ED);
            String slots = Xml.attr(max, "slots");
            Xml.set(max, "unit", "KiB");
            max.setTextContent(Long.toString(maxKiB));
            if (slots != null) {
                Xml.set(max, "slots", null);
                Xml.set(max, "slots", slots);
            }
        }
    }

    /**
     * virDomainNumaGetMemorySize: the sum of the {@code <cpu><numa><cell memory>} sizes; each cell's size is
     * rewritten in KiB, as libvirt formats it.
     */
    private static long numaMemoryKiB(Element r) {
        Element cpu = Xml.child(r, "cpu");
        Element numa = cpu == null ? null : Xml.child(cpu, "numa");
        long sum = 0;
        for (Element cell : numa == null ? List.<Element>of() : Xml.children(numa, "cell")) {
            String m = Xml.attr(cell, "memory");
            if (m != null) {
                long kib = ScaledInteger.toKiB(m.strip(), Xml.attr(cell, "unit"), "./cpu/numa/cell/@memory", ED);
                Xml.set(cell, "memory", Long.toString(kib));
                Xml.set(cell, "unit", "KiB");
                sum += kib;
            }
        }
        return sum;
    }

    /** The sizes of {@code <devices><memory>} modules, which count in the total beside the NUMA cells. */
    private static long hotplugMemoryKiB(Element r) {
        Element devices = Xml.child(r, "devices");
        long sum = 0;
        for (Element m : devices == null ? List.<Element>of() : Xml.children(devices, "memory")) {
            Element target = Xml.child(m, "target");
            Element size = target == null ? null : Xml.child(target, "size");
            if (size != null) {
                sum += ScaledInteger.toKiB(size.getTextContent().strip(), Xml.attr(size, "unit"),
                        "./devices/memory/target/size", ED);
            }
        }
        return sum;
    }

    private static void setMemoryElement(Element r, String name, long kib) {
        Element e = Xml.ensureChild(r, name);
        while (e.getAttributes().getLength() > 0) {
            Xml.set(e, e.getAttributes().item(0).getNodeName(), null);
        }
        Xml.set(e, "unit", "KiB");
        e.setTextContent(Long.toString(kib));
    }

    private static void completeVcpu(Element r) {
        Element v = Xml.child(r, "vcpu");
        int max = 1;
        String placement = "static";
        String cpuset = null;
        Integer current = null;
        if (v != null) {
            String t = v.getTextContent().trim();
            max = parseUInt(t.isEmpty() ? "1" : t, "vcpu");
            if (max == 0) {
                throw VirtException.of(ED, ErrorNumber.XML_ERROR, "Invalid value '0' for element 'vcpu'");
            }
            placement = Xml.attr(v, "placement") != null ? Xml.attr(v, "placement") : "static";
            cpuset = Xml.attr(v, "cpuset");
            if (Xml.attr(v, "current") != null) {
                current = parseUInt(Xml.attr(v, "current"), "vcpu current");
                if (current > max) {
                    throw VirtException.of(ED, ErrorNumber.XML_ERROR,
                            "maximum vcpus count must not be less than current vcpus count");
                }
            }
        }
        writeVcpu(r, max, current == null ? max : current, placement, cpuset);
    }

    private static void writeVcpu(Element r, int max, int current, String placement, String cpuset) {
        Element v = Xml.ensureChild(r, "vcpu");
        while (v.getAttributes().getLength() > 0) {
            Xml.set(v, v.getAttributes().item(0).getNodeName(), null);
        }
        Xml.set(v, "placement", placement);
        if (cpuset != null) {
            Xml.set(v, "cpuset", cpuset);
        }
        if (current != max) {
            Xml.set(v, "current", Integer.toString(current));
        }
        v.setTextContent(Integer.toString(max));
    }

    /** A non-negative decimal as libvirt reads it (virStrToLong_uip: "010" is ten). */
    private static int parseUInt(String s, String what) {
        Long v = StrToLong.parse(s.trim(), 10, true, 0, Integer.MAX_VALUE);
        if (v == null) {
            throw VirtException.of(ED, ErrorNumber.XML_ERROR, "Invalid value '%s' for element '%s'", s, what);
        }
        return v.intValue();
    }

    private static void completeOs(Element r) {
        Element os = Xml.child(r, "os");
        Element type = os == null ? null : Xml.child(os, "type");
        if (type == null || type.getTextContent().isBlank()) {
            throw VirtException.of(ED, ErrorNumber.XML_ERROR, "an os <type> must be specified");
        }
        String osType = type.getTextContent().trim();
        if (!Set.of("hvm", "xen", "linux", "exe", "uml", "xenpvh").contains(osType)) {
            throw VirtException.of(ED, ErrorNumber.INTERNAL_ERROR, "unknown OS type '%s'", osType);
        }
        String arch = Xml.attr(type, "arch") != null ? Xml.attr(type, "arch") : "i686";
        String machine = Xml.attr(type, "machine");
        Xml.set(type, "arch", null);
        Xml.set(type, "machine", null);
        Xml.set(type, "arch", arch);
        if (machine != null) {
            Xml.set(type, "machine", machine);
        }
        type.setTextContent(osType);
        // virDomainDefBootOrderPostParse: boot from the disk unless os/boot or a device's <boot order> says
        // otherwise; both at once is refused
        boolean deviceBoot = false;
        Element devs = Xml.child(r, "devices");
        for (Element d : devs == null ? List.<Element>of() : Xml.children(devs)) {
            deviceBoot |= Xml.child(d, "boot") != null;
        }
        if (osType.equals("hvm") && Xml.child(os, "boot") != null && deviceBoot) {
            throw VirtException.of(ED, ErrorNumber.CONFIG_UNSUPPORTED,
                    "per-device boot elements cannot be used together with os/boot elements");
        }
        if (osType.equals("hvm") && Xml.child(os, "boot") == null && !deviceBoot) {
            Element boot = r.getOwnerDocument().createElement("boot");
            Xml.set(boot, "dev", "hd");
            Element before = null;
            for (String n : List.of("bootmenu", "smbios", "bios")) {
                if (before == null) {
                    before = Xml.child(os, n);
                }
            }
            os.insertBefore(boot, before);
        }
        sortChildren(os, OS_ORDER);
    }

    private static void lifecycle(Element r, String name, String dflt) {
        Element e = Xml.child(r, name);
        if (e == null) {
            Xml.setChildText(r, name, dflt);
        } else if (!LIFECYCLE_ACTIONS.contains(e.getTextContent().trim())) {
            throw VirtException.of(ED, ErrorNumber.XML_ERROR, "Invalid value '%s' for element '%s'",
                    e.getTextContent().trim(), name);
        }
    }

    private static void completeDevices(Element devices, boolean ifnames) {
        for (Element disk : Xml.children(devices, "disk")) {
            Element target = Xml.child(disk, "target");
            String dev = Xml.attr(target, "dev");
            if (target == null || dev == null) {
                throw VirtException.of(ED, ErrorNumber.NO_TARGET, dev == null ? null : dev);
            }
            if (Xml.attr(target, "bus") == null) {
                String bus = dev.startsWith("vd") ? "virtio" : dev.startsWith("sd") ? "scsi"
                        : dev.startsWith("hd") ? "ide" : dev.startsWith("xvd") ? "xen"
                        : dev.startsWith("fd") ? "fdc" : null;
                if (bus != null) {
                    Xml.set(target, "bus", bus);
                }
            }
        }
        List<Element> nets = Xml.children(devices, "interface");
        for (Element net : nets) {
            Element mac = Xml.child(net, "mac");
            if (mac == null) {
                mac = net.getOwnerDocument().createElement("mac");
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                Xml.set(mac, "address", String.format("52:54:00:%02x:%02x:%02x", rnd.nextInt(256),
                        rnd.nextInt(256), rnd.nextInt(256)));
                net.insertBefore(mac, net.getFirstChild());
            }
            if (Xml.attr(mac, "address") != null) {
                // virMacAddrFormat writes lower case
                Xml.set(mac, "address", Xml.attr(mac, "address").toLowerCase(java.util.Locale.ROOT));
            }
            Element source = Xml.child(net, "source");
            if ("network".equals(Xml.attr(net, "type")) && source != null) {
                Xml.set(source, "bridge", null);
            }
        }
        if (ifnames) {
            generateIfnames(nets);
        }
    }

    private static final Set<String> USB2_MODELS = Set.of("ich9-ehci1", "ich9-uhci1", "ich9-uhci2", "ich9-uhci3");

    /**
     * Controllers as libvirt's parser and post-parse leave them: kept sorted by type and index as they are inserted
     * (virDomainControllerInsertPreAlloced), indexes assigned, and the controllers the disks, channels, consoles,
     * smartcards and SCSI host devices need added (virDomainDefAddImplicitControllers). Disks on a controller bus
     * get their drive address first (virDomainDiskDefAssignAddress).
     */
    private static void completeControllers(Element devices) {
        List<Element> list = new ArrayList<>();
        for (Element c : Xml.children(devices, "controller")) {
            insertController(list, c);
        }
        assignControllerIndexes(list);
        // virDomainDefRejectDuplicateControllers: one controller per type and index, USB companions aside
        List<String> taken = new ArrayList<>();
        for (Element c : list) {
            String key = Xml.attr(c, "type") + "/" + intAttr(c, "index", -1);
            if (!"usb".equals(Xml.attr(c, "type")) && taken.contains(key)) {
                throw VirtException.of(ED, ErrorNumber.XML_ERROR, "Multiple '%s' controllers with index '%d'",
                        Xml.attr(c, "type"), intAttr(c, "index", -1));
            }
            taken.add(key);
        }
        assignDiskAddresses(devices);
        for (String[] tb : new String[][] {{"scsi", "scsi"}, {"fdc", "fdc"}, {"ide", "ide"}, {"sata", "sata"}}) {
            int max = -1;
            for (Element disk : Xml.children(devices, "disk")) {
                Element addr = Xml.child(disk, "address");
                if (tb[1].equals(Xml.attr(Xml.child(disk, "target"), "bus")) && addr != null
                        && "drive".equals(Xml.attr(addr, "type"))) {
                    max = Math.max(max, intAttr(addr, "controller", 0));
                }
            }
            for (int i = 0; i <= max; i++) {
                maybeAddController(devices, list, tb[0], i, null);
            }
        }
        for (String kind : List.of("channel", "console")) {
            for (Element chr : Xml.children(devices, kind)) {
                if ("virtio".equals(Xml.attr(Xml.child(chr, "target"), "type"))) {
                    Element addr = Xml.child(chr, "address");
                    int idx = addr != null && "virtio-serial".equals(Xml.attr(addr, "type"))
                            ? intAttr(addr, "controller", 0) : 0;
                    maybeAddController(devices, list, "virtio-serial", idx, null);
                }
            }
        }
        List<Element> cards = Xml.children(devices, "smartcard");
        for (Element card : cards) {
            Element addr = Xml.child(card, "address");
            int idx = 0;
            if (addr != null && "ccid".equals(Xml.attr(addr, "type"))) {
                idx = intAttr(addr, "controller", 0);
            } else if (addr == null) {
                int max = -1;
                for (Element o : cards) {
                    Element oa = Xml.child(o, "address");
                    if (oa != null && "ccid".equals(Xml.attr(oa, "type")) && intAttr(oa, "controller", 0) == 0) {
                        max = Math.max(max, intAttr(oa, "slot", 0));
                    }
                }
                addr = card.getOwnerDocument().createElement("address");
                Xml.set(addr, "type", "ccid");
                Xml.set(addr, "controller", "0");
                Xml.set(addr, "slot", Integer.toString(max + 1));
                card.appendChild(addr);
            }
            maybeAddController(devices, list, "ccid", idx, null);
        }
        int maxScsi = -1;
        String scsiModel = null;
        for (Element h : Xml.children(devices, "hostdev")) {
            Element addr = Xml.child(h, "address");
            if ("subsystem".equals(Xml.attr(h, "mode")) && "scsi".equals(Xml.attr(h, "type")) && addr != null
                    && "drive".equals(Xml.attr(addr, "type")) && intAttr(addr, "controller", 0) > maxScsi) {
                maxScsi = intAttr(addr, "controller", 0);
                Element cont = findController(list, "scsi", maxScsi);
                if (cont != null && Xml.attr(cont, "model") != null) {
                    scsiModel = Xml.attr(cont, "model");
                }
            }
        }
        for (int i = 0; i <= maxScsi; i++) {
            maybeAddController(devices, list, "scsi", i, scsiModel);
        }
        for (Element c : list) {
            devices.appendChild(c);
        }
    }

    /** virDomainControllerInsertPreAlloced: after the last of its type, or before the first of a higher index. */
    private static void insertController(List<Element> list, Element c) {
        int idx = intAttr(c, "index", -1);
        String type = Xml.attr(c, "type");
        int insertAt = -1;
        for (int i = list.size() - 1; i >= 0; i--) {
            Element cur = list.get(i);
            if (!java.util.Objects.equals(type, Xml.attr(cur, "type"))) {
                continue;
            }
            int curIdx = intAttr(cur, "index", -1);
            if (idx == -1) {
                insertAt = i + 1;
                break;
            }
            if (curIdx > idx) {
                insertAt = i;
            } else if (Xml.child(c, "master") == null && Xml.child(cur, "master") != null && curIdx == idx) {
                insertAt = i;
            } else if (insertAt == -1) {
                insertAt = i + 1;
            }
        }
        list.add(insertAt == -1 ? list.size() : insertAt, c);
    }

    private static void maybeAddController(Element devices, List<Element> list, String type, int idx, String model) {
        if (findController(list, type, idx) != null) {
            return;
        }
        Element c = devices.getOwnerDocument().createElement("controller");
        Xml.set(c, "type", type);
        Xml.set(c, "index", Integer.toString(idx));
        if (model != null) {
            Xml.set(c, "model", model);
        }
        // virDomainDefAddController appends, unlike the parser's sorted insert
        list.add(c);
    }

    private static Element findController(List<Element> list, String type, int idx) {
        for (Element o : list) {
            if (java.util.Objects.equals(Xml.attr(o, "type"), type) && intAttr(o, "index", -1) == idx) {
                return o;
            }
        }
        return null;
    }

    private static int intAttr(Element e, String name, int dflt) {
        String v = Xml.attr(e, name);
        Long n = v == null ? null : StrToLong.parse(v.trim(), 10, false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        return n == null ? dflt : n.intValue();
    }

    /**
     * virDomainDiskDefAssignAddress: a disk on a controller bus without an address gets the drive address its
     * target name implies (narrow SCSI: 7 units a controller; IDE: 2 buses of 2; SATA: 6 units; floppy: 2);
     * every drive address is written with all four numbers.
     */
    private static void assignDiskAddresses(Element devices) {
        for (Element disk : Xml.children(devices, "disk")) {
            Element target = Xml.child(disk, "target");
            String bus = Xml.attr(target, "bus");
            Element addr = Xml.child(disk, "address");
            int idx = diskNameToIndex(Xml.attr(target, "dev"));
            if (addr == null && bus != null && Set.of("scsi", "ide", "sata", "fdc").contains(bus)) {
                if (idx < 0) {
                    throw VirtException.of(ED, ErrorNumber.XML_ERROR,
                            "Unknown disk name '%s' and no address specified", Xml.attr(target, "dev"));
                }
                int[] cbu = switch (bus) {
                    case "scsi" -> new int[] {idx / 7, 0, idx % 7};
                    case "ide" -> new int[] {idx / 4, (idx % 4) / 2, idx % 2};
                    case "sata" -> new int[] {idx / 6, 0, idx % 6};
                    default -> new int[] {idx / 2, 0, idx % 2};
                };
                if (bus.equals("scsi")) {
                    for (Element h : Xml.children(devices, "hostdev")) {
                        Element ha = Xml.child(h, "address");
                        if ("scsi".equals(Xml.attr(h, "type")) && ha != null && "drive".equals(Xml.attr(ha, "type"))
                                && intAttr(ha, "controller", 0) == cbu[0] && intAttr(ha, "bus", 0) == 0
                                && intAttr(ha, "target", 0) == 0 && intAttr(ha, "unit", 0) == cbu[2]) {
                            throw VirtException.of(ED, ErrorNumber.CONFIG_UNSUPPORTED,
                                    "using disk target name '%s' conflicts with SCSI host device address "
                                            + "controller='%d' bus='%d' target='%d' unit='%d",
                                    Xml.attr(target, "dev"), cbu[0], 0, 0, cbu[2]);
                        }
                    }
                }
                addr = disk.getOwnerDocument().createElement("address");
                Xml.set(addr, "type", "drive");
                Xml.set(addr, "controller", Integer.toString(cbu[0]));
                Xml.set(addr, "bus", Integer.toString(cbu[1]));
                Xml.set(addr, "unit", Integer.toString(cbu[2]));
                disk.appendChild(addr);
            }
        }
        for (String kind : List.of("disk", "hostdev", "controller")) {
            for (Element dev : Xml.children(devices, kind)) {
                Element addr = Xml.child(dev, "address");
                if (addr != null && "drive".equals(Xml.attr(addr, "type"))) {
                    for (String a : List.of("controller", "bus", "target", "unit")) {
                        Xml.set(addr, a, Integer.toString(intAttr(addr, a, 0)));
                    }
                }
            }
        }
    }

    /** virDiskNameToIndex: sda → 0, hdz → 25, vdaa → 26; -1 for a name of no known prefix. */
    static int diskNameToIndex(String name) {
        if (name == null) {
            return -1;
        }
        String rest = null;
        for (String p : List.of("fd", "hd", "vd", "sd", "xvd", "ubd")) {
            if (name.startsWith(p)) {
                rest = name.substring(p.length());
                break;
            }
        }
        if (rest == null || rest.isEmpty() || rest.charAt(0) < 'a' || rest.charAt(0) > 'z') {
            return -1;
        }
        int idx = 0;
        int i = 0;
        for (; i < rest.length() && rest.charAt(i) >= 'a' && rest.charAt(i) <= 'z'; i++) {
            idx = (idx + (i < 1 ? 0 : 1)) * 26 + (rest.charAt(i) - 'a');
        }
        for (; i < rest.length(); i++) {
            if (rest.charAt(i) < '0' || rest.charAt(i) > '9') {
                return -1;
            }
        }
        return idx;
    }

    /**
     * virDomainAssignControllerIndexes: a controller without an index gets the lowest unused one of its type,
     * except a USB2 companion, which joins the index of the USB2 controller just before it unless that index
     * already has one of its model.
     */
    private static void assignControllerIndexes(List<Element> all) {
        for (int i = 0; i < all.size(); i++) {
            Element c = all.get(i);
            if (Xml.attr(c, "index") != null) {
                continue;
            }
            String type = Xml.attr(c, "type");
            String index = null;
            if (i > 0 && isUsb2(c)) {
                Element prev = null;
                for (int j = i - 1; j >= 0 && prev == null; j--) {
                    if ("usb".equals(Xml.attr(all.get(j), "type"))) {
                        prev = all.get(j);
                    }
                }
                if (prev != null && isUsb2(prev)) {
                    String prevIndex = Xml.attr(prev, "index");
                    boolean taken = all.stream().anyMatch(o -> "usb".equals(Xml.attr(o, "type"))
                            && java.util.Objects.equals(Xml.attr(o, "index"), prevIndex)
                            && java.util.Objects.equals(Xml.attr(o, "model"), Xml.attr(c, "model")));
                    index = taken ? null : prevIndex;
                }
            }
            if (index == null) {
                int n = 0;
                while (findController(all, type, n) != null) {
                    n++;
                }
                index = Integer.toString(n);
            }
            Xml.set(c, "index", index);
        }
    }

    private static boolean isUsb2(Element c) {
        String model = Xml.attr(c, "model");
        return "usb".equals(Xml.attr(c, "type")) && model != null && USB2_MODELS.contains(model);
    }

    /**
     * Video as libvirt's parser and post-parse leave it: a graphics device without video gets one (implicit
     * video); the video marked primary goes first and the first one is the primary; the test driver's default
     * model (testDomainDevicesDefPostParse), one head, and the model's default video RAM rounded up to a power of
     * two (virDomainVideoDefPostParse).
     */
    private static void completeVideos(Element r, Element devices) {
        List<Element> videos = Xml.children(devices, "video");
        if (videos.isEmpty()) {
            if (Xml.children(devices, "graphics").isEmpty()) {
                return;
            }
            devices.appendChild(r.getOwnerDocument().createElement("video"));
            videos = Xml.children(devices, "video");
        }
        for (int i = 1; i < videos.size(); i++) {
            if ("yes".equals(Xml.attr(Xml.child(videos.get(i), "model"), "primary"))) {
                devices.insertBefore(videos.get(i), videos.get(0));
                videos = Xml.children(devices, "video");
                break;
            }
        }
        Element os = Xml.child(r, "os");
        Element osType = os == null ? null : Xml.child(os, "type");
        String osKind = osType == null ? "" : osType.getTextContent().trim();
        String arch = osType == null || Xml.attr(osType, "arch") == null ? "" : Xml.attr(osType, "arch");
        String virt = Xml.attr(r, "type");
        for (int i = 0; i < videos.size(); i++) {
            Element v = videos.get(i);
            Element model = Xml.child(v, "model");
            if (model == null) {
                model = r.getOwnerDocument().createElement("model");
                v.insertBefore(model, Xml.child(v, "driver") != null ? Xml.child(v, "driver").getNextSibling()
                        : v.getFirstChild());
            }
            String type = Xml.attr(model, "type");
            if (type == null || type.equals("default")) {
                type = osKind.equals("xen") || osKind.equals("linux") ? "xen"
                        : arch.startsWith("ppc64") ? "vga" : "cirrus";
                Xml.set(model, "type", type);
            }
            if (Xml.attr(model, "heads") == null) {
                Xml.set(model, "heads", "1");
            }
            if (type.equals("qxl") && isZero(Xml.attr(model, "ram"))) {
                Xml.set(model, "ram", Long.toString(defaultVideoRam(type, virt)));
            }
            if (isZero(Xml.attr(model, "vram"))) {
                long ram = defaultVideoRam(type, virt);
                Xml.set(model, "vram", ram == 0 ? null : Long.toString(ram));
            }
            for (String a : List.of("ram", "vram")) {
                String val = Xml.attr(model, a);
                Long n = val == null ? null : StrToLong.parse(val.trim(), 10, true, 0, 0xFFFFFFFFL);
                if (n != null && n > 0) {
                    Xml.set(model, a, Long.toString(Long.highestOneBit(n) == n ? n : Long.highestOneBit(n) << 1));
                }
            }
            Xml.set(model, "primary", null);
            if (i == 0) {
                if (type.equals("none")) {
                    for (String a : List.of("ram", "vram", "vram64", "vgamem", "heads")) {
                        Xml.set(model, a, null);
                    }
                } else {
                    Xml.set(model, "primary", "yes");
                }
            }
        }
    }

    /**
     * The guest CPU attributes virCPUDefFormatBufFull writes once a model (or a mode other than custom) is given:
     * mode (custom), match for a custom CPU (exact) and the model's fallback (allow).
     */
    private static void completeCpu(Element r) {
        Element cpu = Xml.child(r, "cpu");
        if (cpu == null) {
            return;
        }
        String mode = Xml.attr(cpu, "mode") == null ? "custom" : Xml.attr(cpu, "mode");
        Element model = Xml.child(cpu, "model");
        boolean named = model != null && !model.getTextContent().isBlank();
        if (!mode.equals("custom") || named) {
            Xml.set(cpu, "mode", mode);
            if (mode.equals("custom") && Xml.attr(cpu, "match") == null) {
                Xml.set(cpu, "match", "exact");
            }
        }
        boolean formatModel = mode.equals("custom") || mode.equals("host-model");
        if (model != null && (!formatModel || (!named && Xml.attr(model, "vendor_id") == null))) {
            // written only for these modes, and only with a name or a vendor_id
            cpu.removeChild(model);
        } else if (named && Xml.attr(model, "fallback") == null) {
            Xml.set(model, "fallback", "allow");
        }
    }

    /**
     * VNC and SPICE graphics as libvirt's parser, post-parse and formatter leave them
     * (virDomainGraphicsListensParseXML, virDomainGraphicsDefParseXMLVNC/Spice, virDomainDefPostParseGraphics,
     * virDomainGraphicsDefFormat): the listen or socket attribute becomes the first {@code <listen>}; the port
     * attributes are written as the defined (inactive) domain has them, autoport always; SPICE with neither port
     * nor autoport listens nowhere (type none).
     */
    private static void completeGraphics(Element g) {
        String type = Xml.attr(g, "type");
        boolean vnc = "vnc".equals(type);
        if (!vnc && !"spice".equals(type)) {
            return;
        }
        List<Element> listens = Xml.children(g, "listen");
        String socket = vnc ? Xml.attr(g, "socket") : null;
        Element made = g.getOwnerDocument().createElement("listen");
        if (socket != null) {
            Xml.set(made, "type", "socket");
            Xml.set(made, "socket", socket);
        } else {
            Xml.set(made, "type", "address");
            String addr = Xml.attr(g, "listen");
            Xml.set(made, "address", addr == null || addr.isEmpty() ? null : addr);
        }
        Element first;
        if (listens.isEmpty()) {
            first = made;
            g.insertBefore(made, g.getFirstChild());
        } else {
            first = listens.get(0);
            String ft = Xml.attr(first, "type");
            if (("address".equals(ft) || "network".equals(ft)) && socket != null) {
                g.replaceChild(made, first);
                first = made;
            }
        }
        String listenType = Xml.attr(first, "type");
        boolean addressLike = "address".equals(listenType) || "network".equals(listenType);
        if (vnc) {
            Long port = Xml.attr(g, "port") == null ? null : StrToLong.parse(Xml.attr(g, "port").trim(), 10, false,
                    Integer.MIN_VALUE, Integer.MAX_VALUE);
            boolean autoport = port == null || port == -1;
            long p = port == null || port == -1 ? 0 : port;
            if (Xml.attr(g, "autoport") != null) {
                autoport = "yes".equals(Xml.attr(g, "autoport")) || (autoport && !"no".equals(Xml.attr(g, "autoport")));
                if (autoport) {
                    p = 0;
                }
            }
            Xml.set(g, "port", null);
            Xml.set(g, "autoport", null);
            Xml.set(g, "listen", null);
            Xml.set(g, "socket", null);
            if ("socket".equals(listenType)) {
                Xml.set(g, "socket", Xml.attr(first, "socket"));
            } else if (addressLike) {
                Xml.set(g, "port", p != 0 ? Long.toString(p) : autoport ? "-1" : null);
                Xml.set(g, "autoport", autoport ? "yes" : "no");
                Xml.set(g, "listen", "address".equals(listenType) ? Xml.attr(first, "address") : null);
            }
        } else {
            long port = intAttr(g, "port", 0);
            long tls = intAttr(g, "tlsPort", 0);
            boolean autoport = "yes".equals(Xml.attr(g, "autoport")) || (port == -1 && tls == -1);
            if (autoport) {
                port = 0;
                tls = 0;
            }
            if ("address".equals(listenType) && port == 0 && tls == 0 && !autoport) {
                Xml.set(first, "type", "none");
                Xml.set(first, "address", null);
                listenType = "none";
                addressLike = false;
            }
            Xml.set(g, "port", null);
            Xml.set(g, "tlsPort", null);
            Xml.set(g, "autoport", null);
            Xml.set(g, "listen", null);
            if (addressLike) {
                Xml.set(g, "port", port != 0 ? Long.toString(port) : null);
                Xml.set(g, "tlsPort", tls != 0 ? Long.toString(tls) : null);
                Xml.set(g, "autoport", autoport ? "yes" : "no");
                Xml.set(g, "listen", "address".equals(listenType) ? Xml.attr(first, "address") : null);
            }
        }
    }

    /** Serial target types whose first device gets a console twin (virDomainDefAddConsoleCompat). */
    private static final Set<String> CONSOLE_TWIN_SERIALS = Set.of("", "isa-serial", "spapr-vio-serial",
            "system-serial", "sclp-serial");

    /**
     * Serial, parallel and console devices as libvirt's parser and post-parse leave them: target ports numbered
     * (consoles by position, ISA serials on the lowest free ISA port, the others after the highest), a console
     * without target type is a serial console, and in an HVM guest the first console and the first serial port are
     * one device written twice (virDomainDefAddConsoleCompat and the console formatter's back-compat copy).
     */
    private static void completeCharDevices(Element r, Element devices) {
        for (String kind : List.of("serial", "parallel", "console", "channel", "redirdev", "smartcard")) {
            for (Element c : Xml.children(devices, kind)) {
                if (!kind.equals("smartcard") || "passthrough".equals(Xml.attr(c, "mode"))) {
                    validateChrSource(c, kind);
                }
            }
        }
        for (String kind : List.of("serial", "parallel", "console", "channel")) {
            for (Element c : Xml.children(devices, kind)) {
                Element src = Xml.child(c, "source");
                if ("unix".equals(Xml.attr(c, "type")) && src != null) {
                    // virDomainChrSourceDefFormat: a UNIX socket source is written only with its path, and
                    // always with its mode
                    if (Xml.attr(src, "path") == null) {
                        c.removeChild(src);
                    } else if (Xml.attr(src, "mode") == null) {
                        Xml.set(src, "mode", "connect");
                    }
                }
            }
        }
        Element osType = Xml.child(Xml.child(r, "os"), "type");
        boolean hvm = osType != null && osType.getTextContent().trim().equals("hvm");
        List<Element> consoles = Xml.children(devices, "console");
        for (int i = 0; i < consoles.size(); i++) {
            Element t = chrTarget(consoles.get(i));
            Xml.set(t, "port", Integer.toString(i));
            if (Xml.attr(t, "type") == null || "none".equals(Xml.attr(t, "type"))) {
                Xml.set(t, "type", "serial");
            }
            if (i > 0 && "serial".equals(Xml.attr(t, "type"))) {
                throw VirtException.of(ED, ErrorNumber.CONFIG_UNSUPPORTED, "Only the first console can be a serial port");
            }
        }
        List<Element> serials = Xml.children(devices, "serial");
        List<Integer> isaUsed = new ArrayList<>();
        for (Element sr : serials) {
            Element t = Xml.child(sr, "target");
            if (t != null && "isa-serial".equals(Xml.attr(t, "type")) && Xml.attr(t, "port") != null) {
                isaUsed.add(intAttr(t, "port", 0));
            }
        }
        for (Element sr : serials) {
            Element t = Xml.child(sr, "target");
            if (t != null && "isa-serial".equals(Xml.attr(t, "type")) && Xml.attr(t, "port") == null) {
                int p = 0;
                while (isaUsed.contains(p)) {
                    p++;
                }
                isaUsed.add(p);
                Xml.set(t, "port", Integer.toString(p));
            }
        }
        for (String kind : List.of("serial", "parallel")) {
            List<Element> list = Xml.children(devices, kind);
            for (Element c : list) {
                Element t = chrTarget(c);
                if (Xml.attr(t, "port") == null) {
                    int max = -1;
                    for (Element o : list) {
                        Element ot = Xml.child(o, "target");
                        if (ot != null && Xml.attr(ot, "port") != null) {
                            max = Math.max(max, intAttr(ot, "port", -1));
                        }
                    }
                    Xml.set(t, "port", Integer.toString(max + 1));
                }
            }
        }
        if (!hvm) {
            return;
        }
        if (!consoles.isEmpty() && "serial".equals(Xml.attr(Xml.child(consoles.get(0), "target"), "type"))) {
            if (serials.isEmpty()) {
                Element twin = (Element) consoles.get(0).cloneNode(true);
                twin = (Element) r.getOwnerDocument().renameNode(twin, null, "serial");
                Element t = Xml.child(twin, "target");
                Xml.set(t, "type", null);
                Xml.set(t, "port", "0");
                devices.insertBefore(twin, consoles.get(0));
                serials = Xml.children(devices, "serial");
            }
        } else if (!serials.isEmpty()) {
            String t = Xml.attr(Xml.child(serials.get(0), "target"), "type");
            if (CONSOLE_TWIN_SERIALS.contains(t == null ? "" : t)) {
                Element stub = r.getOwnerDocument().createElement("console");
                if (consoles.isEmpty()) {
                    devices.appendChild(stub);
                } else {
                    devices.insertBefore(stub, consoles.get(0));
                }
                Element st = r.getOwnerDocument().createElement("target");
                Xml.set(st, "type", "serial");
                stub.appendChild(st);
                consoles = Xml.children(devices, "console");
            }
        }
        for (int n = 0; n < consoles.size() && n < serials.size(); n++) {
            Element c = consoles.get(n);
            if (!"serial".equals(Xml.attr(Xml.child(c, "target"), "type"))) {
                continue;
            }
            Element copy = (Element) serials.get(n).cloneNode(true);
            copy = (Element) r.getOwnerDocument().renameNode(copy, null, "console");
            Element ct = Xml.child(copy, "target");
            String port = Xml.attr(ct, "port");
            Element nt = r.getOwnerDocument().createElement("target");
            Xml.set(nt, "type", "serial");
            Xml.set(nt, "port", port);
            copy.replaceChild(nt, ct);
            devices.replaceChild(copy, c);
        }
    }

    /** virDomainChrSourceDefValidate: the source attributes each character device type cannot do without. */
    private static void validateChrSource(Element chr, String kind) {
        String type = Xml.attr(chr, "type");
        List<Element> sources = Xml.children(chr, "source");
        Element src = sources.isEmpty() ? null : sources.get(0);
        String missing = null;
        boolean listen = "bind".equals(Xml.attr(src, "mode"));
        boolean reconnect = "yes".equals(Xml.attr(Xml.child(src, "reconnect"), "enabled"));
        if (reconnect && Xml.attr(Xml.child(src, "reconnect"), "timeout") == null) {
            // virDomainChrSourceReconnectDefParseXML: an enabled reconnect needs its timeout
            throw VirtException.of(ED, ErrorNumber.XML_ERROR, "Missing required attribute '%s' in element '%s'",
                    "timeout", "reconnect");
        }
        switch (type == null ? "" : type) {
            case "file", "dev", "pipe" -> missing = Xml.attr(src, "path") == null ? "path" : null;
            case "tcp" -> missing = Xml.attr(src, "host") == null ? "host"
                    : Xml.attr(src, "service") == null ? "service" : null;
            case "udp" -> {
                boolean service = false;
                for (Element so : sources) {
                    String m = Xml.attr(so, "mode");
                    service |= (m == null || m.equals("connect")) && Xml.attr(so, "service") != null;
                }
                missing = service ? null : "service";
            }
            case "unix" -> {
                String target = Xml.attr(Xml.child(chr, "target"), "type");
                boolean autoPath = kind.equals("channel") && ("xen".equals(target) || "virtio".equals(target));
                missing = Xml.attr(src, "path") == null && !autoPath ? "path" : null;
            }
            default -> {
                return;
            }
        }
        if (missing != null) {
            throw VirtException.of(ED, ErrorNumber.INTERNAL_ERROR, "Missing source %s attribute for char device",
                    missing);
        }
        if ((type.equals("tcp") || type.equals("unix")) && listen && reconnect) {
            throw VirtException.of(ED, ErrorNumber.INTERNAL_ERROR,
                    "chardev reconnect is possible only for connect mode");
        }
    }

    /** A character device's {@code <target>}, made where libvirt writes it (before alias and address). */
    private static Element chrTarget(Element chr) {
        Element t = Xml.child(chr, "target");
        if (t == null) {
            t = chr.getOwnerDocument().createElement("target");
            Element before = null;
            for (Element k : Xml.children(chr)) {
                if (before == null && Set.of("alias", "address").contains(Xml.localName(k))) {
                    before = k;
                }
            }
            chr.insertBefore(t, before);
        }
        return t;
    }

    /**
     * virPCIDeviceAddressFormat: every PCI address (a device's, or a host device's source) is written in hex with
     * its four parts, whatever base the definition used (virXMLPropUInt with base 0); a device's all-zero address
     * without them.
     */
    private static void normalizePciAddresses(Element devices) {
        var nodes = devices.getElementsByTagName("address");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element a = (Element) nodes.item(i);
            boolean pci = "pci".equals(Xml.attr(a, "type"))
                    || (Xml.attr(a, "type") == null && a.getParentNode() instanceof Element p
                            && "source".equals(Xml.localName(p)) && p.getParentNode() instanceof Element h
                            && "hostdev".equals(Xml.localName(h)) && "pci".equals(Xml.attr(h, "type")));
            if (!pci) {
                continue;
            }
            String[][] parts = {{"domain", "0x%04x"}, {"bus", "0x%02x"}, {"slot", "0x%02x"}, {"function", "0x%x"}};
            long[] vals = new long[4];
            for (int k = 0; k < 4; k++) {
                Long v = parseBase0(Xml.attr(a, parts[k][0]));
                if (v == null && Xml.attr(a, parts[k][0]) != null) {
                    return; // libvirt refuses it; leave it for the checks that report it
                }
                vals[k] = v == null ? 0 : v;
            }
            // virPCIDeviceAddressParseXML refuses a set address out of range (virPCIDeviceAddressIsValid)
            boolean set = vals[0] != 0 || vals[1] != 0 || vals[2] != 0 || vals[3] != 0;
            if (set && vals[1] > 0xFF) {
                throw VirtException.of(ED, ErrorNumber.XML_ERROR, "Invalid PCI address bus='0x%x', must be <= 0xFF",
                        vals[1]);
            }
            if (set && vals[2] > 0x1F) {
                throw VirtException.of(ED, ErrorNumber.XML_ERROR,
                        "Invalid PCI address slot='0x%x', must be <= 0x1F", vals[2]);
            }
            if (set && vals[3] > 7) {
                throw VirtException.of(ED, ErrorNumber.XML_ERROR, "Invalid PCI address function=0x%x, must be <= 7",
                        vals[3]);
            }
            for (int k = 0; k < 4; k++) {
                Xml.set(a, parts[k][0], String.format(parts[k][1], vals[k]));
            }
            if ("pci".equals(Xml.attr(a, "type")) && parts.length == 4
                    && java.util.Arrays.stream(parts).allMatch(p -> parseBase0(Xml.attr(a, p[0])) == 0)) {
                // virDomainDeviceInfoFormat leaves out an all-zero (not yet assigned) device address
                for (String[] part : parts) {
                    Xml.set(a, part[0], null);
                }
            }
        }
    }

    /**
     * virDomainDefHostdevValidate: no host device may be given twice. Two devices of one mode and type with the same
     * source (compared as trees, PCI addresses already in one form) are the same device, as virDomainHostdevMatch
     * finds; a source libvirt would match in another spelling is not caught here.
     */
    private static void rejectDuplicateHostdevs(Element devices) {
        List<String> seen = new ArrayList<>();
        for (Element h : Xml.children(devices, "hostdev")) {
            Element src = Xml.child(h, "source");
            if (src == null) {
                continue;
            }
            String key = Xml.attr(h, "mode") + "/" + Xml.attr(h, "type") + "/" + canonical(src);
            if (seen.contains(key)) {
                throw VirtException.of(ED, ErrorNumber.XML_ERROR, "Hostdev already exists in the domain configuration");
            }
            seen.add(key);
        }
    }

    private static String canonical(Element e) {
        StringBuilder sb = new StringBuilder(Xml.localName(e)).append('[');
        java.util.TreeMap<String, String> attrs = new java.util.TreeMap<>();
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            attrs.put(e.getAttributes().item(i).getNodeName(), e.getAttributes().item(i).getNodeValue());
        }
        sb.append(attrs).append(']');
        List<Element> kids = Xml.children(e);
        if (kids.isEmpty()) {
            sb.append(e.getTextContent().trim());
        }
        for (Element k : kids) {
            sb.append('(').append(canonical(k)).append(')');
        }
        return sb.toString();
    }

    /** strtoul with base 0: 0x… hex, 0… octal, decimal otherwise; null when it is none of them. */
    private static Long parseBase0(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseLong(t.substring(2), 16);
            }
            if (t.length() > 1 && t.startsWith("0")) {
                return Long.parseLong(t.substring(1), 8);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isZero(String v) {
        return v == null || v.trim().equals("0");
    }

    /** virDomainVideoDefaultRAM, in KiB; 0 when the model has none. */
    private static long defaultVideoRam(String type, String virt) {
        return switch (type) {
            case "vga", "cirrus", "vmvga" -> "vbox".equals(virt) ? 8192 : "vmware".equals(virt) ? 4096 : 16384;
            case "bochs" -> 16384;
            case "xen" -> 4096;
            case "qxl" -> 65536;
            default -> 0;
        };
    }

    /** testDomainGenerateIfnames: every interface without a target name gets the first free "testnetN". */
    private static void generateIfnames(List<Element> nets) {
        List<String> used = new ArrayList<>();
        for (Element net : nets) {
            String dev = Xml.attr(Xml.child(net, "target"), "dev");
            if (dev != null) {
                used.add(dev);
            }
        }
        for (Element net : nets) {
            Element target = Xml.child(net, "target");
            if (Xml.attr(target, "dev") != null) {
                continue;
            }
            int n = 0;
            while (used.contains("testnet" + n)) {
                n++;
            }
            used.add("testnet" + n);
            if (target == null) {
                target = net.getOwnerDocument().createElement("target");
                Element after = Xml.child(net, "source") != null ? Xml.child(net, "source") : Xml.child(net, "mac");
                net.insertBefore(target, after.getNextSibling());
            }
            Xml.set(target, "dev", "testnet" + n);
        }
    }

    /** Puts the top-level elements back in libvirt's order after an edit added one. */
    static void orderTop(Element r) {
        sortChildren(r, TOP_ORDER);
    }

    /** Stable sort by libvirt's order; an element libvirt would not know stays after its predecessor. */
    private static void sortChildren(Element parent, List<String> order) {
        List<Element> kids = Xml.children(parent);
        List<int[]> ranks = new ArrayList<>();
        int last = -1;
        for (int i = 0; i < kids.size(); i++) {
            Element k = kids.get(i);
            int rank = k.getNamespaceURI() == null ? order.indexOf(Xml.localName(k)) : order.size();
            if (rank < 0) {
                rank = Math.max(last, 0);
            }
            last = rank;
            ranks.add(new int[]{rank, i});
        }
        ranks.sort(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]));
        for (int[] rk : ranks) {
            parent.appendChild(kids.get(rk[1]));
        }
    }

    // ---- accessors --------------------------------------------------------------------------------------------

    String name() {
        return name;
    }

    void setName(String newName) {
        edit(r -> Xml.setChildText(r, "name", newName));
    }

    UUID uuid() {
        return uuid;
    }

    long memoryKiB() {
        return memoryKiB;
    }

    long currentMemoryKiB() {
        return currentMemoryKiB;
    }

    void setMemoryKiB(long kib) {
        edit(r -> setMemoryElement(r, "memory", kib));
    }

    void setCurrentMemoryKiB(long kib) {
        edit(r -> setMemoryElement(r, "currentMemory", kib));
    }

    int vcpusMax() {
        return vcpusMax;
    }

    int vcpusCurrent() {
        return vcpusCurrent;
    }

    void setVcpus(int current) {
        int max = vcpusMax;
        edit(r -> {
            Element v = Xml.child(r, "vcpu");
            writeVcpu(r, max, current, Xml.attr(v, "placement"), Xml.attr(v, "cpuset"));
        });
    }

    /** virDomainDefSetVcpusMax: the current count follows the maximum down, never up. */
    void setVcpusMax(int max) {
        int current = Math.min(vcpusCurrent, max);
        edit(r -> {
            Element v = Xml.child(r, "vcpu");
            writeVcpu(r, max, current, Xml.attr(v, "placement"), Xml.attr(v, "cpuset"));
        });
    }

    String onPoweroff() {
        return onPoweroff;
    }

    String onReboot() {
        return onReboot;
    }

    /** The XML as virDomainDefFormat writes it: the id while running, secrets only with SECURE. */
    String format(int id, boolean secure) {
        if (!secure && xml.contains(" passwd='")) {
            return formatWithoutSecrets(id);
        }
        return id > 0 ? withId(xml, id) : xml;
    }

    /**
     * The text with the running id added to the root element, after the type as libvirt writes it. Attribute
     * values are written with '>' and quotes escaped, so the first '>' closes the root's start tag and
     * {@code " type='"} can only start the type attribute.
     */
    private static String withId(String xml, int id) {
        int end = xml.indexOf('>');
        int t = xml.lastIndexOf(" type='", end);
        int tEnd = xml.indexOf('\'', t + 7) + 1;
        return new StringBuilder(xml.length() + 16).append(xml, 0, t).append(xml, tEnd, end)
                .append(xml, t, tEnd).append(" id='").append(id).append('\'').append(xml, end, xml.length())
                .toString();
    }

    private String formatWithoutSecrets(int id) {
        Document out = document();
        Element r = out.getDocumentElement();
        if (id > 0) {
            String type = r.getAttribute("type");
            Xml.set(r, "type", null);
            Xml.set(r, "type", type);
            Xml.set(r, "id", Integer.toString(id));
        }
        for (Element g : Xml.children(Xml.child(r, "devices"), "graphics")) {
            Xml.set(g, "passwd", null);
        }
        return Xml.format(out);
    }
}
