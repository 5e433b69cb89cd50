package org.jvirt.xml.domain;

import java.util.ArrayList;
import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/** A guest disk: {@code <disk type='file' device='disk'>} with driver, source, target and flags. */
public final class DiskXml extends DeviceXml {
    private static final List<String> ORDER = List.of("driver", "auth", "source", "backingStore", "target",
            "blockio", "geometry", "iotune", "throttlefilters", "boot", "readonly", "shareable", "transient",
            "serial", "wwn", "vendor", "product", "encryption", "alias", "address");
    /** The attributes of {@code <source>} that belong to one of the variants; others are left alone. */
    private static final List<String> SOURCE_ATTRIBUTES = List.of("file", "dev", "dir", "protocol", "name",
            "pool", "volume", "mode");

    public DiskXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    /** "disk", "cdrom", "floppy" or "lun"; libvirt's default is "disk". */
    public String device() {
        String d = attr("device");
        return d == null ? "disk" : d;
    }

    public DiskXml device(String device) {
        attr("device", device);
        return this;
    }

    /** The source variant, decided by {@code type=}; an empty file/block disk (a cdrom) has null fields. */
    public DiskSource source() {
        String type = attr("type");
        Element s = child("source");
        String t = type == null ? "file" : type;
        return switch (t) {
            case "file" -> new DiskSource.File(sourceAttr(s, "file"));
            case "block" -> new DiskSource.Block(sourceAttr(s, "dev"));
            case "dir" -> new DiskSource.Dir(sourceAttr(s, "dir"));
            case "network" -> new DiskSource.Network(sourceAttr(s, "protocol"), sourceAttr(s, "name"), hosts(s));
            case "volume" -> new DiskSource.Volume(sourceAttr(s, "pool"), sourceAttr(s, "volume"),
                    sourceAttr(s, "mode"));
            default -> new DiskSource.Other(t);
        };
    }

    /**
     * Sets {@code type=} and the variant's attributes of {@code <source>}. Other children of the source
     * (seclabel, reservations, ...) and unrelated attributes stay. A File or Block with a null path removes the
     * source (an empty drive).
     */
    public DiskXml source(DiskSource source) {
        attr("type", source.diskType());
        Dom.moveAttributeFirst(element, "type");
        if (source instanceof DiskSource.Other) {
            return this;
        }
        Element s = childOrCreate("source");
        for (String a : SOURCE_ATTRIBUTES) {
            Dom.setAttribute(s, a, null);
        }
        Dom.removeChildren(s, "host");
        switch (source) {
            case DiskSource.File f -> Dom.setAttribute(s, "file", f.path());
            case DiskSource.Block b -> Dom.setAttribute(s, "dev", b.dev());
            case DiskSource.Dir d -> Dom.setAttribute(s, "dir", d.dir());
            case DiskSource.Volume v -> {
                Dom.setAttribute(s, "pool", v.pool());
                Dom.setAttribute(s, "volume", v.volume());
                Dom.setAttribute(s, "mode", v.mode());
            }
            case DiskSource.Network n -> {
                Dom.setAttribute(s, "protocol", n.protocol());
                Dom.setAttribute(s, "name", n.name());
                org.w3c.dom.Node first = s.getFirstChild(); // hosts go first, before auth and the like
                for (DiskSource.Host h : n.hosts()) {
                    Element host = s.getOwnerDocument().createElement("host");
                    Dom.setAttribute(host, "name", h.name());
                    Dom.setAttribute(host, "port", str(h.port()));
                    Dom.setAttribute(host, "transport", h.transport());
                    Dom.setAttribute(host, "socket", h.socket());
                    s.insertBefore(host, first);
                }
            }
            case DiskSource.Other o -> { }
        }
        if (!s.hasAttributes() && !s.hasChildNodes()) {
            element.removeChild(s);
        }
        return this;
    }

    /** {@code <driver name='qemu' type='qcow2' cache='none'/>} as a record; null when absent. */
    public DiskDriver driver() {
        Element d = child("driver");
        return d == null ? null : new DiskDriver(Dom.attribute(d, "name"), Dom.attribute(d, "type"),
                Dom.attribute(d, "cache"));
    }

    /** Sets name, type and cache of {@code <driver>}, keeping its other attributes (io, discard, ...). */
    public DiskXml driver(DiskDriver driver) {
        if (driver == null) {
            removeChildren("driver");
            return this;
        }
        Element d = childOrCreate("driver");
        Dom.setAttribute(d, "name", driver.name());
        Dom.setAttribute(d, "type", driver.type());
        Dom.setAttribute(d, "cache", driver.cache());
        return this;
    }

    public String targetDev() {
        return childAttr("target", "dev");
    }

    public String targetBus() {
        return childAttr("target", "bus");
    }

    /** Sets {@code <target dev='vda' bus='virtio'/>}. */
    public DiskXml target(String dev, String bus) {
        childAttr("target", "dev", dev);
        childAttr("target", "bus", bus);
        return this;
    }

    public boolean readonly() {
        return hasChild("readonly");
    }

    public DiskXml readonly(boolean readonly) {
        flagChild("readonly", readonly);
        return this;
    }

    public boolean shareable() {
        return hasChild("shareable");
    }

    public DiskXml shareable(boolean shareable) {
        flagChild("shareable", shareable);
        return this;
    }

    public String serial() {
        return childText("serial");
    }

    public DiskXml serial(String serial) {
        childText("serial", serial);
        return this;
    }

    private static String sourceAttr(Element s, String name) {
        return s == null ? null : Dom.attribute(s, name);
    }

    private List<DiskSource.Host> hosts(Element s) {
        List<DiskSource.Host> out = new ArrayList<>();
        if (s != null) {
            for (Element h : Dom.children(s, "host")) {
                out.add(new DiskSource.Host(Dom.attribute(h, "name"),
                        parseInt(Dom.attribute(h, "port"), "./source/host/@port"),
                        Dom.attribute(h, "transport"), Dom.attribute(h, "socket")));
            }
        }
        return out;
    }

    /** The disk's {@code <driver>} attributes jvirt models. */
    public record DiskDriver(String name, String type, String cache) {
    }
}
