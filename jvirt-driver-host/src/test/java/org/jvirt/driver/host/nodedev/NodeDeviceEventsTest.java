package org.jvirt.driver.host.nodedev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jvirt.Connect;
import org.jvirt.NodeDevice;
import org.jvirt.driver.host.HostCommands;
import org.jvirt.driver.host.HostRoot;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.NodeDeviceEventId;
import org.jvirt.event.NodeDeviceEventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kernel uevents become node device lifecycle events: a veth pair and a loop device made by the test appear as
 * created and vanish as deleted, on every connection that listens (no udev daemon runs here).
 */
class NodeDeviceEventsTest {

    private HostRoot root;
    private Connect conn;
    private final LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
    private AutoCloseable registration;

    @BeforeEach
    void open() throws Exception {
        root = new HostRoot();
        conn = Connect.open(root.uri("nodedev", "system"));
        registration = conn.nodeDeviceEventRegister(NodeDeviceEventId.LIFECYCLE, null,
                (dev, ev) -> events.add(((NodeDeviceEvent.Lifecycle) ev).type() + " " + dev.getName()));
    }

    @AfterEach
    void close() throws Exception {
        registration.close();
        conn.close();
        root.close();
    }

    private final List<String> seen = new java.util.ArrayList<>();

    /**
     * The first event not yet taken about a device whose name starts with {@code prefix}; events about other
     * devices (other programs make devices too, and a veth peer may come first) stay for later calls.
     */
    private String next(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            for (String e : seen) {
                if (e.substring(e.indexOf(' ') + 1).startsWith(prefix)) {
                    seen.remove(e);
                    return e;
                }
            }
            if (System.nanoTime() > deadline) {
                return fail("no event for " + prefix + "* in " + seen);
            }
            String e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e != null) {
                seen.add(e);
            }
        }
    }

    @Test
    void vethPairCreatedAndDeleted() throws Exception {
        String a = HostCommands.linkName();
        String b = a + "p";
        try {
            HostCommands.run("ip", "link", "add", a, "type", "veth", "peer", "name", b);
            String createdA = next("net_" + a + "_");
            assertTrue(createdA.startsWith(NodeDeviceEventType.CREATED + " "), createdA);
            String name = createdA.substring(createdA.indexOf(' ') + 1);
            String mac = Files.readString(Path.of("/sys/class/net", a, "address")).strip();
            assertEquals("net_" + a + "_" + mac.replace(':', '_'), name);
            NodeDevice dev = conn.nodeDeviceLookupByName(name);
            assertEquals("computer", dev.getParent());
            assertTrue(dev.getXMLDesc().contains("<interface>" + a + "</interface>"), dev::getXMLDesc);
            assertEquals(List.of("net"), dev.listCaps());
            assertTrue(next("net_" + b + "_").startsWith(NodeDeviceEventType.CREATED + " "));
            HostCommands.run("ip", "link", "del", a);
            assertEquals(NodeDeviceEventType.DELETED + " " + name, next("net_" + a + "_"));
            assertTrue(next("net_" + b + "_").startsWith(NodeDeviceEventType.DELETED + " "));
            assertTrue(conn.listAllNodeDevices().stream().noneMatch(d -> d.getName().startsWith("net_" + a)));
        } finally {
            HostCommands.quietly("ip", "link", "del", a);
        }
    }

    @Test
    void renamedLinkIsDeletedUnderItsOldNameAndCreatedUnderItsNew() throws Exception {
        String a = HostCommands.linkName();
        String b = HostCommands.linkName();
        try {
            HostCommands.run("ip", "link", "add", a, "type", "veth", "peer", "name", a + "p");
            String created = next("net_" + a + "_");
            HostCommands.run("ip", "link", "set", a, "name", b); // a "move" uevent with DEVPATH_OLD
            assertEquals(NodeDeviceEventType.DELETED + " " + created.substring(created.indexOf(' ') + 1), next("net_" + a + "_"));
            assertTrue(next("net_" + b + "_").startsWith(NodeDeviceEventType.CREATED + " "));
            assertTrue(conn.listAllNodeDevices().stream().anyMatch(d -> d.getName().startsWith("net_" + b + "_")));
        } finally {
            HostCommands.quietly("ip", "link", "del", a);
            HostCommands.quietly("ip", "link", "del", b);
        }
    }

    @Test
    void loopDeviceAttachedAndDetached() throws Exception {
        Path file = Files.createTempFile("host-loop-", ".img");
        String loop = null;
        try {
            try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(8L << 20);
            }
            loop = HostCommands.run("losetup", "--find", "--show", file.toString()).strip();
            String name = "block_" + Path.of(loop).getFileName();
            assertEquals(NodeDeviceEventType.CREATED + " " + name, next(name));
            String xml = conn.nodeDeviceLookupByName(name).getXMLDesc();
            assertTrue(xml.contains("<block>" + loop + "</block>"), xml);
            assertTrue(xml.contains("<size>8388608</size>"), xml);
            assertTrue(xml.contains("<drive_type>disk</drive_type>"), xml);
            HostCommands.run("losetup", "-d", loop);
            loop = null;
            assertEquals(NodeDeviceEventType.DELETED + " " + name, next(name));
        } finally {
            if (loop != null) {
                HostCommands.quietly("losetup", "-d", loop);
            }
            Files.deleteIfExists(file);
        }
    }
}
