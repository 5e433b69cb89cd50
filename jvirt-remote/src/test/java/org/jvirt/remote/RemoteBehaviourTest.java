package org.jvirt.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jvirt.Connect;
import org.jvirt.ConnectCloseCallback;
import org.jvirt.ConnectCloseReason;
import org.jvirt.Domain;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventRegistration;
import org.jvirt.flags.StorageVolDownloadFlag;
import org.jvirt.flags.StorageVolUploadFlag;
import org.jvirt.spi.StreamBackend;
import org.junit.jupiter.api.Test;

/**
 * Client behaviour that needs a daemon of its own (one per test): keepalive, the close callback when the daemon
 * dies, reconnection, and sparse volume streams through a real storage driver.
 */
class RemoteBehaviourTest {

    /** The daemon PINGs every second and drops clients after 2 missed PONGs; an idle client must survive. */
    @Test
    void keepaliveKeepsAnIdleConnectionAlive() throws Exception {
        try (Libvirtd d = Libvirtd.start(1, null);
             Connect c = Connect.open(d.unixUri("/default") + "&keepalive_interval=1")) {
            Thread.sleep(6000);
            assertTrue(c.isAlive());
            assertEquals("test", c.domainLookupByName("test").getName());
        }
    }

    /** virConnectRegisterCloseCallback: told once, with the connection and EOF, when the daemon dies. */
    @Test
    void closeCallbackWhenTheDaemonIsKilled() throws Exception {
        BlockingQueue<ConnectCloseReason> reasons = new LinkedBlockingQueue<>();
        try (Libvirtd d = Libvirtd.start();
             Connect c = Connect.open(d.unixUri("/default"))) {
            ConnectCloseCallback cb = (conn, reason) -> {
                assertSame(c, conn);
                reasons.add(reason);
            };
            c.registerCloseCallback(cb);
            VirtException twice = assertThrows(VirtException.class, () -> c.registerCloseCallback((x, y) -> { }));
            assertEquals("Requested operation is not valid: A close callback is already registered",
                    twice.getMessage());
            VirtException other = assertThrows(VirtException.class, () -> c.unregisterCloseCallback((x, y) -> { }));
            assertEquals(55, other.error().code()); // VIR_ERR_OPERATION_INVALID
            assertTrue(c.isAlive());
            d.kill();
            assertEquals(ConnectCloseReason.EOF, reasons.poll(10, TimeUnit.SECONDS));
            assertFalse(c.isAlive());
            VirtException e = assertThrows(VirtException.class, () -> c.domainLookupByName("test"));
            assertEquals(38, e.error().code(), e.getMessage()); // VIR_ERR_SYSTEM_ERROR: End of file while reading data
            assertNull(reasons.poll(200, TimeUnit.MILLISECONDS), "told once");
        }
    }

    /** Closing the connection oneself is not a close event, as in libvirt; unregistering works. */
    @Test
    void closeCallbackNotToldWhenTheApplicationCloses() throws Exception {
        BlockingQueue<ConnectCloseReason> reasons = new LinkedBlockingQueue<>();
        try (Libvirtd d = Libvirtd.start()) {
            Connect c = Connect.open(d.unixUri("/default"));
            ConnectCloseCallback cb = (conn, reason) -> reasons.add(reason);
            c.registerCloseCallback(cb);
            c.unregisterCloseCallback(cb);
            c.registerCloseCallback(cb);
            c.close();
            assertNull(reasons.poll(300, TimeUnit.MILLISECONDS));
        }
    }

