package org.jvirt.daemon.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainMetadataType;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.DomainEventType;
import org.jvirt.event.NetworkEvent;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.SecretEvent;
import org.jvirt.event.StoragePoolEvent;
import org.jvirt.remote.stub.RemoteEvents;
import org.jvirt.rpc.frame.FrameDecoder;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.NetworkRef;
import org.jvirt.spi.NodeDeviceRef;
import org.jvirt.spi.SecretRef;
import org.jvirt.spi.StoragePoolRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of domain event the API has crosses the wire intact: the daemon's encoder (the callback-mode MESSAGE
 * libvirtd sends) and the remote driver's decoder agree, field by field, with libvirt's procedure numbers.
 */
class DomainEventWireTest {

    static List<DomainEvent> everyKind() {
        return List.of(
                new DomainEvent.Lifecycle(DomainEventType.SUSPENDED, 1),
                new DomainEvent.Reboot(),
                new DomainEvent.RtcChange(-3600),
                new DomainEvent.Watchdog(2),
                new DomainEvent.IoError(DomainEventId.IO_ERROR, "/a.img", "virtio-disk0", 1, null),
                new DomainEvent.IoError(DomainEventId.IO_ERROR_REASON, "/a.img", "virtio-disk0", 1, "enospc"),
                new DomainEvent.ControlError(),
                new DomainEvent.BlockJob(DomainEventId.BLOCK_JOB, "/a.img", 2, 0),
                new DomainEvent.BlockJob(DomainEventId.BLOCK_JOB_2, "vda", 2, 0),
                new DomainEvent.DiskChange("/old.iso", "/new.iso", "ide0-1-0", 0),
                new DomainEvent.TrayChange("ide0-1-0", 1),
                new DomainEvent.PmWakeup(0),
                new DomainEvent.PmSuspend(0),
                new DomainEvent.PmSuspendDisk(0),
                new DomainEvent.BalloonChange(524288),
                new DomainEvent.DeviceRemoved("net1"),
                new DomainEvent.DeviceAdded("net1"),
                new DomainEvent.DeviceRemovalFailed("net1"),
                new DomainEvent.Tunable(Map.of("cputune.vcpu0", "0-1")),
                new DomainEvent.AgentLifecycle(1, 2),
                new DomainEvent.JobCompleted(Map.of("time_elapsed", 1234L)),
                new DomainEvent.MetadataChange(DomainMetadataType.TITLE, null),
                new DomainEvent.Graphics(1, new DomainEvent.GraphicsAddress(0, "127.0.0.1", "5900"),
                        new DomainEvent.GraphicsAddress(0, "127.0.0.1", "43210"), "none",
                        List.of(new DomainEvent.GraphicsIdentity("x509dname", "CN=client"))),
                new DomainEvent.MigrationIteration(3),
                new DomainEvent.BlockThreshold("vda", "/a.img", 1L << 30, 4096),
                new DomainEvent.MemoryFailure(1, 2, 3),
                new DomainEvent.MemoryDeviceSizeChange("virtiomem0", 1048576));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void crossesTheWire(DomainEvent sent) {
        try (Connect conn = Connect.open("test:///default")) {
            Domain dom = conn.domainLookupByName("test");
            byte[] packet = EventMessages.domain(7, dom, sent);
            assertNotNull(packet, "no message for " + sent);
            List<RpcMessage> frames = new FrameDecoder().feed(packet);
            assertEquals(1, frames.size());
            Capture got = new Capture();
            RemoteEvents.raise(RemoteEvents.decode(frames.get(0)), got);
            assertEquals(List.of(sent), got.events);
            assertEquals("test", got.domains.get(0).name());
        }
    }

    private static final class Capture implements EventSink {
        final List<DomainEvent> events = new ArrayList<>();
        final List<DomainRef> domains = new ArrayList<>();

        public void domainEvent(DomainRef dom, DomainEvent event) {
            domains.add(dom);
            events.add(event);
        }

        public void networkEvent(NetworkRef net, NetworkEvent event) {
        }

        public void storagePoolEvent(StoragePoolRef pool, StoragePoolEvent event) {
        }

        public void nodeDeviceEvent(NodeDeviceRef dev, NodeDeviceEvent event) {
        }

        public void secretEvent(SecretRef secret, SecretEvent event) {
        }
    }
}
