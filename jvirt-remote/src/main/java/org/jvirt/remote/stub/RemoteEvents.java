package org.jvirt.remote.stub;

import static org.jvirt.rpc.proto.remote.DomainEventProcedures.*;
import static org.jvirt.rpc.proto.remote.EventProcedures.*;

import org.jvirt.DomainMetadataType;
import org.jvirt.ErrorDomain;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.DomainEventType;
import org.jvirt.event.NetworkEvent;
import org.jvirt.event.NetworkEventType;
import org.jvirt.event.NodeDeviceEvent;
import org.jvirt.event.NodeDeviceEventType;
import org.jvirt.event.SecretEvent;
import org.jvirt.event.SecretEventType;
import org.jvirt.event.StoragePoolEvent;
import org.jvirt.event.StoragePoolEventType;
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.ProcedureTable;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomain;
import org.jvirt.rpc.proto.remote.DomainEventTypes.*;
import org.jvirt.rpc.proto.remote.DomainEventTypes2.*;
import org.jvirt.rpc.proto.remote.EventTypes.*;
import org.jvirt.spi.EventKey;
import org.jvirt.spi.EventSink;

/**
 * Events in callback mode (what libvirt's client uses when the server answers feature 14): registering an event
 * kind with the server returns a callback id; MESSAGE packets carry it and the event. Here: the (de)registration
 * calls per object family, and the decoding of every event message into core's event records.
 */
public final class RemoteEvents {

    /** libvirt's VIR_DOMAIN_EVENT_ID_LAST in 9.0. */
    static final int DOMAIN_EVENT_ID_LAST = 27;

    private RemoteEvents() {
    }

    /** Asks the server for every event of this kind (no object filter: core filters per subscriber). */
    public static int register(Rpc rpc, EventKey key) {
        return switch (key.family()) {
            case "domain" -> rpc.call(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                    new RemoteConnectDomainEventCallbackRegisterAnyArgs(key.id(), null)).callbackID();
            case "network" -> rpc.call(CONNECT_NETWORK_EVENT_REGISTER_ANY,
                    new RemoteConnectNetworkEventRegisterAnyArgs(key.id(), null)).callbackID();
            case "storage_pool" -> rpc.call(CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY,
                    new RemoteConnectStoragePoolEventRegisterAnyArgs(key.id(), null)).callbackID();
            case "node_device" -> rpc.call(CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY,
                    new RemoteConnectNodeDeviceEventRegisterAnyArgs(key.id(), null)).callbackID();
            case "secret" -> rpc.call(CONNECT_SECRET_EVENT_REGISTER_ANY,
                    new RemoteConnectSecretEventRegisterAnyArgs(key.id(), null)).callbackID();
            default -> throw VirtException.noSupport(ErrorDomain.REMOTE, "event family " + key.family());
        };
    }

    public static void deregister(Rpc rpc, EventKey key, int callbackId) {
        switch (key.family()) {
            case "domain" -> rpc.call(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
                    new RemoteConnectDomainEventCallbackDeregisterAnyArgs(callbackId));
            case "network" -> rpc.call(CONNECT_NETWORK_EVENT_DEREGISTER_ANY,
                    new RemoteConnectNetworkEventDeregisterAnyArgs(callbackId));
            case "storage_pool" -> rpc.call(CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY,
                    new RemoteConnectStoragePoolEventDeregisterAnyArgs(callbackId));
            case "node_device" -> rpc.call(CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY,
                    new RemoteConnectNodeDeviceEventDeregisterAnyArgs(callbackId));
            case "secret" -> rpc.call(CONNECT_SECRET_EVENT_DEREGISTER_ANY,
                    new RemoteConnectSecretEventDeregisterAnyArgs(callbackId));
            default -> {
            }
        }
    }

    /** The decoded payload of an event MESSAGE, or null for a message we do not know. */
    public static Object decode(RpcMessage m) {
        var h = m.header();
        Procedure<?, ?> p = ProcedureTable.standard().find(h.program(), h.version(), h.procedure()).orElse(null);
        if (p == null || !p.isMessage()) {
            return null;
        }
        return RpcCodec.decodeMessage(p, m);
    }

