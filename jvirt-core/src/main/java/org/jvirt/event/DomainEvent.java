package org.jvirt.event;

import java.util.List;
import java.util.Map;
import org.jvirt.DomainMetadataType;

/**
 * What happened to a domain. One record per kind of libvirt domain event; the payload carries the same fields
 * (and the same integer codes) as libvirt's callback arguments. The domain itself is passed beside the event.
 */
public sealed interface DomainEvent {

    /** The subscription kind this event is delivered to. */
    DomainEventId id();

    /** Lifecycle: defined, started, stopped... {@code detail} is libvirt's virDomainEvent*DetailType value. */
    record Lifecycle(DomainEventType type, int detail) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.LIFECYCLE;
        }

        /** The detail's name, e.g. "Booted" or "Destroyed", as virsh event prints it. */
        public String detailName() {
            return DomainEventDetails.name(type, detail);
        }
    }

    record Reboot() implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.REBOOT;
        }
    }

    record RtcChange(long utcOffsetSeconds) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.RTC_CHANGE;
        }
    }

    /** {@code action} is libvirt's virDomainEventWatchdogAction. */
    record Watchdog(int action) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.WATCHDOG;
        }
    }

    /**
     * An I/O error on a disk. Delivered to IO_ERROR subscribers without the reason and to IO_ERROR_REASON
     * subscribers with it; {@code action} is libvirt's virDomainEventIOErrorAction.
     */
    record IoError(DomainEventId id, String srcPath, String devAlias, int action, String reason)
            implements DomainEvent {
    }

    record ControlError() implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.CONTROL_ERROR;
        }
    }

    /** A block job finished or changed state; {@code id} is BLOCK_JOB (disk path) or BLOCK_JOB_2 (target). */
    record BlockJob(DomainEventId id, String disk, int type, int status) implements DomainEvent {
    }

    record DiskChange(String oldSrcPath, String newSrcPath, String devAlias, int reason) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.DISK_CHANGE;
        }
    }

    record TrayChange(String devAlias, int reason) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.TRAY_CHANGE;
        }
    }

    record PmWakeup(int reason) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.PMWAKEUP;
        }
    }

    record PmSuspend(int reason) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.PMSUSPEND;
        }
    }

    record PmSuspendDisk(int reason) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.PMSUSPEND_DISK;
        }
    }

    record BalloonChange(long actualKiB) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.BALLOON_CHANGE;
        }
    }

    record DeviceRemoved(String devAlias) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.DEVICE_REMOVED;
        }
    }

    record DeviceAdded(String devAlias) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.DEVICE_ADDED;
        }
    }

    record DeviceRemovalFailed(String devAlias) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.DEVICE_REMOVAL_FAILED;
        }
    }

    /** Changed tunables, by libvirt's typed-parameter names. */
    record Tunable(Map<String, Object> params) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.TUNABLE;
        }
    }

    record AgentLifecycle(int state, int reason) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.AGENT_LIFECYCLE;
        }
    }

    record JobCompleted(Map<String, Object> params) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.JOB_COMPLETED;
        }
    }

    record MetadataChange(DomainMetadataType type, String nsuri) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.METADATA_CHANGE;
        }
    }

    /**
     * A graphics client connected, finished authentication, or disconnected.
     *
     * @param phase      0 connect, 1 initialize, 2 disconnect (virDomainEventGraphicsPhase)
     * @param authScheme e.g. "none", "vnc"
     * @param subject    who the client proved to be (x509dname, saslUsername ...), possibly empty
     */
    record Graphics(int phase, GraphicsAddress local, GraphicsAddress remote, String authScheme,
                    List<GraphicsIdentity> subject) implements DomainEvent {
        public Graphics {
            subject = List.copyOf(subject);
        }

        public DomainEventId id() {
            return DomainEventId.GRAPHICS;
        }
    }

    /** One end of a graphics connection; family 0 IPv4, 1 IPv6, 2 unix (virDomainEventGraphicsAddressType). */
    record GraphicsAddress(int family, String node, String service) {
    }

    /** One identity of a graphics client: type ("x509dname", "saslUsername") and name. */
    record GraphicsIdentity(String type, String name) {
    }

    /** A live migration started iteration {@code iteration} of copying memory. */
    record MigrationIteration(int iteration) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.MIGRATION_ITERATION;
        }
    }

    /** A disk's write threshold (virDomainSetBlockThreshold) was exceeded by {@code excess} bytes. */
    record BlockThreshold(String dev, String path, long threshold, long excess) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.BLOCK_THRESHOLD;
        }
    }

    /**
     * A hardware memory error: recipient 0 hypervisor, 1 guest; action 0 ignore, 1 inject, 2 fatal, 3 reset;
     * flags bit 0 action required, bit 1 recursive (virDomainMemoryFailureFlags).
     */
    record MemoryFailure(int recipient, int action, int flags) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.MEMORY_FAILURE;
        }
    }

    /** A memory device (virtio-mem) changed its size, in KiB. */
    record MemoryDeviceSizeChange(String alias, long sizeKiB) implements DomainEvent {
        public DomainEventId id() {
            return DomainEventId.MEMORY_DEVICE_SIZE_CHANGE;
        }
    }
}
