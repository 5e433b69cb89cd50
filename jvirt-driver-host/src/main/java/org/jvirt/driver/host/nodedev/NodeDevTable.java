package org.jvirt.driver.host.nodedev;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.jvirt.driver.host.nodedev.CapabilityReader.Classified;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.NodeDeviceEventType;

/**
 * The node devices of the host (libvirt's virNodeDeviceObjList as the udev backend fills it): enumerated from
 * sysfs at start, then kept current by kernel uevents. A device's parent is the nearest sysfs ancestor that is a
 * node device, else "computer" (udevSetParent). Changes are reported as libvirt's lifecycle events: created on
 * add, deleted on remove, update on change of a known device.
 */
final class NodeDevTable {

    private static final System.Logger LOG = System.getLogger(NodeDevTable.class.getName());

    /** Subsystems libvirt does not enumerate (udevEnumerateAddMatches' subsystem_ignored). */
    private static final List<String> IGNORED = List.of("acpi", "tty", "vc", "i2c");

    private final Path sysRoot;
    private final Path udevData;
    private final CapabilityReader reader;
    private final BiConsumer<String, NodeDeviceEvent> events;
    private final Map<String, NodeDev> byName = new LinkedHashMap<>();
    private final Map<String, String> nameBySyspath = new HashMap<>();
    /** Each device's XML, written at the first dumpxml after it was (re)read: devices change only by uevent. */
    private final Map<String, String> xmlByName = new HashMap<>();

    NodeDevTable(Path sysRoot, Path udevData, PciIds ids, BiConsumer<String, NodeDeviceEvent> events) {
        this.sysRoot = sysRoot;
        this.udevData = udevData;
        this.reader = new CapabilityReader(ids, sysRoot, "root".equals(System.getProperty("user.name")));
        this.events = events;
    }

    /** Enumerates every device, parents before children (sysfs paths sort that way), without events. */
    synchronized void coldplug() {
        byName.clear();
        nameBySyspath.clear();
        xmlByName.clear();
        NodeDev computer = DmiSystem.read(sysRoot);
        byName.put(computer.name(), computer);
        for (Path p : enumerate()) {
            classify(p).ifPresent(this::put);
        }
    }

    /** The real paths of /sys/bus/X/devices/Y and /sys/class/X/Y, sorted, ignored subsystems left out. */
    private TreeSet<Path> enumerate() {
        TreeSet<Path> all = new TreeSet<>();
        for (Path[] group : new Path[][] {children(sysRoot.resolve("bus")), children(sysRoot.resolve("class"))}) {
            for (Path sub : group) {
                if (IGNORED.contains(sub.getFileName().toString())) {
                    continue;
                }
                Path dir = sub.getParent().getFileName().toString().equals("bus") ? sub.resolve("devices") : sub;
                for (Path dev : children(dir)) {
                    try {
                        all.add(dev.toRealPath());
                    } catch (IOException e) {
                        // went away while listing
                    }
                }
            }
        }
        return all;
    }

    private static Path[] children(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        } catch (IOException e) {
            // absent on this kernel
        }
        return out.toArray(Path[]::new);
    }

    /** The device at a sysfs path as a node device, parent resolved; empty if it is none (or is malformed). */
    private Optional<NodeDev> classify(Path syspath) {
        Optional<SysfsDevice> dev = SysfsDevice.read(syspath, udevData);
        if (dev.isEmpty() || IGNORED.contains(dev.get().subsystem())) {
            return Optional.empty();
        }
        SysfsDevice d = dev.get();
        Optional<Classified> c;
        try {
            c = reader.classify(d);
        } catch (RuntimeException e) { // BadSysfsValue, or a value no rule foresaw
            LOG.log(System.Logger.Level.WARNING, "Discarding device " + syspath + ": " + e.getMessage());
            return Optional.empty();
        }
        return c.map(k -> new NodeDev(k.name(), syspath.toString(), d.devnode(), d.devlinks(), parentOf(syspath),
                d.prop("DRIVER"), k.cap()));
    }

    private String parentOf(Path syspath) {
        for (Path p = syspath.getParent(); p != null && p.startsWith(sysRoot); p = p.getParent()) {
            String n = nameBySyspath.get(p.toString());
            if (n != null) {
                return n;
            }
        }
        return DmiSystem.NAME;
    }

    private void put(NodeDev d) {
        xmlByName.remove(d.name());
        NodeDev old = byName.put(d.name(), d);
        if (old != null && old.sysfsPath() != null && !old.sysfsPath().equals(d.sysfsPath())) {
            nameBySyspath.remove(old.sysfsPath());
        }
        nameBySyspath.put(d.sysfsPath(), d.name());
    }

    /**
     * A kernel uevent (udevEventHandleThread): add and change (re)read the device, remove drops it, move drops the
     * old path first. A change that makes a device one (a loop device getting its backing file) creates it; one
     * that makes it none (the backing file gone) deletes it.
     */
    synchronized void uevent(String action, Path syspath, Path oldSyspath) {
        switch (action) {
            case "remove" -> remove(syspath);
            case "move" -> {
                if (oldSyspath != null) {
                    remove(oldSyspath);
                }
                addOrChange(syspath);
            }
            case "add", "change", "bind", "unbind", "online", "offline" -> addOrChange(syspath);
            default -> {
            }
        }
    }

    private void remove(Path syspath) {
        String name = nameBySyspath.remove(syspath.toString());
        if (name != null) {
            byName.remove(name);
            xmlByName.remove(name);
            events.accept(name, new NodeDeviceEvent.Lifecycle(NodeDeviceEventType.DELETED, 0));
        }
    }

    private void addOrChange(Path syspath) {
        Optional<NodeDev> now = classify(syspath);
        String before = nameBySyspath.get(syspath.toString());
        if (now.isEmpty()) {
            if (before != null) {
                remove(syspath);
            }
            return;
        }
        NodeDev d = now.get();
        if (before != null && !before.equals(d.name())) {
            remove(syspath); // renamed (a new MAC address): the old name is gone
            before = null;
        }
        put(d);
        events.accept(d.name(), before == null ? new NodeDeviceEvent.Lifecycle(NodeDeviceEventType.CREATED, 0)
                : new NodeDeviceEvent.Update());
    }

    synchronized List<NodeDev> list() {
        return List.copyOf(byName.values());
    }

    synchronized Optional<NodeDev> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The device's XML (virNodeDeviceGetXMLDesc), or empty when there is no such device. */
    synchronized Optional<String> xml(String name) {
        NodeDev d = byName.get(name);
        return d == null ? Optional.empty() : Optional.of(xmlByName.computeIfAbsent(name, n -> d.toXml()));
    }
}
