package org.jvirt.driver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvirt.Connect;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.backend.IscsiBackend;
import org.junit.jupiter.api.Test;

/**
 * iSCSI pools: this machine's kernel has no iSCSI initiator (no iscsi_tcp), so no login can happen here. The
 * iscsiadm argv are golden-tested against libvirt's, its outputs (recorded from open-iscsi) parsed, and a start
 * fails with iscsiadm's own error and leaves the pool inactive.
 */
class IscsiArgvTest {

    @Test
    void iscsiadmArgvAreLibvirts() {
        assertEquals("srv:3260,1", IscsiBackend.portal("srv", 0));
        assertEquals("[fd00::1]:3261,1", IscsiBackend.portal("fd00::1", 3261));
        assertEquals(List.of("iscsiadm", "--mode", "node", "--portal", "srv:3260,1", "--targetname",
                "iqn.2026-12.org.jvirt:t", "--login"), IscsiBackend.loginArgv("srv:3260,1", "iqn.2026-12.org.jvirt:t"));
        assertEquals(List.of("iscsiadm", "--mode", "node", "--portal", "srv:3260,1", "--targetname",
                "iqn.2026-12.org.jvirt:t", "--logout"), IscsiBackend.logoutArgv("srv:3260,1", "iqn.2026-12.org.jvirt:t"));
        assertEquals(List.of("iscsiadm", "--mode", "node", "--portal", "srv:3260,1", "--targetname",
                "iqn.2026-12.org.jvirt:t", "--op", "new"), IscsiBackend.nodeNewArgv("srv:3260,1",
                "iqn.2026-12.org.jvirt:t"));
        assertEquals(List.of("iscsiadm", "--mode", "discovery", "--type", "sendtargets", "--portal", "srv:3260,1",
                "--op", "nonpersistent"), IscsiBackend.discoveryArgv("srv:3260,1"));
    }

    @Test
    void iscsiadmOutputsAreRead() {
        String sessions = """
                tcp: [3] 192.0.2.7:3260,1 iqn.2026-12.org.jvirt:other (non-flash)
                tcp: [4] 192.0.2.7:3260,1 iqn.2026-12.org.jvirt:t (non-flash)
                """;
        assertEquals("4", IscsiBackend.sessionOf(sessions, "iqn.2026-12.org.jvirt:t"));
        assertNull(IscsiBackend.sessionOf(sessions, "iqn.2026-12.org.jvirt:none"));
        assertEquals(List.of("iqn.2026-12.org.jvirt:a", "iqn.2026-12.org.jvirt:b"), IscsiBackend.targetsOf("""
                192.0.2.7:3260,1 iqn.2026-12.org.jvirt:a
                192.0.2.7:3260,1 iqn.2026-12.org.jvirt:b
                """));
    }

    @Test
    void aStartWithoutAnInitiatorFailsAndLeavesThePoolInactive() {
        try (HostRoot host = new HostRoot(); Connect c = Connect.open(host.system())) {
            StoragePool p = c.storagePoolDefineXML("<pool type='iscsi'><name>is</name><source><host name='127.0.0.1'"
                    + " port='1'/><device path='iqn.2026-12.org.jvirt.storage:none'/></source><target><path>"
                    + "/dev/disk/by-path</path></target></pool>");
            assertTrue(p.getXMLDesc().contains("<device path='iqn.2026-12.org.jvirt.storage:none'/>"));
            VirtException e = assertThrows(VirtException.class, p::create);
            assertTrue(e.getMessage().contains("iscsiadm"), e.getMessage());
            assertEquals(false, p.isActive());
            assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of(
                    "/etc/iscsi/nodes/iqn.2026-12.org.jvirt.storage:none")), "the node record went with the login");
            VirtException noHost = assertThrows(VirtException.class, () -> c.findStoragePoolSources("iscsi", null));
            assertEquals(ErrorNumber.INVALID_ARG.code(), noHost.error().code());
            p.undefine();
        }
    }
}
