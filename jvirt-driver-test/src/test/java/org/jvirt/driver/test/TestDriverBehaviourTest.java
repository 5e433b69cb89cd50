package org.jvirt.driver.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.DomainEventType;
import org.jvirt.event.EventRegistration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of the test driver through the public API: state machine, events, access, hostile input. */
class TestDriverBehaviourTest {

    static final String DOM = "<domain type='test'><name>b1</name><memory>1024</memory><os><type>hvm</type></os>"
            + "</domain>";

    private static VirtException fails(Runnable r) {
        return assertThrows(VirtException.class, r::run);
    }

    private static void await(List<?> got, int n) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (got.size() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }

    @Test
    void defaultStateIsSharedAndResetWhenLastConnectionCloses() {
        try (Connect a = Connect.open("test:///default"); Connect b = Connect.open("test:///default")) {
            a.domainDefineXML(DOM);
            assertEquals("b1", b.domainLookupByName("b1").getName());
        }
        try (Connect c = Connect.open("test:///default")) {
            assertEquals(ErrorNumber.NO_DOMAIN, fails(() -> c.domainLookupByName("b1")).number());
            assertEquals(1, c.domainLookupByName("test").getID());
        }
    }

    @Test
    void lifecycleEventsReachEveryConnectionInOrder() throws Exception {
        try (Connect a = Connect.open("test:///default"); Connect b = Connect.open("test:///default")) {
            List<String> got = new CopyOnWriteArrayList<>();
            EventRegistration reg = b.domainEventRegister(DomainEventId.LIFECYCLE, null,
                    (dom, ev) -> {
                        DomainEvent.Lifecycle l = (DomainEvent.Lifecycle) ev;
                        got.add(dom.getName() + ":" + l.type() + ":" + l.detail());
                    });
            Domain d = a.domainDefineXML(DOM);
            d.create();
            d.suspend();
            d.resume();
            d.destroy();
            d.undefine();
            await(got, 6);
            assertEquals(List.of("b1:DEFINED:0", "b1:STARTED:0", "b1:SUSPENDED:0", "b1:RESUMED:0",
                    "b1:STOPPED:1", "b1:UNDEFINED:0"), got);
            reg.close();
            a.domainDefineXML(DOM).undefine();
            Thread.sleep(100);
            assertEquals(6, got.size(), "no events after the registration is closed");
        }
    }

    @Test
    void readOnlyConnectionsCannotModify() {
        try (Connect ro = Connect.openReadOnly("test:///default")) {
            VirtException e = fails(() -> ro.domainDefineXML(DOM));
            assertEquals(ErrorNumber.OPERATION_DENIED, e.number());
            assertEquals(ErrorNumber.OPERATION_DENIED, fails(() -> ro.domainLookupByName("test").destroy()).number());
            assertEquals(DomainState.RUNNING, ro.domainLookupByName("test").getState().state());
        }
    }

