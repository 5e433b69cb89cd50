package org.jvirt.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jvirt.daemon.admin.AdminSocket;
import org.jvirt.daemon.admin.DaemonAdmin;
import org.jvirt.daemon.admin.ManagedServer;
import org.jvirt.daemon.admin.ServerClients;
import org.jvirt.daemon.auth.AuthScheme;
import org.jvirt.daemon.auth.Authentication;
import org.jvirt.daemon.auth.ClientAuth;
import org.jvirt.daemon.config.AdminConfig;
import org.jvirt.daemon.config.DaemonConfig;
import org.jvirt.daemon.config.ServerLimits;
import org.jvirt.daemon.life.InstanceLock;
import org.jvirt.daemon.dispatch.DispatchTable;
import org.jvirt.daemon.net.Listener;
import org.jvirt.daemon.net.TcpListener;
import org.jvirt.daemon.net.TlsListener;
import org.jvirt.daemon.net.UnixListener;
import org.jvirt.daemon.session.Admission;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.daemon.session.SessionLimits;
import org.jvirt.daemon.session.WorkerPool;
import org.jvirt.transport.Transport;
import org.jvirt.transport.embed.HostGauge;
import org.jvirt.transport.tls.TlsServer;

/**
 * The running daemon: its listeners, the sessions of connected clients, the keepalive timer and the idle
 * timeout. {@link #start} takes the runtime directory's lock (a second daemon on the same directory refuses to
 * start before touching the first one's sockets), binds everything or fails before serving anyone;
 * {@link #stop} closes the listeners (removing the socket files), waits a bounded time for calls in progress,
 * drops every client and releases what they held.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Daemon.class.getName());

    /** Socket file names inside unix_sock_dir (jvirt's, not libvirt's, so both daemons can run). */
    public static final String SOCK_RW = "jvirt-sock";
    public static final String SOCK_RO = "jvirt-sock-ro";
    /** The lock file in unix_sock_dir that one daemon holds while it owns the sockets there. */
    public static final String RUNTIME_LOCK = "jvirtd.lock";

    private volatile DaemonConfig config;
    private final boolean listen;
    private volatile int idleTimeoutSeconds;
    private final DispatchTable dispatch;
    private final SessionLimits limits;
    private final Admission admission;
    private InstanceLock runtimeLock;
    private final List<Listener> listeners = new ArrayList<>();
    private final Map<Listener, AuthScheme> listenerAuth = new ConcurrentHashMap<>();
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jvirtd-timer");
        t.setDaemon(true);
        return t;
    });
    private volatile long idleSince = System.nanoTime();
    private volatile boolean stopping;
    private TcpListener tcp;
    private TlsListener tls;
    private volatile TlsServer tlsServer;
    /** The main server as the admin interface sees it (libvirtd's "libvirtd" server), and its clients. */
    private final ServerClients clients = new ServerClients();
    private final ManagedServer mainServer;
    private AdminSocket admin;
    private final AdminConfig adminConfig;

    private volatile EmbeddedWeb web;

    /** The main server's name: libvirtd's, so that virt-admin scripts written for libvirtd work unchanged. */
    public static final String SERVER_NAME = "libvirtd";

    /**
     * @param config             the settings
     * @param listen             libvirtd's --listen: TCP and TLS listeners only with it
     * @param idleTimeoutSeconds libvirtd's --timeout: exit after this long without clients; 0 = never
     */
    public Daemon(DaemonConfig config, boolean listen, int idleTimeoutSeconds) {
        this(config, AdminConfig.defaults(), listen, idleTimeoutSeconds);
    }

    /** @param adminConfig the admin socket's settings (unix_sock_admin_perms, admin_*) */
    public Daemon(DaemonConfig config, AdminConfig adminConfig, boolean listen, int idleTimeoutSeconds) {
        this.adminConfig = adminConfig;
        this.config = config;
        this.listen = listen;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.dispatch = DispatchTable.standard(config.auth());
        ServerLimits l = config.limits();
        this.limits = new SessionLimits(new WorkerPool(l.maxWorkers(), l.prioWorkers()), l.maxClientRequests(),
                config.keepaliveInterval(), config.keepaliveCount(), l.clientOutputLimit(),
                l.clientWriteTimeout() * 1000L);
        this.admission = new Admission(l.maxClients(), l.maxAnonymousClients());
        this.mainServer = new ManagedServer(SERVER_NAME, limits.workers(), l.minWorkers(), admission, clients,
                this::reloadTls);
    }

    public DaemonConfig config() {
        return config;
    }

    public void start() throws IOException, GeneralSecurityException {
        if (stopping) {
            throw new IOException("stopped before it started (signal)");
        }
        Path dir = config.unixSockDir();
        runtimeLock = InstanceLock.acquire(dir.resolve(RUNTIME_LOCK), "runtime directory lock", false);
        int backlog = Math.max(1, config.limits().maxQueuedClients());
        try {
            // the admin socket first: whoever sees the main socket can reach the admin one too
            admin = new AdminSocket(dir.resolve(AdminSocket.SOCK), adminConfig, new DaemonAdmin() {
                @Override
                public List<ManagedServer> servers() {
                    return List.of(mainServer, admin.server());
                }

                @Override
                public void setAutoShutdown(int seconds) {
                    idleSince = System.nanoTime();
                    idleTimeoutSeconds = seconds;
                }

                @Override
                public void adminClientLeft() {
                    if (sessions.isEmpty()) {
                        idleSince = System.nanoTime();
                    }
                }
            });
            add(new UnixListener(dir.resolve(SOCK_RW), config.unixSockRwPerms(), false, backlog),
                    config.auth().unixRw());
            add(new UnixListener(dir.resolve(SOCK_RO), config.unixSockRoPerms(), true, backlog),
                    config.auth().unixRo());
            if (listen && config.listenTcp()) {
                if (config.auth().tcp() == AuthScheme.POLKIT) {
                    throw new IOException("auth_tcp = \"polkit\": polkit needs a local peer; use \"sasl\"");
                }
                tcp = new TcpListener(config.listenAddr(), config.tcpPort(), backlog);
                add(tcp, config.auth().tcp());
            }
            if (listen && config.listenTls()) {
                if (config.auth().tls() == AuthScheme.POLKIT) {
                    throw new IOException("auth_tls = \"polkit\": polkit needs a local peer; use \"sasl\"");
                }
                tlsServer = TlsServer.load(config.tls());
                tls = new TlsListener(config.listenAddr(), config.tlsPort(), tlsServer, backlog);
                add(tls, config.auth().tls());
            }
            if (config.webConfig() != null) {
                web = EmbeddedWeb.start(config.webConfig(), List.of(
                        new HostGauge("jvirtd_clients", "Clients connected to jvirtd.", this::clientCount),
                        new HostGauge("jvirtd_calls_in_progress", "RPC calls jvirtd is serving now.",
                                this::callsInProgress)));
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            stop();
            throw e;
        }
        admin.start();
        for (Listener l : listeners) {
            Thread.ofPlatform().daemon(true).name("jvirtd-accept-" + l.describe()).start(() -> acceptLoop(l));
            LOG.info(() -> "listening on " + l.describe());
        }
        timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void add(Listener l, AuthScheme auth) {
        listeners.add(l);
        listenerAuth.put(l, auth);
    }

    private void acceptLoop(Listener l) {
        while (!stopping) {
            try {
                if (!admission.awaitRoom()) {
                    return; // stopping
                }
            } catch (InterruptedException e) {
                return;
            }
            Transport t;
            try {
                t = l.accept();
            } catch (IOException e) {
                if (!stopping) {
                    LOG.log(Level.WARNING, "accept on " + l.describe() + " failed", e);
                }
                return;
            }
            admission.admitted();
            ClientSession s = Authentication.session(t, l, listenerAuth.get(l), dispatch, limits);
            // anonymous until ready for calls (TLS handshake done) and authenticated where the socket asks for it
            // (libvirt counts a client with its auth pending as unauthenticated until SASL or polkit succeeds)
            AtomicBoolean anonymous = new AtomicBoolean(true);
            ClientAuth auth = ClientAuth.of(s);
            Runnable known = () -> {
                if (s.isReady() && auth.authenticated() && anonymous.compareAndSet(true, false)) {
                    admission.authenticated();
                }
            };
            auth.onAuthenticated(known);
            s.onReady(known);
            sessions.add(s);
            clients.add(s, l);
            s.onClose(gone -> {
                admission.left(anonymous.getAndSet(false));
                sessions.remove(gone);
                if (sessions.isEmpty()) {
                    idleSince = System.nanoTime();
                }
            });
            if (stopping) {
                s.close();
                return;
            }
            Thread.ofVirtual().name("jvirtd-client-" + s.id()).start(s::run);
        }
    }

    private void tick() {
        long now = System.nanoTime();
        for (ClientSession s : sessions) {
            s.tick(now);
        }
        int idle = idleTimeoutSeconds;
        if (idle > 0 && sessions.isEmpty() && (admin == null || admin.clientCount() == 0)
                && now - idleSince > TimeUnit.SECONDS.toNanos(idle)) {
            LOG.info("no clients for " + idle + " s, exiting (--timeout)");
            Thread.ofPlatform().start(this::stop);
        }
    }

    public Path socketPath() {
        return config.unixSockDir().resolve(SOCK_RW);
    }

    public Path readOnlySocketPath() {
        return config.unixSockDir().resolve(SOCK_RO);
    }

    /** The bound TCP port (useful with tcp_port = 0), or -1. */
    public int tcpPort() {
        return tcp == null ? -1 : tcp.port();
    }

    public int tlsPort() {
        return tls == null ? -1 : tls.port();
    }

    /** The admin socket (jvirt-admin-sock) in the unix socket directory. */
    public Path adminSocketPath() {
        return config.unixSockDir().resolve(AdminSocket.SOCK);
    }

    /** The admin interface's servers: this daemon's main server and its admin server. */
    public ManagedServer mainServer() {
        return mainServer;
    }

    /**
     * virt-admin srv-update-tls: reads the certificate, key, CA and CRL files again; new TLS connections use
     * them, established ones keep theirs. libvirt's error when TLS is not listening.
     */
    private void reloadTls() throws IOException, GeneralSecurityException {
        TlsServer t = tlsServer;
        if (t == null) {
            throw ManagedServer.noTls();
        }
        t.reload(config.tls());
    }

    public int clientCount() {
        return sessions.size();
    }

    public int servedProcedures() {
        return dispatch.served().size();
    }

    /** Closes listeners (removing socket files), then every client. Safe to call more than once. */
    public void stop() {
        stop(0);
    }

    /**
     * Stops accepting (listeners closed, socket files removed), waits up to {@code drainMillis} for the calls in
     * progress to finish and their replies to be queued (SIGTERM: libvirt's shutdown wait), then drops every
     * client. Safe to call more than once.
     */
    public void stop(long drainMillis) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            for (Listener l : listeners) {
                l.close();
            }
            if (admin != null) {
                admin.close();
            }
            admission.close();
        }
        EmbeddedWeb w = web;
        if (w != null) {
            w.close();
        }
        if (drainMillis > 0) {
            try {
                if (!limits.workers().awaitIdle(drainMillis)) {
                    LOG.warning(() -> limits.workers().busy() + " calls still running after " + drainMillis
                            + " ms, stopping anyway");
                }
                Thread.sleep(50); // lets the writers put the last replies on the wire
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (ClientSession s : List.copyOf(sessions)) {
            s.close();
        }
        timer.shutdownNow();
        if (runtimeLock != null) {
            runtimeLock.close();
        }
        stopped.countDown();
    }

    /** Calls running now, across all clients. */
    public int callsInProgress() {
        return limits.workers().busy();
    }

    /**
     * SIGHUP: applies what can change while running (client limits, as virNetServerSetClientLimits does); the
     * rest of the new file takes effect at the next start.
     */
    public void reload(DaemonConfig fresh) {
        admission.setLimits(fresh.limits().maxClients(), fresh.limits().maxAnonymousClients());
        this.config = fresh.withUnixSockDir(config.unixSockDir());
    }

    public void await() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop();
    }
}
