package org.jvirt.daemon.access;

import java.util.List;

import org.jvirt.daemon.session.ClientSession;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.ProcedureTable;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.frame.FrameDecoder;
import org.jvirt.rpc.frame.RpcMessage;

/**
 * Events per object, as libvirt filters them with the event registration's {@code @aclfilter}
 * (domain:getattr, network:getattr, storage_pool:getattr, node_device:getattr, secret:getattr): a client
 * hears only about objects it may see. Bound to a client by the dispatcher when access control is on; without
 * it every event passes.
 */
public final class EventGate implements AutoCloseable {

    private static final List<String> KINDS = List.of("domain", "network", "storage_pool", "node_device", "secret");

    private final AccessManager access;
    private final ClientSession client;

    private EventGate(AccessManager access, ClientSession client) {
        this.access = access;
        this.client = client;
    }

    static void bind(ClientSession client, AccessManager access) {
        client.resource(EventGate.class, () -> new EventGate(access, client));
    }

    /** Whether an encoded event may go to this client. */
    public static boolean mayDeliver(ClientSession client, byte[] packet) {
        EventGate g = client.resource(EventGate.class, () -> null);
        return g == null || g.allows(packet);
    }

    private boolean allows(byte[] packet) {
        List<RpcMessage> ms = new FrameDecoder().feed(packet);
        if (ms.size() != 1) {
            return false;
        }
        RpcMessage m = ms.get(0);
        Procedure<?, ?> p = ProcedureTable.standard().lookup(m.header());
        Object payload = RpcCodec.decodeMessage(p, m);
        for (String kind : KINDS) {
            AccessTarget t = Targets.find(kind, payload);
            if (t != null) {
                return access.permits(client, t, "getattr");
            }
        }
        return true;
    }

    @Override
    public void close() {
    }
}
