package org.jvirt.driver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.jvirt.Connect;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.StoragePoolState;
import org.jvirt.VirtException;
import org.jvirt.event.EventRegistration;
import org.jvirt.event.StoragePoolEvent;
import org.jvirt.event.StoragePoolEventId;
import org.jvirt.flags.ListStoragePoolsFlag;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.jvirt.flags.StoragePoolCreateFlag;
import org.jvirt.flags.StorageXMLFlag;
import org.jvirt.spi.HostScope;
import org.junit.jupiter.api.Test;

/** dir pools through the public API on storage:///system under a temporary host root. */
class DirPoolTest extends HostRootTest {

    private String dirXml(String name, Path target, String perms) {
        return "<pool type='dir'><name>" + name + "</name><target><path>" + target + "</path>" + perms
                + "</target></pool>";
    }

    @Test
    void firstStartDefinesAndStartsTheDefaultPool() {
        StoragePool def = conn.storagePoolLookupByName("default");
        assertTrue(def.isActive());
        assertTrue(def.isPersistent());
        assertTrue(def.getAutostart());
        Path images = HostScope.of(true, host.root.toString(), java.util.Map.of()).stateDir().resolve("images");
        assertTrue(Files.isDirectory(images));
        assertTrue(def.getXMLDesc().contains("<path>" + images + "</path>"));
    }

    @Test
    void defineBuildStartRefreshDestroyDeleteUndefine() throws Exception {
        Path dir = host.dir("p1");
        List<String> events = new CopyOnWriteArrayList<>();
        try (EventRegistration reg = conn.storagePoolEventRegister(StoragePoolEventId.LIFECYCLE, null,
                (p, e) -> events.add(p.getName() + ":" + ((StoragePoolEvent.Lifecycle) e).type()));
             EventRegistration reg2 = conn.storagePoolEventRegister(StoragePoolEventId.REFRESH, null,
                     (p, e) -> events.add(p.getName() + ":REFRESH"))) {
            StoragePool p = conn.storagePoolDefineXML(dirXml("p1", dir,
                    "<permissions><mode>0750</mode><owner>0</owner><group>0</group></permissions>"));
            assertFalse(p.isActive());
            assertTrue(p.isPersistent());
            assertEquals(StoragePoolState.INACTIVE, p.getInfo().state());
            VirtException e = assertThrows(VirtException.class, () -> p.create());
            assertEquals(ErrorNumber.SYSTEM_ERROR.code(), e.error().code());
            assertTrue(e.getMessage().contains("cannot open directory"), e.getMessage());
            assertFalse(p.isActive());

            p.build();
            assertTrue(Files.isDirectory(dir));
            assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            p.create();
            assertTrue(p.isActive());
            assertTrue(p.getInfo().capacity() > 0);
            Files.writeString(dir.resolve("a.img"), "x");
            p.refresh();
            assertEquals(List.of("a.img"), p.listVolumes());
            String live = p.getXMLDesc();
            assertTrue(live.contains("<mode>0750</mode>"), live);
            assertTrue(live.contains("<source>\n  </source>"), live);
            assertFalse(live.contains("<capacity unit='bytes'>0</capacity>"), live);

            VirtException still = assertThrows(VirtException.class, p::undefine);
            assertTrue(still.getMessage().contains("storage pool 'p1' is still active"), still.getMessage());
            p.destroy();
            assertFalse(p.isActive());
            Files.delete(dir.resolve("a.img"));
            p.delete();
            assertFalse(Files.exists(dir));
            p.undefine();
            assertThrows(VirtException.class, () -> conn.storagePoolLookupByName("p1"));
            Thread.sleep(200);
        }
        assertEquals(List.of("p1:DEFINED", "p1:CREATED", "p1:STARTED", "p1:REFRESH", "p1:STOPPED", "p1:DELETED",
                "p1:UNDEFINED"), events);
    }

