package org.jvirt.event;

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
}