    /** Raises one decoded event into the sink; a message of a kind this version does not know is dropped. */
    public static void raise(Object payload, EventSink sink) {
        switch (payload) {
            case RemoteDomainEventCallbackLifecycleMsg x -> dom(sink, x.msg().dom(), new DomainEvent.Lifecycle(
                    DomainEventType.fromCode(x.msg().event(), DomainEventType.DEFINED), x.msg().detail()));
            case RemoteDomainEventCallbackRebootMsg x -> dom(sink, x.msg().dom(), new DomainEvent.Reboot());
            case RemoteDomainEventCallbackRtcChangeMsg x -> dom(sink, x.msg().dom(),
                    new DomainEvent.RtcChange(x.msg().offset()));
            case RemoteDomainEventCallbackWatchdogMsg x -> dom(sink, x.msg().dom(),
                    new DomainEvent.Watchdog(x.msg().action()));
            case RemoteDomainEventCallbackIoErrorMsg x -> dom(sink, x.msg().dom(), new DomainEvent.IoError(
                    DomainEventId.IO_ERROR, x.msg().srcPath(), x.msg().devAlias(), x.msg().action(), null));
            case RemoteDomainEventCallbackIoErrorReasonMsg x -> dom(sink, x.msg().dom(), new DomainEvent.IoError(
                    DomainEventId.IO_ERROR_REASON, x.msg().srcPath(), x.msg().devAlias(), x.msg().action(),
                    x.msg().reason()));
            case RemoteDomainEventCallbackBlockJobMsg x -> dom(sink, x.msg().dom(), new DomainEvent.BlockJob(
                    DomainEventId.BLOCK_JOB, x.msg().path(), x.msg().type(), x.msg().status()));
            case RemoteDomainEventBlockJob2Msg x -> dom(sink, x.dom(), new DomainEvent.BlockJob(
                    DomainEventId.BLOCK_JOB_2, x.dst(), x.type(), x.status()));
            case RemoteDomainEventCallbackDiskChangeMsg x -> dom(sink, x.msg().dom(), new DomainEvent.DiskChange(
                    x.msg().oldSrcPath(), x.msg().newSrcPath(), x.msg().devAlias(), x.msg().reason()));
            case RemoteDomainEventCallbackTrayChangeMsg x -> dom(sink, x.msg().dom(),
                    new DomainEvent.TrayChange(x.msg().devAlias(), x.msg().reason()));
            case RemoteDomainEventCallbackPmwakeupMsg x -> dom(sink, x.msg().dom(),
                    new DomainEvent.PmWakeup(x.reason()));
            case RemoteDomainEventCallbackPmsuspendMsg x -> dom(sink, x.msg().dom(),
                    new DomainEvent.PmSuspend(x.reason()));
            case RemoteDomainEventCallbackPmsuspendDiskMsg x -> dom(sink, x.msg().dom(),
                    new DomainEvent.PmSuspendDisk(x.reason()));
            case RemoteDomainEventCallbackBalloonChangeMsg x -> dom(sink, x.msg().dom(),
                    new DomainEvent.BalloonChange(x.msg().actual()));
            case RemoteDomainEventCallbackControlErrorMsg x -> dom(sink, x.msg().dom(), new DomainEvent.ControlError());
            case RemoteDomainEventCallbackDeviceRemovedMsg x -> dom(sink, x.msg().dom(),
                    new DomainEvent.DeviceRemoved(x.msg().devAlias()));
            case RemoteDomainEventCallbackDeviceAddedMsg x -> dom(sink, x.dom(),
                    new DomainEvent.DeviceAdded(x.devAlias()));
            case RemoteDomainEventCallbackDeviceRemovalFailedMsg x -> dom(sink, x.dom(),
                    new DomainEvent.DeviceRemovalFailed(x.devAlias()));
            case RemoteDomainEventCallbackTunableMsg x -> dom(sink, x.dom(),
                    new DomainEvent.Tunable(Refs.params(x.params())));
            case RemoteDomainEventCallbackAgentLifecycleMsg x -> dom(sink, x.dom(),
                    new DomainEvent.AgentLifecycle(x.state(), x.reason()));
            case RemoteDomainEventCallbackJobCompletedMsg x -> dom(sink, x.dom(),
                    new DomainEvent.JobCompleted(Refs.params(x.params())));
            case RemoteDomainEventCallbackMetadataChangeMsg x -> dom(sink, x.dom(), new DomainEvent.MetadataChange(
                    DomainMetadataType.fromCode(x.type(), DomainMetadataType.ELEMENT), x.nsuri()));
            case RemoteDomainEventCallbackGraphicsMsg x -> dom(sink, x.msg().dom(), new DomainEvent.Graphics(
                    x.msg().phase(), address(x.msg().local()), address(x.msg().remote()), x.msg().authScheme(),
                    x.msg().subject().stream().map(i -> new DomainEvent.GraphicsIdentity(i.type(), i.name()))
                            .toList()));
            case RemoteDomainEventCallbackMigrationIterationMsg x -> dom(sink, x.dom(),
                    new DomainEvent.MigrationIteration(x.iteration()));
            case RemoteDomainEventBlockThresholdMsg x -> dom(sink, x.dom(),
                    new DomainEvent.BlockThreshold(x.dev(), x.path(), x.threshold(), x.excess()));
            case RemoteDomainEventMemoryFailureMsg x -> dom(sink, x.dom(),
                    new DomainEvent.MemoryFailure(x.recipient(), x.action(), x.flags()));
            case RemoteDomainEventMemoryDeviceSizeChangeMsg x -> dom(sink, x.dom(),
                    new DomainEvent.MemoryDeviceSizeChange(x.alias(), x.size()));
            case RemoteNetworkEventLifecycleMsg x -> sink.networkEvent(Refs.net(x.net()), new NetworkEvent.Lifecycle(
                    NetworkEventType.fromCode(x.event(), NetworkEventType.DEFINED), x.detail()));
            case RemoteStoragePoolEventLifecycleMsg x -> sink.storagePoolEvent(Refs.pool(x.pool()),
                    new StoragePoolEvent.Lifecycle(StoragePoolEventType.fromCode(x.event(),
                            StoragePoolEventType.DEFINED), x.detail()));
            case RemoteStoragePoolEventRefreshMsg x -> sink.storagePoolEvent(Refs.pool(x.pool()),
                    new StoragePoolEvent.Refresh());
            case RemoteNodeDeviceEventLifecycleMsg x -> sink.nodeDeviceEvent(Refs.dev(x.dev()),
                    new NodeDeviceEvent.Lifecycle(NodeDeviceEventType.fromCode(x.event(),
                            NodeDeviceEventType.CREATED), x.detail()));
            case RemoteNodeDeviceEventUpdateMsg x -> sink.nodeDeviceEvent(Refs.dev(x.dev()),
                    new NodeDeviceEvent.Update());
            case RemoteSecretEventLifecycleMsg x -> sink.secretEvent(Refs.secret(x.secret()),
                    new SecretEvent.Lifecycle(SecretEventType.fromCode(x.event(), SecretEventType.DEFINED),
                            x.detail()));
            case RemoteSecretEventValueChangedMsg x -> sink.secretEvent(Refs.secret(x.secret()),
                    new SecretEvent.ValueChanged());
            default -> {
            }
        }
    }

    private static DomainEvent.GraphicsAddress address(RemoteDomainEventGraphicsAddress a) {
        return new DomainEvent.GraphicsAddress(a.family(), a.node(), a.service());
    }

    private static void dom(EventSink sink, RemoteNonnullDomain d, DomainEvent e) {
        sink.domainEvent(Refs.dom(d), e);
    }
}