    @Test
    void transientPoolVanishesOnDestroyAndBuildFlagsWork() {
        Path dir = host.dir("t1");
        StoragePool p = conn.storagePoolCreateXML(dirXml("t1", dir, ""), StoragePoolCreateFlag.WITH_BUILD);
        assertTrue(p.isActive());
        assertFalse(p.isPersistent());
        assertTrue(Files.isDirectory(dir));
        VirtException auto = assertThrows(VirtException.class, () -> p.setAutostart(true));
        assertTrue(auto.getMessage().contains("pool has no config file"));
        p.destroy();
        assertThrows(VirtException.class, () -> conn.storagePoolLookupByName("t1"));
        VirtException both = assertThrows(VirtException.class, () -> conn.storagePoolCreateXML(dirXml("t2",
                host.dir("t2"), ""), StoragePoolCreateFlag.WITH_BUILD_OVERWRITE,
                StoragePoolCreateFlag.WITH_BUILD_NO_OVERWRITE));
        assertEquals(ErrorNumber.INVALID_ARG.code(), both.error().code());
        StoragePool d = conn.storagePoolDefineXML(dirXml("t3", host.dir("t3"), ""));
        VirtException ex = assertThrows(VirtException.class, () -> d.build(StoragePoolBuildFlag.OVERWRITE,
                StoragePoolBuildFlag.NO_OVERWRITE));
        assertTrue(ex.getMessage().contains("mutually exclusive"), ex.getMessage());
    }

    @Test
    void duplicatesAndBadXmlGetLibvirtErrors() {
        StoragePool a = conn.storagePoolDefineXML(dirXml("a", host.dir("a"), ""));
        VirtException sameTarget = assertThrows(VirtException.class,
                () -> conn.storagePoolDefineXML(dirXml("b", host.dir("a"), "")));
        assertEquals("operation failed: Storage source conflict with pool: 'a'", sameTarget.getMessage());
        VirtException sameName = assertThrows(VirtException.class,
                () -> conn.storagePoolDefineXML(dirXml("a", host.dir("z"), "")));
        assertEquals("operation failed: pool 'a' already exists with uuid " + a.getUUIDString(),
                sameName.getMessage());
        VirtException type = assertThrows(VirtException.class,
                () -> conn.storagePoolDefineXML("<pool type='nope'><name>x</name></pool>"));
        assertEquals(ErrorNumber.XML_ERROR.code(), type.error().code());
        VirtException noTarget = assertThrows(VirtException.class,
                () -> conn.storagePoolDefineXML("<pool type='dir'><name>x</name></pool>"));
        assertEquals("XML error: missing storage pool target path", noTarget.getMessage());
        VirtException slash = assertThrows(VirtException.class,
                () -> conn.storagePoolDefineXML(dirXml("x/y", host.dir("q"), "")));
        assertEquals("XML error: name x/y cannot contain '/'", slash.getMessage());
        assertEquals(List.of("a", "default"), conn.listAllStoragePools().stream().map(StoragePool::getName)
                .sorted().toList());
    }

    @Test
    void listAllHonoursEveryFilter() {
        conn.storagePoolDefineXML(dirXml("inactive", host.dir("i"), ""));
        conn.storagePoolCreateXML(dirXml("transient", host.dir("t"), ""), StoragePoolCreateFlag.WITH_BUILD);
        assertEquals(Set.of("default", "transient"), names(ListStoragePoolsFlag.ACTIVE));
        assertEquals(Set.of("inactive"), names(ListStoragePoolsFlag.INACTIVE));
        assertEquals(Set.of("default", "inactive"), names(ListStoragePoolsFlag.PERSISTENT));
        assertEquals(Set.of("transient"), names(ListStoragePoolsFlag.TRANSIENT));
        assertEquals(Set.of("default"), names(ListStoragePoolsFlag.AUTOSTART));
        assertEquals(Set.of("inactive", "transient"), names(ListStoragePoolsFlag.NO_AUTOSTART));
        assertEquals(Set.of("default", "inactive", "transient"), names(ListStoragePoolsFlag.DIR));
        assertEquals(Set.of(), names(ListStoragePoolsFlag.LOGICAL));
        assertEquals(Set.of("default"), names(ListStoragePoolsFlag.ACTIVE, ListStoragePoolsFlag.PERSISTENT));
        assertEquals(List.of("default", "transient"), conn.listStoragePools());
        assertEquals(List.of("inactive"), conn.listDefinedStoragePools());
        assertEquals(2, conn.numOfStoragePools());
        assertEquals(1, conn.numOfDefinedStoragePools());
    }

    private Set<String> names(ListStoragePoolsFlag... f) {
        return conn.listAllStoragePools(f).stream().map(StoragePool::getName).collect(Collectors.toSet());
    }

