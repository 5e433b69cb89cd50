package org.jvirt.daemon.dispatch;

import static org.jvirt.rpc.proto.remote.AuthProcedures.AUTH_LIST;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_CLOSE;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_GET_URI;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_IS_SECURE;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_OPEN;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_REGISTER_CLOSE_CALLBACK;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_SUPPORTS_FEATURE;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_UNREGISTER_CLOSE_CALLBACK;

import java.util.List;

import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.ConnectFlag;
import org.jvirt.rpc.proto.remote.AuthTypes.RemoteAuthListRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectGetUriRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectIsSecureRet;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectOpenArgs;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectSupportsFeatureRet;

/**
 * The connection itself: authentication (auth "none" only: the client counts as authenticated from accept),
 * CONNECT_OPEN on the URI the client sent, feature probes, close.
 */
final class ConnectionServe {

    /** virDrvFeature numbers the RPC layer answers (libvirt's remote_daemon_dispatch.c). */
    static final int FEATURE_TYPED_PARAM_STRING = 9;
    static final int FEATURE_PROGRAM_KEEPALIVE = 10;
    static final int FEATURE_REMOTE_EVENT_CALLBACK = 14;
    static final int FEATURE_REMOTE_CLOSE_CALLBACK = 15;
    static final int FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER = 16;

    private static final int AUTH_NONE = 0;

    private ConnectionServe() {
    }

    static void register(DispatchTable t) {
        t.on(AUTH_LIST, (c, a) -> new RemoteAuthListRet(List.of(AUTH_NONE)));
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
        // The daemon's own connection never closes under the client, so a close callback has nothing to report.
        t.on(CONNECT_REGISTER_CLOSE_CALLBACK, (c, a) -> {
            c.conn();
            return null;
        });
        t.on(CONNECT_UNREGISTER_CLOSE_CALLBACK, (c, a) -> {
            c.conn();
            return null;
        });
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
            default -> 0;
        };
    }
}
