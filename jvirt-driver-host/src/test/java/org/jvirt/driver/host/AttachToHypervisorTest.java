package org.jvirt.driver.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.jvirt.Connect;
import org.jvirt.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real qemu:///system connection carries this driver's secrets, node devices and interfaces (Driver.attach),
 * sharing one state with secret:///system of the same host root; opening it touches no file until a secret
 * is asked for.
 */
class AttachToHypervisorTest {

    private HostRoot root;

    @BeforeEach
    void make() throws Exception {
        root = new HostRoot();
    }

    @AfterEach
    void clean() throws Exception {
        root.close();
    }

    private String qemuUri() {
        return root.uri("qemu", "system") + "&state_dir=" + root.dir.resolve("q-state") + "&run_dir="
                + root.dir.resolve("q-run");
    }

    @Test
    void hypervisorConnectionServesTheScopesHostResources() throws Exception {
        assumeTrue(Files.isExecutable(java.nio.file.Path.of("/usr/bin/qemu-system-x86_64")), "no QEMU");
        try (Connect qemu = Connect.open(qemuUri())) {
            assertEquals("QEMU", qemu.getType());
            assertFalse(Files.exists(root.dir.resolve("system/etc/secrets")), "no file before a secret is used");
            try (Connect secrets = Connect.open(root.uri("secret", "system"))) {
                Secret s = secrets.secretDefineXML("<secret><usage type='ceph'><name>attach</name></usage></secret>");
                assertEquals(s.getUUIDString(), qemu.secretLookupByUsage(org.jvirt.SecretUsageType.CEPH, "attach")
                        .getUUIDString());
            }
            assertTrue(Files.exists(root.dir.resolve("system/etc/secrets")));
            assertTrue(qemu.listAllNodeDevices().stream().anyMatch(d -> d.getName().equals("computer")));
            assertTrue(qemu.listAllInterfaces().stream().anyMatch(i -> i.getName().equals("lo")));
        }
    }
}
