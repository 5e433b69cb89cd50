package org.jvirt.xml.domain;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.jvirt.xml.ElementView;
import org.w3c.dom.Element;

/** {@code <os>}: guest type, architecture, machine, boot order, direct kernel boot, firmware. */
public final class OsXml extends ElementView {
    private static final List<String> ORDER = List.of("type", "firmware", "loader", "nvram", "init", "initarg",
            "initenv", "initdir", "inituser", "initgroup", "kernel", "initrd", "cmdline", "shim", "dtb", "acpi",
            "boot", "bootmenu", "smbios", "bios");

    public OsXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    /** The OS type: "hvm", "linux" (Xen PV), "exe" (containers). */
    public String type() {
        return childText("type");
    }

    public OsXml type(String type) {
        childText("type", type);
        return this;
    }

    public String arch() {
        return childAttr("type", "arch");
    }

    public OsXml arch(String arch) {
        childAttr("type", "arch", arch);
        return this;
    }

    public String machine() {
        return childAttr("type", "machine");
    }

    public OsXml machine(String machine) {
        childAttr("type", "machine", machine);
        return this;
    }

    /** The {@code firmware} attribute of {@code <os>} ("bios", "efi"). */
    public String firmware() {
        return attr("firmware");
    }

    public OsXml firmware(String firmware) {
        attr("firmware", firmware);
        return this;
    }

    /** Boot devices in order: "hd", "cdrom", "network", "fd". */
    public List<String> bootDevices() {
        return children("boot").stream().map(e -> Dom.attribute(e, "dev")).toList();
    }

    /** Replaces the boot order. */
    public OsXml bootDevices(List<String> devs) {
        removeChildren("boot");
        for (String dev : devs) {
            Dom.setAttribute(insertChild("boot"), "dev", dev);
        }
        return this;
    }

    public Boolean bootMenu() {
        return parseYesNo(childAttr("bootmenu", "enable"));
    }

    public OsXml bootMenu(Boolean enable) {
        if (enable == null) {
            removeChildren("bootmenu");
        } else {
            childAttr("bootmenu", "enable", yesNo(enable));
        }
        return this;
    }

    public String kernel() {
        return childText("kernel");
    }

    public OsXml kernel(String path) {
        childText("kernel", path);
        return this;
    }

    public String initrd() {
        return childText("initrd");
    }

    public OsXml initrd(String path) {
        childText("initrd", path);
        return this;
    }

    public String cmdline() {
        return childText("cmdline");
    }

    public OsXml cmdline(String cmdline) {
        childText("cmdline", cmdline);
        return this;
    }

    /** The firmware image path ({@code <loader>}). */
    public String loader() {
        return childText("loader");
    }

    /** Sets {@code <loader readonly='yes' type='pflash'>path</loader>}; a null type leaves the attribute out. */
    public OsXml loader(String path, String type, Boolean readonly) {
        childText("loader", path);
        if (path != null) {
            childAttr("loader", "readonly", yesNo(readonly));
            childAttr("loader", "type", type);
        }
        return this;
    }

    public String loaderType() {
        return childAttr("loader", "type");
    }

    public Boolean loaderReadonly() {
        return parseYesNo(childAttr("loader", "readonly"));
    }

    /** {@code <loader secure='yes'>}: the firmware's flash may be written only from SMM. */
    public Boolean loaderSecure() {
        return parseYesNo(childAttr("loader", "secure"));
    }

    /** Sets the loader's {@code secure} attribute, creating {@code <loader>} if needed (null removes it). */
    public OsXml loaderSecure(Boolean secure) {
        if (secure != null || hasChild("loader")) {
            childAttr("loader", "secure", yesNo(secure));
        }
        return this;
    }

    /** {@code <loader stateless='yes'>}: firmware without a variable store. */
    public Boolean loaderStateless() {
        return parseYesNo(childAttr("loader", "stateless"));
    }

    /**
     * A firmware feature asked for in {@code <firmware><feature enabled='yes|no' name='NAME'/></firmware>}
     * (secure-boot, enrolled-keys): true, false, or null when not mentioned.
     */
    public Boolean firmwareFeature(String name) {
        Element fw = child("firmware");
        if (fw == null) {
            return null;
        }
        for (Element f : Dom.children(fw, "feature")) {
            if (name.equals(Dom.attribute(f, "name"))) {
                return parseYesNo(Dom.attribute(f, "enabled"));
            }
        }
        return null;
    }

    /** Whether {@code <firmware>} lists any feature. */
    public boolean hasFirmwareFeatures() {
        Element fw = child("firmware");
        return fw != null && !Dom.children(fw, "feature").isEmpty();
    }

    /** The per-guest variable store ({@code <nvram>}). */
    public String nvram() {
        return childText("nvram");
    }

    public String nvramTemplate() {
        return childAttr("nvram", "template");
    }

    public OsXml nvram(String path, String template) {
        childText("nvram", path);
        if (path != null) {
            childAttr("nvram", "template", template);
        }
        return this;
    }

    /** The container init program ({@code <init>}). */
    public String init() {
        return childText("init");
    }

    public OsXml init(String path) {
        childText("init", path);
        return this;
    }
}
