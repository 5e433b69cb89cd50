package org.jvirt.daemon.event;

import org.jvirt.rpc.TypedParams;
import static org.jvirt.rpc.proto.remote.DomainEventProcedures.*;
import static org.jvirt.rpc.proto.remote.EventProcedures.*;

import org.jvirt.Domain;
import org.jvirt.Network;
import org.jvirt.NodeDevice;
import org.jvirt.Secret;
import org.jvirt.StoragePool;
import org.jvirt.daemon.dispatch.Wire;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.NetworkEvent;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.SecretEvent;
import org.jvirt.event.StoragePoolEvent;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.proto.remote.AuthTypes.*;
import org.jvirt.rpc.proto.remote.CommonTypes.*;
import org.jvirt.rpc.proto.remote.ConnectListTypes.*;
import org.jvirt.rpc.proto.remote.ConnectListTypes2.*;
import org.jvirt.rpc.proto.remote.ConnectTypes.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes2.*;
import org.jvirt.rpc.proto.remote.DomainEventTypes.*;
import org.jvirt.rpc.proto.remote.DomainEventTypes2.*;
import org.jvirt.rpc.proto.remote.DomainSnapshotTypes.*;
import org.jvirt.rpc.proto.remote.DomainStateTypes.*;
import org.jvirt.rpc.proto.remote.DomainStateTypes2.*;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.*;
import org.jvirt.rpc.proto.remote.DomainStatsTypes2.*;
import org.jvirt.rpc.proto.remote.DomainTypes.*;
import org.jvirt.rpc.proto.remote.DomainTypes2.*;
import org.jvirt.rpc.proto.remote.DomainVcpuTypes.*;
import org.jvirt.rpc.proto.remote.EventTypes.*;
import org.jvirt.rpc.proto.remote.InterfaceTypes.*;
import org.jvirt.rpc.proto.remote.NWFilterTypes.*;
import org.jvirt.rpc.proto.remote.NetworkTypes.*;
import org.jvirt.rpc.proto.remote.NetworkTypes2.*;
import org.jvirt.rpc.proto.remote.NodeTypes.*;
import org.jvirt.rpc.proto.remote.SecretTypes.*;
import org.jvirt.rpc.proto.remote.StoragePoolTypes.*;
import org.jvirt.rpc.proto.remote.StorageVolTypes.*;

/**
 * API events to libvirt's MESSAGE packets: the callback-mode messages (carrying the callbackID) and the legacy
 * ones the old registration procedures deliver. Returns null for an event that has no message of that kind.
 */
final class EventMessages {

    private EventMessages() {
    }

