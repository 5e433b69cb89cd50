package org.jvirt.xml.domain;

import java.util.List;
import java.util.function.BiFunction;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.jvirt.xml.ElementView;
import org.w3c.dom.Element;

/**
 * {@code <devices>}: the emulator and every device, listed by kind. {@code addX()} creates an empty device of
 * kind X in libvirt's position and returns its view to fill in; {@link #remove} takes any device out.
 */
public final class DevicesXml extends ElementView {
    /** The order libvirt writes device kinds in. */
    private static final List<String> ORDER = List.of("emulator", "disk", "controller", "lease", "filesystem",
            "interface", "smartcard", "serial", "parallel", "console", "channel", "input", "tpm", "graphics",
            "sound", "audio", "video", "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon",
            "rng", "panic", "shmem", "memory", "iommu", "vsock", "crypto");

    public DevicesXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    /** The device model binary ({@code <emulator>}). */
    public String emulator() {
        return childText("emulator");
    }

    public DevicesXml emulator(String path) {
        childText("emulator", path);
        return this;
    }

    /** Every device, in document order, each as the view of its kind. */
    public List<DeviceXml> all() {
        return Dom.children(element, null).stream()
                .filter(e -> e.getNamespaceURI() == null && !e.getTagName().equals("emulator"))
                .map(this::viewOf).toList();
    }

    public List<DiskXml> disks() {
        return list("disk", DiskXml::new);
    }

    public DiskXml addDisk(DiskSource source, String device) {
        DiskXml d = new DiskXml(insertChild("disk"), errorDomain);
        d.source(source);
        d.device(device);
        return d;
    }

    public List<ControllerXml> controllers() {
        return list("controller", ControllerXml::new);
    }

    public ControllerXml addController(String type, Integer index, String model) {
        return new ControllerXml(insertChild("controller"), errorDomain).type(type).index(index).model(model);
    }

    public List<NetInterfaceXml> interfaces() {
        return list("interface", NetInterfaceXml::new);
    }

    public NetInterfaceXml addInterface(InterfaceSource source) {
        return new NetInterfaceXml(insertChild("interface"), errorDomain).source(source);
    }

    public List<CharDeviceXml> serials() {
        return list("serial", CharDeviceXml::new);
    }

    public List<CharDeviceXml> consoles() {
        return list("console", CharDeviceXml::new);
    }

    public List<CharDeviceXml> channels() {
        return list("channel", CharDeviceXml::new);
    }

    public List<CharDeviceXml> parallels() {
        return list("parallel", CharDeviceXml::new);
    }

    /** Adds a character device of {@code kind} ("serial", "console", "channel", "parallel"). */
    public CharDeviceXml addCharDevice(String kind, String type) {
        return new CharDeviceXml(insertChild(kind), errorDomain).type(type);
    }

    public List<InputXml> inputs() {
        return list("input", InputXml::new);
    }

    public InputXml addInput(String type, String bus) {
        return new InputXml(insertChild("input"), errorDomain).type(type).bus(bus);
    }

    public List<GraphicsXml> graphics() {
        return list("graphics", GraphicsXml::new);
    }

    public GraphicsXml addGraphics(String type) {
        return new GraphicsXml(insertChild("graphics"), errorDomain).type(type);
    }

    public List<SoundXml> sounds() {
        return list("sound", SoundXml::new);
    }

    public SoundXml addSound(String model) {
        return new SoundXml(insertChild("sound"), errorDomain).model(model);
    }

    public List<VideoXml> videos() {
        return list("video", VideoXml::new);
    }

    public VideoXml addVideo(String model) {
        return new VideoXml(insertChild("video"), errorDomain).model(model);
    }

    public List<HostdevXml> hostdevs() {
        return list("hostdev", HostdevXml::new);
    }

    public HostdevXml addHostdev() {
        return new HostdevXml(insertChild("hostdev"), errorDomain);
    }

    public List<WatchdogXml> watchdogs() {
        return list("watchdog", WatchdogXml::new);
    }

    public WatchdogXml addWatchdog(String model, String action) {
        return new WatchdogXml(insertChild("watchdog"), errorDomain).model(model).action(action);
    }

    /** The balloon device, or null (libvirt adds one by default for QEMU). */
    public MemballoonXml memballoon() {
        Element e = child("memballoon");
        return e == null ? null : new MemballoonXml(e, errorDomain);
    }

    public MemballoonXml setMemballoon(String model) {
        removeChildren("memballoon");
        return new MemballoonXml(insertChild("memballoon"), errorDomain).model(model);
    }

    public List<RngXml> rngs() {
        return list("rng", RngXml::new);
    }

    public RngXml addRng(String model) {
        return new RngXml(insertChild("rng"), errorDomain).model(model);
    }

    /** Removes a device of this document. */
    public void remove(DeviceXml device) {
        element.removeChild(device.element());
    }

    private DeviceXml viewOf(Element e) {
        return switch (e.getTagName()) {
            case "disk" -> new DiskXml(e, errorDomain);
            case "controller" -> new ControllerXml(e, errorDomain);
            case "interface" -> new NetInterfaceXml(e, errorDomain);
            case "serial", "console", "channel", "parallel" -> new CharDeviceXml(e, errorDomain);
            case "input" -> new InputXml(e, errorDomain);
            case "graphics" -> new GraphicsXml(e, errorDomain);
            case "sound" -> new SoundXml(e, errorDomain);
            case "video" -> new VideoXml(e, errorDomain);
            case "hostdev" -> new HostdevXml(e, errorDomain);
            case "watchdog" -> new WatchdogXml(e, errorDomain);
            case "memballoon" -> new MemballoonXml(e, errorDomain);
            case "rng" -> new RngXml(e, errorDomain);
            default -> new OtherDeviceXml(e, errorDomain);
        };
    }

    private <V> List<V> list(String name, BiFunction<Element, ErrorDomain, V> view) {
        return children(name).stream().map(e -> view.apply(e, errorDomain)).toList();
    }
}