    /** ?reconnect=1: after the daemon restarts, calls work again and the event subscription still delivers. */
    @Test
    void reconnectReRegistersEvents() throws Exception {
        Libvirtd first = Libvirtd.start();
        int port = first.tcpPort;
        String uri = first.tcpUri("/default") + "?reconnect=1";
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        Libvirtd second = null;
        try (Connect c = Connect.open(uri);
             EventRegistration r = c.domainEventRegister(DomainEventId.LIFECYCLE, null, (dom, ev) -> {
                 if (ev instanceof DomainEvent.Lifecycle l) {
                     events.add(dom.getName() + ":" + l.type());
                 }
             })) {
            first.kill();
            second = Libvirtd.startOnPort(port);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!c.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(c.isAlive(), "reconnected");
            try (Connect actor = Connect.open(second.tcpUri("/default"))) {
                Domain dom = actor.domainDefineXML(RemoteConformanceSuite.domainXml("after-reconnect"));
                dom.undefine();
            }
            assertEquals("after-reconnect:DEFINED", events.poll(10, TimeUnit.SECONDS));
        } finally {
            first.close();
            if (second != null) {
                second.close();
            }
        }
    }

    /** Upload a file with a hole (sparse stream), download it sparse and plain: same bytes, hole reported. */
    @Test
    void sparseUploadAndDownload() throws Exception {
        try (Libvirtd d = Libvirtd.start()) {
            Path poolDir = Files.createDirectories(d.dir.resolve("pool"));
            Libvirtd.openUp(poolDir);
            String uri = "qemu+unix:///session?socket=" + d.socket;
            try (Connect c = Connect.open(uri)) {
                StoragePool pool = c.storagePoolCreateXML("<pool type='dir'><name>updown</name><target><path>"
                        + poolDir + "</path></target></pool>");
                try {
                    int hole = 1024 * 1024;
                    byte[] a = new byte[65536];
                    byte[] b = new byte[65536];
                    Arrays.fill(a, (byte) 'A');
                    Arrays.fill(b, (byte) 'B');
                    long size = a.length + hole + b.length;
                    StorageVol vol = pool.storageVolCreateXML("<volume><name>v.raw</name><capacity>" + size
                            + "</capacity><allocation>0</allocation><target><format type='raw'/></target></volume>");
                    try (Stream up = c.newStream()) {
                        vol.upload(up, 0, size, StorageVolUploadFlag.SPARSE_STREAM);
                        up.send(a, 0, a.length);
                        up.sendHole(hole);
                        up.send(b, 0, b.length);
                        up.finish();
                    }
                    byte[] expected = new byte[(int) size];
                    System.arraycopy(a, 0, expected, 0, a.length);
                    System.arraycopy(b, 0, expected, a.length + hole, b.length);

                    // sparse download: the hole arrives as a hole
                    long holes = 0;
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    try (Stream down = c.newStream()) {
                        vol.download(down, 0, size, StorageVolDownloadFlag.SPARSE_STREAM);
                        byte[] buf = new byte[65536];
                        while (true) {
                            int n = down.recvStopAtHole(buf, 0, buf.length);
                            if (n == StreamBackend.HOLE) {
                                long h = down.recvHole();
                                holes += h;
                                got.write(new byte[(int) h]);
                            } else if (n == 0) {
                                break;
                            } else {
                                got.write(buf, 0, n);
                            }
                        }
                        down.finish();
                    }
                    assertTrue(holes >= hole / 2, "holes reported: " + holes);
                    assertArrayEquals(expected, got.toByteArray());

                    // plain download: holes read as zeros
                    ByteArrayOutputStream plain = new ByteArrayOutputStream();
                    try (Stream down = c.newStream()) {
                        vol.download(down, 0, size);
                        byte[] buf = new byte[100_000];
                        int n;
                        while ((n = down.recv(buf, 0, buf.length)) > 0) {
                            plain.write(buf, 0, n);
                        }
                        down.finish();
                    }
                    assertArrayEquals(expected, plain.toByteArray());
                    assertNotNull(vol.getPath());
                    assertTrue(vol.getInfo().allocation() < size, "the volume stayed sparse");
                    vol.delete();
                } finally {
                    pool.destroy();
                }
            }
        }
    }
}
