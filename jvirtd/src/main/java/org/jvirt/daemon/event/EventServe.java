package org.jvirt.daemon.event;

import static org.jvirt.rpc.proto.remote.DomainEventProcedures.*;
import static org.jvirt.rpc.proto.remote.EventProcedures.*;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Network;
import org.jvirt.NodeDevice;
import org.jvirt.Secret;
import org.jvirt.StoragePool;
import org.jvirt.VirtException;
import org.jvirt.daemon.dispatch.Call;
import org.jvirt.daemon.dispatch.DispatchTable;
import org.jvirt.daemon.dispatch.Wire;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.NetworkEventId;
import org.jvirt.event.NodeDeviceEventId;
import org.jvirt.event.SecretEventId;
import org.jvirt.event.StoragePoolEventId;
import org.jvirt.rpc.proto.remote.DomainEventTypes.*;
import org.jvirt.rpc.proto.remote.DomainEventTypes2.*;
import org.jvirt.rpc.proto.remote.EventTypes.*;

/** The event (de)registration procedures. */
public final class EventServe {

    private EventServe() {
    }

    public static void register(DispatchTable t) {
        t.on(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, (c, a) -> {
            DomainEventId id = checkId(DomainEventId.fromCode(a.eventID(), null), a.eventID());
            Connect conn = c.conn();
            Domain filter = a.dom() == null ? null : Wire.dom(conn, a.dom());
            ClientEvents events = ClientEvents.of(c.client());
            int cb = events.subscribe(cbId -> conn.domainEventRegister(id, filter,
                    (d, e) -> events.send(EventMessages.domain(cbId.getAsInt(), d, e))));
            return new RemoteConnectDomainEventCallbackRegisterAnyRet(cb);
        });
        t.on(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, (c, a) -> deregister(c, a.callbackID()));

        t.on(CONNECT_NETWORK_EVENT_REGISTER_ANY, (c, a) -> {
            NetworkEventId id = checkId(NetworkEventId.fromCode(a.eventID(), null), a.eventID());
            Connect conn = c.conn();
            Network filter = a.net() == null ? null : Wire.net(conn, a.net());
            ClientEvents events = ClientEvents.of(c.client());
            int cb = events.subscribe(cbId -> conn.networkEventRegister(id, filter,
                    (n, e) -> events.send(EventMessages.network(cbId.getAsInt(), n, e))));
            return new RemoteConnectNetworkEventRegisterAnyRet(cb);
        });
        t.on(CONNECT_NETWORK_EVENT_DEREGISTER_ANY, (c, a) -> deregister(c, a.callbackID()));

        t.on(CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY, (c, a) -> {
            StoragePoolEventId id = checkId(StoragePoolEventId.fromCode(a.eventID(), null), a.eventID());
            Connect conn = c.conn();
            StoragePool filter = a.pool() == null ? null : Wire.pool(conn, a.pool());
            ClientEvents events = ClientEvents.of(c.client());
            int cb = events.subscribe(cbId -> conn.storagePoolEventRegister(id, filter,
                    (p, e) -> events.send(EventMessages.storagePool(cbId.getAsInt(), p, e))));
            return new RemoteConnectStoragePoolEventRegisterAnyRet(cb);
        });
        t.on(CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY, (c, a) -> deregister(c, a.callbackID()));

        t.on(CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY, (c, a) -> {
            NodeDeviceEventId id = checkId(NodeDeviceEventId.fromCode(a.eventID(), null), a.eventID());
            Connect conn = c.conn();
            NodeDevice filter = a.dev() == null ? null : Wire.nodeDev(conn, a.dev().name());
            ClientEvents events = ClientEvents.of(c.client());
            int cb = events.subscribe(cbId -> conn.nodeDeviceEventRegister(id, filter,
                    (d, e) -> events.send(EventMessages.nodeDevice(cbId.getAsInt(), d, e))));
            return new RemoteConnectNodeDeviceEventRegisterAnyRet(cb);
        });
        t.on(CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY, (c, a) -> deregister(c, a.callbackID()));

        t.on(CONNECT_SECRET_EVENT_REGISTER_ANY, (c, a) -> {
            SecretEventId id = checkId(SecretEventId.fromCode(a.eventID(), null), a.eventID());
            Connect conn = c.conn();
            Secret filter = a.secret() == null ? null : Wire.secret(conn, a.secret());
            ClientEvents events = ClientEvents.of(c.client());
            int cb = events.subscribe(cbId -> conn.secretEventRegister(id, filter,
                    (s, e) -> events.send(EventMessages.secret(cbId.getAsInt(), s, e))));
            return new RemoteConnectSecretEventRegisterAnyRet(cb);
        });
        t.on(CONNECT_SECRET_EVENT_DEREGISTER_ANY, (c, a) -> deregister(c, a.callbackID()));

        registerLegacy(t);
    }

    /** The pre-callback procedures, for clients that do not probe REMOTE_EVENT_CALLBACK. */
    private static void registerLegacy(DispatchTable t) {
        t.on(CONNECT_DOMAIN_EVENT_REGISTER, (c, a) -> {
            legacy(c, DomainEventId.LIFECYCLE);
            return new RemoteConnectDomainEventRegisterRet(1);
        });
        t.on(CONNECT_DOMAIN_EVENT_DEREGISTER, (c, a) -> {
            c.conn();
            ClientEvents.of(c.client()).deregisterLegacy(DomainEventId.LIFECYCLE.code());
            return new RemoteConnectDomainEventDeregisterRet(0);
        });
        t.on(CONNECT_DOMAIN_EVENT_REGISTER_ANY, (c, a) -> {
            legacy(c, checkId(DomainEventId.fromCode(a.eventID(), null), a.eventID()));
            return null;
        });
        t.on(CONNECT_DOMAIN_EVENT_DEREGISTER_ANY, (c, a) -> {
            c.conn();
            checkId(DomainEventId.fromCode(a.eventID(), null), a.eventID());
            ClientEvents.of(c.client()).deregisterLegacy(a.eventID());
            return null;
        });
    }

    private static void legacy(Call c, DomainEventId id) {
        Connect conn = c.conn();
        ClientEvents events = ClientEvents.of(c.client());
        events.registerLegacy(id.code(), () -> conn.domainEventRegister(id, null,
                (d, e) -> events.send(EventMessages.legacyDomain(d, e))));
    }

    private static Void deregister(Call c, int callbackId) {
        c.conn();
        ClientEvents.of(c.client()).deregister(callbackId);
        return null;
    }

    /** libvirtd's answer to an event id beyond what it knows: "unsupported event ID %d". */
    private static <T> T checkId(T id, int code) {
        if (id == null) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "unsupported event ID %d", code);
        }
        return id;
    }
}
