package org.jvirt.remote;

import static org.jvirt.rpc.proto.remote.AuthProcedures.AUTH_LIST;
import static org.jvirt.rpc.proto.remote.AuthProcedures.AUTH_POLKIT;
import static org.jvirt.rpc.proto.remote.ConnectProcedures.*;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jvirt.ConnectCloseReason;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NotSupportedException;
import org.jvirt.VirtException;
import org.jvirt.remote.client.Rpc;
import org.jvirt.remote.client.RpcClient;
import org.jvirt.remote.client.StreamChannel;
import org.jvirt.remote.stub.RemoteDomains;
import org.jvirt.remote.stub.RemoteEvents;
import org.jvirt.remote.stub.RemoteHost;
import org.jvirt.remote.stub.RemoteInterfaces;
import org.jvirt.remote.stub.RemoteNWFilters;
import org.jvirt.remote.stub.RemoteNetworks;
import org.jvirt.remote.stub.RemoteNodeDevices;
import org.jvirt.remote.stub.RemoteSecrets;
import org.jvirt.remote.stub.RemoteSnapshots;
import org.jvirt.remote.stub.RemoteStorage;
import org.jvirt.remote.auth.SaslAuthenticator;
import org.jvirt.rpc.sasl.SecurityLayer;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectOpenArgs;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectSupportsFeatureArgs;
import org.jvirt.rpc.proto.remote.EventTypes.RemoteConnectEventConnectionClosedMsg;
import org.jvirt.spi.DomainDriver;
import org.jvirt.spi.DomainSnapshotDriver;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.EventKey;
import org.jvirt.spi.HostDriver;
import org.jvirt.spi.InterfaceDriver;
import org.jvirt.spi.NWFilterDriver;
import org.jvirt.spi.NetworkDriver;
import org.jvirt.spi.NodeDeviceDriver;
import org.jvirt.spi.OpenRequest;
import org.jvirt.spi.SecretDriver;
import org.jvirt.spi.StorageDriver;
import org.jvirt.transport.SaslTransport;
import org.jvirt.transport.Transport;

/**
 * One open remote connection (libvirt's remote driver private data): the handshake a real client performs, the
 * entry-point tables, event registrations with the server, the close callback, and — with {@code ?reconnect=1}
 * — a new connection with the same event registrations after the old one dropped. The tables call through
 * {@link Rpc}, which always uses the current connection.
 */
public final class RemoteConnection implements DriverConnection, Rpc {

    private static final System.Logger LOG = System.getLogger("org.jvirt.remote");

    /** virDrvFeature numbers the client asks about. */
    static final int FEATURE_PROGRAM_KEEPALIVE = 10;
    static final int FEATURE_REMOTE_EVENT_CALLBACK = 14;
    static final int FEATURE_REMOTE_CLOSE_CALLBACK = 15;
    /** remote_auth_type. */
    private static final int AUTH_NONE = 0;
    private static final int AUTH_SASL = 1;
    private static final int AUTH_POLKIT_TYPE = 2;
    /** VIR_CONNECT_RO, the only CONNECT_OPEN flag a server reads. */
    private static final int CONNECT_RO = 1;
    private static final long RECONNECT_MAX_DELAY_MS = 5000;

    private final OpenRequest request;
    private final RemoteTarget target;
    private final Object eventLock = new Object();
    private final Set<EventKey> wanted = new LinkedHashSet<>();
    private final Map<EventKey, Integer> callbackIds = new HashMap<>();
    private final Map<Integer, Boolean> features = new ConcurrentHashMap<>();
    private volatile RpcClient client;
    private volatile boolean closeCallbackRegistered;
    private volatile boolean closing;
    private volatile String serverUri;

    private final RemoteHost host = new RemoteHost(this);
    private final RemoteDomains domains = new RemoteDomains(this);
    private final org.jvirt.remote.stub.RemoteDomainTuning tuning = new org.jvirt.remote.stub.RemoteDomainTuning(this);
    private final org.jvirt.remote.stub.RemoteDomainBlocks blocks = new org.jvirt.remote.stub.RemoteDomainBlocks(this);
    private final RemoteSnapshots snapshots = new RemoteSnapshots(this);
    private final org.jvirt.remote.stub.RemoteCheckpoints checkpoints =
            new org.jvirt.remote.stub.RemoteCheckpoints(this);
    private final RemoteNetworks networks = new RemoteNetworks(this);
    private final RemoteStorage storage = new RemoteStorage(this);
    private final RemoteNodeDevices nodeDevices = new RemoteNodeDevices(this);
    private final RemoteInterfaces interfaces = new RemoteInterfaces(this);
    private final RemoteSecrets secrets = new RemoteSecrets(this);
    private final RemoteNWFilters nwfilters = new RemoteNWFilters(this);

