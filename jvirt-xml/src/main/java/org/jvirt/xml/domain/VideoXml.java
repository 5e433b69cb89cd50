package org.jvirt.xml.domain;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/** {@code <video><model type='virtio' heads='1' primary='yes'/></video>}. */
public final class VideoXml extends DeviceXml {
    public VideoXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    /** "vga", "cirrus", "qxl", "virtio", "bochs", "ramfb", "none", ... */
    public String model() {
        return childAttr("model", "type");
    }

    public VideoXml model(String type) {
        childAttr("model", "type", type);
        Dom.moveAttributeFirst(child("model"), "type");
        return this;
    }

    /** Video RAM in KiB, or null. */
    public Integer vram() {
        return parseInt(childAttr("model", "vram"), "./model/@vram");
    }

    public VideoXml vram(Integer kib) {
        childAttr("model", "vram", str(kib));
        return this;
    }

    public Integer heads() {
        return parseInt(childAttr("model", "heads"), "./model/@heads");
    }

    public VideoXml heads(Integer heads) {
        childAttr("model", "heads", str(heads));
        return this;
    }

    public boolean primary() {
        return Boolean.TRUE.equals(parseYesNo(childAttr("model", "primary")));
    }
}
