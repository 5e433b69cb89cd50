package org.jvirt.driver.host.nodedev;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jvirt.driver.host.EventFanout;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.spi.NodeDeviceRef;

/**
 * The host's one device table (sysfs is the same for the system and the session scope), alive while a
 * connection uses node devices: the first user starts the uevent monitor and enumerates, the last one stops the
 * monitor. Events go to the event fan-out of every scope in use, once per scope.
 */
final class NodeDevService {

    private static final NodeDevService HOST = new NodeDevService(Path.of("/sys"), SysfsDevice.UDEV_DATA);

    private final Path sysRoot;
    private final Path udevData;
    private final Map<EventFanout, Integer> users = new LinkedHashMap<>();
    private PciIds pciIds;
    private NodeDevTable table;
    private UeventMonitor monitor;
    /** The fan-outs in use, read without the lock: events are raised under the table's lock (no lock order). */
    private volatile EventFanout[] targets = new EventFanout[0];

    private NodeDevService(Path sysRoot, Path udevData) {
        this.sysRoot = sysRoot;
        this.udevData = udevData;
    }

    static NodeDevService host() {
        return HOST;
    }

    /** A user of one scope's fan-out: the table is current from here until {@link #release}. */
    synchronized NodeDevTable retain(EventFanout events) {
        if (table == null) {
            if (pciIds == null) {
                pciIds = PciIds.load();
            }
            NodeDevTable t = new NodeDevTable(sysRoot, udevData, pciIds, this::raise);
            // monitor first, then enumerate: an event racing the scan is applied after it, never lost
            monitor = UeventMonitor.start(ev -> t.uevent(ev.action(), Path.of(sysRoot + ev.devpath()),
                    ev.devpathOld() == null ? null : Path.of(sysRoot + ev.devpathOld())));
            t.coldplug();
            table = t;
        }
        users.merge(events, 1, Integer::sum);
        targets = users.keySet().toArray(EventFanout[]::new);
        return table;
    }

    synchronized void release(EventFanout events) {
        users.computeIfPresent(events, (k, n) -> n == 1 ? null : n - 1);
        targets = users.keySet().toArray(EventFanout[]::new);
        if (users.isEmpty() && table != null) {
            if (monitor != null) {
                monitor.close();
                monitor = null;
            }
            table = null;
        }
    }

    private void raise(String name, NodeDeviceEvent event) {
        for (EventFanout f : targets) {
            f.nodeDeviceEvent(new NodeDeviceRef(name), event);
        }
    }
}
