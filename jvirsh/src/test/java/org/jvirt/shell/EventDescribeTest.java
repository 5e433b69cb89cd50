package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jvirt.event.DomainEvent;
import org.junit.jupiter.api.Test;

/** The lines `virsh event` prints for the kinds no jvirt driver raises yet, as virsh-domain-event.c formats them. */
class EventDescribeTest {

    @Test
    void graphics() {
        DomainEvent e = new DomainEvent.Graphics(0, new DomainEvent.GraphicsAddress(0, "127.0.0.1", "5900"),
                new DomainEvent.GraphicsAddress(1, "::1", "41000"), "vnc",
                List.of(new DomainEvent.GraphicsIdentity("x509dname", "CN=a"),
                        new DomainEvent.GraphicsIdentity("saslUsername", "bob")));
        assertEquals("event 'graphics' for domain 'vm': connect local[IPv4 127.0.0.1 5900] remote[IPv6 ::1 41000] vnc\n"
                + "\tx509dname=CN=a\n\tsaslUsername=bob\n", EventCommands.describe("graphics", "vm", e));
    }

    @Test
    void migrationIterationAndBlockThreshold() {
        assertEquals("event 'migration-iteration' for domain 'vm': iteration: '2'\n",
                EventCommands.describe("migration-iteration", "vm", new DomainEvent.MigrationIteration(2)));
        assertEquals("event 'block-threshold' for domain 'vm': dev: vda(<null>) 1024 18446744073709551615\n",
                EventCommands.describe("block-threshold", "vm", new DomainEvent.BlockThreshold("vda", null, 1024, -1)));
    }

    @Test
    void memoryFailureAndDeviceSize() {
        assertEquals("event 'memory-failure' for domain 'vm':\nrecipient: guest\naction: unsupported value\n"
                + "flags:\n\taction required: 0\n\trecursive: 1\n",
                EventCommands.describe("memory-failure", "vm", new DomainEvent.MemoryFailure(1, 9, 2)));
        assertEquals("event 'memory-device-size-change' for domain 'vm':\nalias: mem0\nsize: 2048\n",
                EventCommands.describe("memory-device-size-change", "vm",
                        new DomainEvent.MemoryDeviceSizeChange("mem0", 2048)));
    }
}