    @Test
    void redefineWhileActiveTakesEffectAtStopAndInactiveXmlShowsIt() {
        StoragePool p = conn.storagePoolDefineXML(dirXml("r", host.dir("r"), ""));
        p.create(StoragePoolCreateFlag.WITH_BUILD);
        conn.storagePoolDefineXML(dirXml("r", host.dir("r"), "<permissions><mode>0700</mode></permissions>")
                .replace("<name>r</name>", "<name>r</name><uuid>" + p.getUUIDString() + "</uuid>"));
        assertFalse(p.getXMLDesc().contains("<mode>0700</mode>"), p.getXMLDesc());
        assertTrue(p.getXMLDesc(StorageXMLFlag.INACTIVE).contains("<mode>0700</mode>"));
        p.destroy();
        assertTrue(p.getXMLDesc().contains("<mode>0700</mode>"));
    }

    @Test
    void aNewDriverStateFindsActivePoolsActiveAndAutostartsOthers() throws Exception {
        StoragePool run = conn.storagePoolDefineXML(dirXml("run", host.dir("run"), ""));
        run.create(StoragePoolCreateFlag.WITH_BUILD);
        StoragePool auto = conn.storagePoolDefineXML(dirXml("auto", host.dir("auto"), ""));
        auto.build();
        auto.setAutostart(true);
        conn.storagePoolCreateXML(dirXml("tr", host.dir("tr"), ""), StoragePoolCreateFlag.WITH_BUILD);
        Files.writeString(host.dir("run").resolve("v"), "data");
        StoragePool idle = conn.storagePoolDefineXML(dirXml("idle", host.dir("idle"), ""));
        HostScope scope = HostScope.of(true, host.root.toString(), java.util.Map.of());
        assertTrue(Files.exists(scope.configDir().resolve("storage/run.xml")));
        assertTrue(Files.isSymbolicLink(scope.configDir().resolve("storage/autostart/auto.xml")));
        assertTrue(Files.exists(scope.runDir().resolve("storage/run.xml")));

        StorageState again = new StorageState(scope);
        assertTrue(again.pools.get("run").active);
        assertEquals(List.of("v"), new ArrayList<>(again.pools.get("run").volumes.keySet()));
        assertTrue(again.pools.get("auto").active);
        assertTrue(again.pools.get("tr").active);
        assertFalse(again.pools.get("tr").persistent);
        assertFalse(again.pools.get("idle").active);
        assertTrue(again.pools.get("default").active);

        // a pool recorded as running whose directory went away is found inactive
        run.destroy();
        idle.create(StoragePoolCreateFlag.WITH_BUILD);
        Files.delete(host.dir("idle"));
        StorageState third = new StorageState(scope);
        assertFalse(third.pools.get("idle").active);
        assertFalse(Files.exists(scope.runDir().resolve("storage/idle.xml")));
    }

    @Test
    void systemAndSessionAreSeparateScopesAndOneScopeIsSharedByItsConnections() {
        conn.storagePoolDefineXML(dirXml("sys-only", host.dir("s"), ""));
        try (Connect session = Connect.open(host.uri("storage", "session"));
             Connect again = Connect.open(host.system())) {
            assertEquals(List.of("default"), session.listAllStoragePools().stream().map(StoragePool::getName)
                    .toList());
            assertTrue(again.listDefinedStoragePools().contains("sys-only"), "one state per scope");
            assertTrue(session.storagePoolLookupByName("default").getXMLDesc().contains("/session/lib/images"));
            assertEquals("storage", session.getType());
        }
        VirtException bad = assertThrows(VirtException.class, () -> Connect.open("storage:///elsewhere"));
        assertTrue(bad.getMessage().contains("storage:///system"), bad.getMessage());
    }

    @Test
    void poolCapabilitiesNameEveryTypeAndWhatIsServed() {
        String caps = conn.getStoragePoolCapabilities();
        assertTrue(caps.startsWith("<storagepoolCapabilities>"), caps);
        assertTrue(caps.contains("<pool type='dir' supported='yes'>"), caps);
        assertTrue(caps.contains("<pool type='vstorage' supported='no'>"), caps);
        assertTrue(caps.contains("<enum name='sourceFormatType'>\n        <value>auto</value>"), caps);
        assertTrue(caps.contains("<value>qcow2</value>"), caps);
    }

    @Test
    void readOnlyConnectionChangesNothing() {
        try (Connect ro = Connect.openReadOnly(host.system())) {
            VirtException e = assertThrows(VirtException.class,
                    () -> ro.storagePoolDefineXML(dirXml("ro", host.dir("ro"), "")));
            assertEquals(ErrorNumber.OPERATION_DENIED.code(), e.error().code());
            assertThrows(VirtException.class, () -> ro.storagePoolLookupByName("default").destroy());
            assertTrue(ro.storagePoolLookupByName("default").isActive());
        }
    }
}