    @Test
    void hostileXmlIsRefusedAndStateUnchanged() {
        String laughs = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]><domain type='test'>"
                + "<name>&lol2;</name><memory>1</memory><os><type>hvm</type></os></domain>";
        String xxe = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<domain type='test'><name>&x;</name><memory>1</memory><os><type>hvm</type></os></domain>";
        try (Connect c = Connect.open("test:///default")) {
            int before = c.numOfDefinedDomains() + c.numOfDomains();
            for (String bad : List.of(laughs, xxe, "<domain", "<network/>", "not xml at all")) {
                VirtException e = fails(() -> c.domainDefineXML(bad));
                assertTrue(e.number() == ErrorNumber.XML_DETAIL || e.number() == ErrorNumber.XML_ERROR,
                        e.getMessage());
            }
            assertEquals(ErrorDomain.XML, fails(() -> c.domainDefineXML("<network/>")).errorDomain());
            assertEquals(before, c.numOfDefinedDomains() + c.numOfDomains());
        }
    }

    @Test
    void transientDomainVanishesWhenStopped() {
        try (Connect c = Connect.open("test:///default")) {
            Domain d = c.domainCreateXML(DOM);
            assertFalse(d.isPersistent());
            d.shutdown();
            assertEquals(ErrorNumber.NO_DOMAIN, fails(() -> c.domainLookupByName("b1")).number());
        }
    }

    @Test
    void persistentConfigIsKeptAsideWhileRunning() {
        try (Connect c = Connect.open("test:///default")) {
            Domain d = c.domainDefineXML(DOM);
            d.create();
            d.setMemory(512, org.jvirt.flags.DomainMemoryModFlag.CONFIG);
            assertEquals(1024, d.getInfo().memoryKiB());
            d.destroy();
            assertEquals(512, d.getInfo().memoryKiB());
            d.undefine();
        }
    }

    @Test
    void nodeFileWithRuntimeHintsAndIncludedFiles(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("net.xml"), "<network><name>n1</name><bridge name='br1'/></network>");
        Files.writeString(dir.resolve("node.xml"), """
                <node xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>
                  <cpu><nodes>1</nodes><sockets>1</sockets><cores>4</cores><threads>1</threads><mhz>2000</mhz></cpu>
                  <memory>1048576</memory>
                  <domain type='test'><name>paused</name><memory>1024</memory><os><type>hvm</type></os>
                    <test:runstate>3</test:runstate></domain>
                  <domain type='test'><name>off</name><memory>1024</memory><os><type>hvm</type></os>
                    <test:runstate>5</test:runstate><test:hasmanagedsave/></domain>
                  <network file='net.xml'/>
                  <pool type='dir'><name>p</name><target><path>/p</path></target>
                    <volume><name>v</name><capacity>100</capacity></volume></pool>
                </node>
                """);
        try (Connect c = Connect.open("test://" + dir.resolve("node.xml"))) {
            assertEquals(DomainState.PAUSED, c.domainLookupByName("paused").getState().state());
            Domain off = c.domainLookupByName("off");
            assertEquals(DomainState.SHUTOFF, off.getState().state());
            assertTrue(off.hasManagedSaveImage());
            assertEquals(4, c.nodeGetInfo().cpus());
            assertEquals("br1", c.networkLookupByName("n1").getBridgeName());
            assertEquals(List.of("v"), c.storagePoolLookupByName("p").listVolumes());
            assertEquals(ErrorNumber.NO_DOMAIN, fails(() -> c.domainLookupByName("test")).number());
        }
    }

    @Test
    void missingNodeFileAndEmptyPathFail() {
        assertEquals(ErrorNumber.SYSTEM_ERROR, fails(() -> Connect.open("test:///nonexistent/node.xml")).number());
        VirtException e = fails(() -> Connect.open("test:///"));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
    }

    @Test
    void renameRaisesUndefinedThenDefined() throws Exception {
        try (Connect c = Connect.open("test:///default")) {
            List<String> got = new CopyOnWriteArrayList<>();
            try (EventRegistration r = c.domainEventRegister((dom, ev) -> got.add(dom.getName() + ":"
                    + ((DomainEvent.Lifecycle) ev).type()))) {
                Domain d = c.domainDefineXML(DOM);
                d.rename("b2");
                assertEquals("b2", d.getName());
                await(got, 3);
                assertEquals(List.of("b1:DEFINED", "b1:UNDEFINED", "b2:DEFINED"), got);
            }
        }
    }

    @Test
    void snapshotRevertEventsFollowTestDriver() throws Exception {
        try (Connect c = Connect.open("test:///default")) {
            Domain d = c.domainLookupByName("test");
            var s = d.snapshotCreateXML("<domainsnapshot><name>s</name></domainsnapshot>");
            List<DomainEventType> got = new CopyOnWriteArrayList<>();
            try (EventRegistration r = c.domainEventRegister((dom, ev) ->
                    got.add(((DomainEvent.Lifecycle) ev).type()))) {
                s.revert(org.jvirt.flags.SnapshotRevertFlag.PAUSED);
                await(got, 3);
                assertEquals(List.of(DomainEventType.STOPPED, DomainEventType.STARTED, DomainEventType.SUSPENDED),
                        got);
                assertEquals(DomainState.PAUSED, d.getState().state());
            }
        }
    }
}
