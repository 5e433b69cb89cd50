package org.jvirt.daemon.dispatch;

import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_CLOSE;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_URI;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_IS_SECURE;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_OPEN;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_REGISTER_CLOSE_CALLBACK;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_SUPPORTS_FEATURE;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_UNREGISTER_CLOSE_CALLBACK;

import static org.jvirt.rpc.proto.remote.EventProcedures.CONNECT_EVENT_CONNECTION_CLOSED;

import org.jvirt.Connect;
import org.jvirt.ConnectCloseCallback;
import org.jvirt.ConnectCloseReason;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.flags.ConnectFlag;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.proto.remote.EventTypes.RemoteConnectEventConnectionClosedMsg;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetUriRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectIsSecureRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectOpenArgs;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectSupportsFeatureRet;

/**
 * The connection itself: CONNECT_OPEN on the URI the client sent, feature probes, close. Authentication (the
 * AUTH_* procedures) is {@link org.jvirt.daemon.auth.AuthServe}'s.
 */
final class ConnectionServe {

    /** virDrvFeature numbers the RPC layer answers (libvirt's remote_daemon_dispatch.c). */
    static final int FEATURE_TYPED_PARAM_STRING = 9;
    static final int FEATURE_PROGRAM_KEEPALIVE = 10;
    static final int FEATURE_REMOTE_EVENT_CALLBACK = 14;
    static final int FEATURE_REMOTE_CLOSE_CALLBACK = 15;
    static final int FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER = 16;

    private ConnectionServe() {
    }

    static void register(DispatchTable t) {
        t.on(CONNECT_OPEN, ConnectionServe::open);
        t.on(CONNECT_CLOSE, (c, a) -> {
            c.client().closeAfterReply();
            c.afterReply(c.client()::close);
            return null;
        });
        t.on(CONNECT_SUPPORTS_FEATURE, (c, a) -> new RemoteConnectSupportsFeatureRet(feature(c, a.feature())));
        t.on(CONNECT_GET_URI, (c, a) -> new RemoteConnectGetUriRet(c.conn().getURI()));
        t.on(CONNECT_IS_SECURE, (c, a) -> {
            c.conn();
            return new RemoteConnectIsSecureRet(Call.bool(c.client().isSecure()));
        });
        // As libvirtd: the client hears when the daemon's own connection to its driver breaks (only a remote
        // driver's can), through a CONNECT_EVENT_CONNECTION_CLOSED message.
        t.on(CONNECT_REGISTER_CLOSE_CALLBACK, (c, a) -> {
            relayOf(c.client()).register(c.conn());
            return null;
        });
        t.on(CONNECT_UNREGISTER_CLOSE_CALLBACK, (c, a) -> {
            relayOf(c.client()).unregister(c.conn());
            return null;
        });
    }

    private static CloseRelay relayOf(ClientSession client) {
        return client.resource(CloseRelay.class, () -> new CloseRelay(client));
    }

    /**
     * The client's close callback on the daemon's connection. libvirtd's drivers accept any number of
     * registrations without complaint, so registering again is not an error here either.
     */
    private static final class CloseRelay implements ConnectCloseCallback, AutoCloseable {
        private final ClientSession client;
        private boolean registered;

        CloseRelay(ClientSession client) {
            this.client = client;
        }

        synchronized void register(Connect conn) {
            if (!registered) {
                conn.registerCloseCallback(this);
                registered = true;
            }
        }

        synchronized void unregister(Connect conn) {
            if (registered) {
                conn.unregisterCloseCallback(this);
                registered = false;
            }
        }

        @Override
        public void closed(Connect conn, ConnectCloseReason reason) {
            client.send(RpcCodec.encodeMessage(CONNECT_EVENT_CONNECTION_CLOSED,
                    new RemoteConnectEventConnectionClosedMsg(reason.code())));
        }

        @Override
        public void close() {
        }
    }

    private static Void open(Call c, RemoteConnectOpenArgs a) {
        if (c.client().isOpen()) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "connection already open");
        }
        boolean ro = c.client().readOnlySocket() || (a.flags() & ConnectFlag.RO.bit()) != 0;
        String uri = localUri(a.name());
        Connect conn = ro ? Connect.open(uri, null, ConnectFlag.RO) : Connect.open(uri);
        c.client().opened(conn, ro);
        return null;
    }

    /**
     * The URI to open locally. Clients already send it without transport and host ("test:///default"); a
     * name that still carries them ("test+unix://host/default") is reduced the same way. Empty = probe.
     */
    static String localUri(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        int sep = name.indexOf("://");
        if (sep < 0) {
            return name;
        }
        String scheme = name.substring(0, sep);
        int plus = scheme.indexOf('+');
        if (plus >= 0) {
            scheme = scheme.substring(0, plus);
        }
        String rest = name.substring(sep + 3);
        int slash = rest.indexOf('/');
        int query = rest.indexOf('?');
        int pathStart = slash < 0 ? (query < 0 ? rest.length() : query) : (query >= 0 && query < slash ? query : slash);
        return scheme + "://" + rest.substring(pathStart);
    }

    private static int feature(Call c, int feature) {
        if (feature == FEATURE_PROGRAM_KEEPALIVE) {
            c.client().enableKeepalive();
            return 1;
        }
        c.conn(); // every other probe needs an open connection, as in libvirtd
        return switch (feature) {
            case FEATURE_TYPED_PARAM_STRING, FEATURE_REMOTE_EVENT_CALLBACK, FEATURE_REMOTE_CLOSE_CALLBACK,
                 FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER -> 1;
            // the rest are the driver's (migration protocols...), as libvirtd asks its driver
            default -> org.jvirt.MigrationInternals.supportsFeature(c.conn(), feature) ? 1 : 0;
        };
    }
}