    private RemoteConnection(OpenRequest request, RemoteTarget target) {
        this.request = request;
        this.target = target;
    }

    /** Dials and performs the handshake; any failure is the open's error. */
    static RemoteConnection open(OpenRequest request, RemoteTarget target) {
        RemoteConnection c = new RemoteConnection(request, target);
        c.client = c.connect();
        return c;
    }

    /** The URI the server reports (only asked when the name sent was empty), else null. */
    public String serverUri() {
        return serverUri;
    }

    public RemoteTarget target() {
        return target;
    }

    // ------------------------------------------------------------------------------------- connect, handshake

    private RpcClient connect() {
        Transport dialled = target.transport().dial();
        // plain TCP may end up under a SASL security layer; every other transport is secure already
        Transport link = dialled.isSecure() ? dialled : new SaslTransport(dialled);
        AtomicReference<RpcClient> self = new AtomicReference<>();
        RpcClient c = new RpcClient(link, this::onMessage, (reason, error) -> onClosed(self.get(), reason));
        self.set(c);
        try {
            handshake(c);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** What virsh 9.0 sends, in its order (wire doc §6.1). */
    private void handshake(RpcClient c) {
        features.clear();
        authenticate(c);
        if (supports(c, FEATURE_PROGRAM_KEEPALIVE)) {
            c.startKeepalive(target.keepaliveInterval(), target.keepaliveCount());
        }
        c.call(CONNECT_OPEN, new RemoteConnectOpenArgs(target.name(), request.readOnly() ? CONNECT_RO : 0));
        if (target.name().isEmpty()) {
            serverUri = c.call(CONNECT_GET_URI, null).uri();
        }
        supports(c, FEATURE_REMOTE_EVENT_CALLBACK);
        if (supports(c, FEATURE_REMOTE_CLOSE_CALLBACK)) {
            c.call(CONNECT_REGISTER_CLOSE_CALLBACK, null);
            closeCallbackRegistered = true;
        }
    }

    private void authenticate(RpcClient c) {
        List<Integer> types;
        try {
            types = c.call(AUTH_LIST, null).types();
        } catch (NotSupportedException e) {
            return; // a server without AUTH_LIST needs no authentication
        }
        int type = types.isEmpty() ? AUTH_NONE : types.get(0);
        switch (type) {
            case AUTH_NONE -> {
            }
            case AUTH_POLKIT_TYPE -> {
                if (c.call(AUTH_POLKIT, null).complete() == 0) {
                    throw VirtException.of(ErrorDomain.AUTH, ErrorNumber.AUTH_FAILED, "polkit authentication incomplete");
                }
            }
            case AUTH_SASL -> {
                SecurityLayer layer = new SaslAuthenticator(c, c.link().isSecure(), request.uri(), request.auth())
                        .authenticate();
                if (layer != null && c.link() instanceof SaslTransport sl) {
                    sl.startLayer(layer);
                }
            }
            default -> throw VirtException.of(ErrorDomain.RPC, ErrorNumber.AUTH_FAILED,
                    "unsupported authentication type %d", type);
        }
    }

    private boolean supports(RpcClient c, int feature) {
        return features.computeIfAbsent(feature, f ->
                c.call(CONNECT_SUPPORTS_FEATURE, new RemoteConnectSupportsFeatureArgs(f)).supported() != 0);
    }

    // -------------------------------------------------------------------------------------------------- Rpc

    private RpcClient current() {
        return client;
    }

    @Override
    public <A, R> R call(Procedure<A, R> procedure, A args) {
        return current().call(procedure, args);
    }

    @Override
    public <A, R> StreamChannel.Opened<R> openStream(Procedure<A, R> procedure, A args) {
        return current().openStream(procedure, args);
    }

    @Override
    public boolean supportsFeature(int feature) {
        return supports(feature);
    }

    @Override
    public boolean supports(int feature) {
        return supports(current(), feature);
    }

    @Override
    public boolean encrypted() {
        return current().link().isEncrypted();
    }

    @Override
    public boolean transportSecure() {
        return current().link().isSecure();
    }

    @Override
    public boolean isOpen() {
        return current().isOpen();
    }

    // ----------------------------------------------------------------------------------------------- tables

    @Override
    public HostDriver host() {
        return host;
    }

    @Override
    public DomainDriver domains() {
        return domains;
    }

    @Override
    public org.jvirt.spi.DomainTuningDriver domainTuning() {
        return tuning;
    }

    @Override
    public org.jvirt.spi.DomainBlockDriver domainBlocks() {
        return blocks;
    }

    @Override
    public DomainSnapshotDriver snapshots() {
        return snapshots;
    }

    @Override
    public org.jvirt.spi.DomainCheckpointDriver checkpoints() {
        return checkpoints;
    }

    @Override
    public NetworkDriver networks() {
        return networks;
    }

    @Override
    public StorageDriver storage() {
        return storage;
    }

    @Override
    public NodeDeviceDriver nodeDevices() {
        return nodeDevices;
    }

    @Override
    public InterfaceDriver interfaces() {
        return interfaces;
    }

    @Override
    public SecretDriver secrets() {
        return secrets;
    }

    @Override
    public NWFilterDriver nwfilters() {
        return nwfilters;
    }

    // ----------------------------------------------------------------------------------------------- events

    /**
     * First subscriber of a kind in: register it with the server (callback mode, no object filter — core
     * filters per subscriber); last one out: deregister. Remembered, so a reconnect registers again.
     */
    @Override
    public void eventInterest(EventKey key, boolean interested) {
        synchronized (eventLock) {
            if (interested) {
                if (!supports(FEATURE_REMOTE_EVENT_CALLBACK)) {
                    throw VirtException.noSupport(ErrorDomain.REMOTE, "legacy (non-callback) event registration");
                }
                callbackIds.put(key, RemoteEvents.register(this, key));
                wanted.add(key);
            } else {
                wanted.remove(key);
                Integer id = callbackIds.remove(key);
                if (id != null && isOpen()) {
                    try {
                        RemoteEvents.deregister(this, key, id);
                    } catch (VirtException e) {
                        LOG.log(System.Logger.Level.DEBUG, "event deregistration failed", e);
                    }
                }
            }
        }
    }

    /** Reader thread: decode and hand to the sink, which queues per subscriber and never blocks. */
    private void onMessage(RpcMessage m) {
        Object payload = RemoteEvents.decode(m);
        if (payload instanceof RemoteConnectEventConnectionClosedMsg closed) {
            // the daemon's own hypervisor connection closed; libvirt tells the close callback, keeps the socket
            notifyClosed(ConnectCloseReason.fromCode(closed.reason()));
        } else if (payload != null) {
            RemoteEvents.raise(payload, request.events());
        }
    }

    // ---------------------------------------------------------------------------------- close and reconnect

    private void onClosed(RpcClient which, ConnectCloseReason reason) {
        if (closing || which == null || which != client) {
            return;
        }
        notifyClosed(reason);
        if (target.reconnect()) {
            Thread.ofVirtual().name("jvirt-remote-reconnect").start(this::reconnectLoop);
        }
    }

    /** The connection's close callback (through its event sink), then the process-wide listeners. */
    private void notifyClosed(ConnectCloseReason reason) {
        request.events().connectionClosed(reason);
        for (CloseListener l : RemoteDriver.globalCloseListeners()) {
            try {
                l.connectionClosed(request.uri(), reason);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "close listener failed", e);
            }
        }
    }

    /**
     * Dials again with growing pauses until it works or the application closes; then registers every event kind
     * still wanted (the server hands out new callback ids), fabric8-informer style.
     */
    private void reconnectLoop() {
        long delay = 100;
        while (!closing) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            try {
                RpcClient fresh = connect();
                synchronized (eventLock) {
                    if (closing) {
                        fresh.close();
                        return;
                    }
                    client = fresh;
                    callbackIds.clear();
                    for (EventKey key : wanted) {
                        callbackIds.put(key, RemoteEvents.register(this, key));
                    }
                }
                LOG.log(System.Logger.Level.INFO, "reconnected to " + request.uri());
                return;
            } catch (VirtException e) {
                LOG.log(System.Logger.Level.DEBUG, "reconnect failed: " + e.getMessage());
                delay = Math.min(delay * 2, RECONNECT_MAX_DELAY_MS);
            }
        }
    }

    /** virConnectClose: unregister the close callback, CONNECT_CLOSE, then drop the socket. */
    @Override
    public void close() {
        closing = true;
        RpcClient c = client;
        if (c.isOpen()) {
            try {
                if (closeCallbackRegistered) {
                    c.call(CONNECT_UNREGISTER_CLOSE_CALLBACK, null);
                }
                c.call(CONNECT_CLOSE, null);
            } catch (VirtException e) {
                LOG.log(System.Logger.Level.DEBUG, "close: " + e.getMessage());
            }
        }
        c.close();
    }
}