    static byte[] domain(int cb, Domain d, DomainEvent event) {
        RemoteNonnullDomain dom = Wire.dom(d);
        return switch (event) {
            case DomainEvent.Lifecycle e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                    new RemoteDomainEventCallbackLifecycleMsg(cb,
                            new RemoteDomainEventLifecycleMsg(dom, e.type().code(), e.detail())));
            case DomainEvent.Reboot e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_REBOOT,
                    new RemoteDomainEventCallbackRebootMsg(cb, new RemoteDomainEventRebootMsg(dom)));
            case DomainEvent.RtcChange e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_RTC_CHANGE,
                    new RemoteDomainEventCallbackRtcChangeMsg(cb,
                            new RemoteDomainEventRtcChangeMsg(dom, e.utcOffsetSeconds())));
            case DomainEvent.Watchdog e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_WATCHDOG,
                    new RemoteDomainEventCallbackWatchdogMsg(cb, new RemoteDomainEventWatchdogMsg(dom, e.action())));
            case DomainEvent.IoError e -> e.id() == org.jvirt.event.DomainEventId.IO_ERROR
                    ? RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_IO_ERROR, new RemoteDomainEventCallbackIoErrorMsg(
                            cb, new RemoteDomainEventIoErrorMsg(dom, e.srcPath(), e.devAlias(), e.action())))
                    : RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON,
                            new RemoteDomainEventCallbackIoErrorReasonMsg(cb, new RemoteDomainEventIoErrorReasonMsg(
                                    dom, e.srcPath(), e.devAlias(), e.action(), e.reason())));
            case DomainEvent.ControlError e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_CONTROL_ERROR,
                    new RemoteDomainEventCallbackControlErrorMsg(cb, new RemoteDomainEventControlErrorMsg(dom)));
            case DomainEvent.BlockJob e -> e.id() == org.jvirt.event.DomainEventId.BLOCK_JOB
                    ? RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_BLOCK_JOB, new RemoteDomainEventCallbackBlockJobMsg(
                            cb, new RemoteDomainEventBlockJobMsg(dom, e.disk(), e.type(), e.status())))
                    : RpcCodec.encodeMessage(DOMAIN_EVENT_BLOCK_JOB_2,
                            new RemoteDomainEventBlockJob2Msg(cb, dom, e.disk(), e.type(), e.status()));
            case DomainEvent.DiskChange e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_DISK_CHANGE,
                    new RemoteDomainEventCallbackDiskChangeMsg(cb, new RemoteDomainEventDiskChangeMsg(dom,
                            e.oldSrcPath(), e.newSrcPath(), e.devAlias(), e.reason())));
            case DomainEvent.TrayChange e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_TRAY_CHANGE,
                    new RemoteDomainEventCallbackTrayChangeMsg(cb,
                            new RemoteDomainEventTrayChangeMsg(dom, e.devAlias(), e.reason())));
            case DomainEvent.PmWakeup e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_PMWAKEUP,
                    new RemoteDomainEventCallbackPmwakeupMsg(cb, e.reason(), new RemoteDomainEventPmwakeupMsg(dom)));
            case DomainEvent.PmSuspend e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_PMSUSPEND,
                    new RemoteDomainEventCallbackPmsuspendMsg(cb, e.reason(), new RemoteDomainEventPmsuspendMsg(dom)));
            case DomainEvent.PmSuspendDisk e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_PMSUSPEND_DISK,
                    new RemoteDomainEventCallbackPmsuspendDiskMsg(cb, e.reason(),
                            new RemoteDomainEventPmsuspendDiskMsg(dom)));
            case DomainEvent.BalloonChange e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_BALLOON_CHANGE,
                    new RemoteDomainEventCallbackBalloonChangeMsg(cb,
                            new RemoteDomainEventBalloonChangeMsg(dom, e.actualKiB())));
            case DomainEvent.DeviceRemoved e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_DEVICE_REMOVED,
                    new RemoteDomainEventCallbackDeviceRemovedMsg(cb,
                            new RemoteDomainEventDeviceRemovedMsg(dom, e.devAlias())));
            case DomainEvent.DeviceAdded e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_DEVICE_ADDED,
                    new RemoteDomainEventCallbackDeviceAddedMsg(cb, dom, e.devAlias()));
            case DomainEvent.DeviceRemovalFailed e -> RpcCodec.encodeMessage(
                    DOMAIN_EVENT_CALLBACK_DEVICE_REMOVAL_FAILED,
                    new RemoteDomainEventCallbackDeviceRemovalFailedMsg(cb, dom, e.devAlias()));
            case DomainEvent.AgentLifecycle e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_AGENT_LIFECYCLE,
                    new RemoteDomainEventCallbackAgentLifecycleMsg(cb, dom, e.state(), e.reason()));
            case DomainEvent.MetadataChange e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_METADATA_CHANGE,
                    new RemoteDomainEventCallbackMetadataChangeMsg(cb, dom, e.type().code(), e.nsuri()));
            case DomainEvent.Tunable e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_TUNABLE,
                    new RemoteDomainEventCallbackTunableMsg(cb, dom, TypedParams.mapToWire(e.params())));
            case DomainEvent.JobCompleted e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_JOB_COMPLETED,
                    new RemoteDomainEventCallbackJobCompletedMsg(cb, dom, TypedParams.mapToWire(e.params())));
            case DomainEvent.Graphics e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_GRAPHICS,
                    new RemoteDomainEventCallbackGraphicsMsg(cb, new RemoteDomainEventGraphicsMsg(dom, e.phase(),
                            address(e.local()), address(e.remote()), e.authScheme(),
                            e.subject().stream().map(i -> new RemoteDomainEventGraphicsIdentity(i.type(), i.name()))
                                    .toList())));
            case DomainEvent.MigrationIteration e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CALLBACK_MIGRATION_ITERATION,
                    new RemoteDomainEventCallbackMigrationIterationMsg(cb, dom, e.iteration()));
            case DomainEvent.BlockThreshold e -> RpcCodec.encodeMessage(DOMAIN_EVENT_BLOCK_THRESHOLD,
                    new RemoteDomainEventBlockThresholdMsg(cb, dom, e.dev(), e.path(), e.threshold(), e.excess()));
            case DomainEvent.MemoryFailure e -> RpcCodec.encodeMessage(DOMAIN_EVENT_MEMORY_FAILURE,
                    new RemoteDomainEventMemoryFailureMsg(cb, dom, e.recipient(), e.action(), e.flags()));
            case DomainEvent.MemoryDeviceSizeChange e -> RpcCodec.encodeMessage(DOMAIN_EVENT_MEMORY_DEVICE_SIZE_CHANGE,
                    new RemoteDomainEventMemoryDeviceSizeChangeMsg(cb, dom, e.alias(), e.sizeKiB()));
        };
    }

    private static RemoteDomainEventGraphicsAddress address(DomainEvent.GraphicsAddress a) {
        return new RemoteDomainEventGraphicsAddress(a.family(), a.node(), a.service());
    }

    /** The pre-callback messages of CONNECT_DOMAIN_EVENT_REGISTER(_ANY): no callbackID, fewer kinds. */
    static byte[] legacyDomain(Domain d, DomainEvent event) {
        RemoteNonnullDomain dom = Wire.dom(d);
        return switch (event) {
            case DomainEvent.Lifecycle e -> RpcCodec.encodeMessage(DOMAIN_EVENT_LIFECYCLE,
                    new RemoteDomainEventLifecycleMsg(dom, e.type().code(), e.detail()));
            case DomainEvent.Reboot e -> RpcCodec.encodeMessage(DOMAIN_EVENT_REBOOT,
                    new RemoteDomainEventRebootMsg(dom));
            case DomainEvent.RtcChange e -> RpcCodec.encodeMessage(DOMAIN_EVENT_RTC_CHANGE,
                    new RemoteDomainEventRtcChangeMsg(dom, e.utcOffsetSeconds()));
            case DomainEvent.Watchdog e -> RpcCodec.encodeMessage(DOMAIN_EVENT_WATCHDOG,
                    new RemoteDomainEventWatchdogMsg(dom, e.action()));
            case DomainEvent.ControlError e -> RpcCodec.encodeMessage(DOMAIN_EVENT_CONTROL_ERROR,
                    new RemoteDomainEventControlErrorMsg(dom));
            case DomainEvent.DeviceRemoved e -> RpcCodec.encodeMessage(DOMAIN_EVENT_DEVICE_REMOVED,
                    new RemoteDomainEventDeviceRemovedMsg(dom, e.devAlias()));
            case DomainEvent.BalloonChange e -> RpcCodec.encodeMessage(DOMAIN_EVENT_BALLOON_CHANGE,
                    new RemoteDomainEventBalloonChangeMsg(dom, e.actualKiB()));
            case DomainEvent.TrayChange e -> RpcCodec.encodeMessage(DOMAIN_EVENT_TRAY_CHANGE,
                    new RemoteDomainEventTrayChangeMsg(dom, e.devAlias(), e.reason()));
            default -> null;
        };
    }

    static byte[] network(int cb, Network n, NetworkEvent event) {
        return switch (event) {
            case NetworkEvent.Lifecycle e -> RpcCodec.encodeMessage(NETWORK_EVENT_LIFECYCLE,
                    new RemoteNetworkEventLifecycleMsg(cb, Wire.net(n), e.type().code(), e.detail()));
        };
    }

    static byte[] storagePool(int cb, StoragePool p, StoragePoolEvent event) {
        return switch (event) {
            case StoragePoolEvent.Lifecycle e -> RpcCodec.encodeMessage(STORAGE_POOL_EVENT_LIFECYCLE,
                    new RemoteStoragePoolEventLifecycleMsg(cb, Wire.pool(p), e.type().code(), e.detail()));
            case StoragePoolEvent.Refresh e -> RpcCodec.encodeMessage(STORAGE_POOL_EVENT_REFRESH,
                    new RemoteStoragePoolEventRefreshMsg(cb, Wire.pool(p)));
        };
    }

    static byte[] nodeDevice(int cb, NodeDevice d, NodeDeviceEvent event) {
        return switch (event) {
            case NodeDeviceEvent.Lifecycle e -> RpcCodec.encodeMessage(NODE_DEVICE_EVENT_LIFECYCLE,
                    new RemoteNodeDeviceEventLifecycleMsg(cb, Wire.nodeDev(d), e.type().code(), e.detail()));
            case NodeDeviceEvent.Update e -> RpcCodec.encodeMessage(NODE_DEVICE_EVENT_UPDATE,
                    new RemoteNodeDeviceEventUpdateMsg(cb, Wire.nodeDev(d)));
        };
    }

    static byte[] secret(int cb, Secret s, SecretEvent event) {
        return switch (event) {
            case SecretEvent.Lifecycle e -> RpcCodec.encodeMessage(SECRET_EVENT_LIFECYCLE,
                    new RemoteSecretEventLifecycleMsg(cb, Wire.secret(s), e.type().code(), e.detail()));
            case SecretEvent.ValueChanged e -> RpcCodec.encodeMessage(SECRET_EVENT_VALUE_CHANGED,
                    new RemoteSecretEventValueChangedMsg(cb, Wire.secret(s)));
        };
    }
}
