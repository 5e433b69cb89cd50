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
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jvirt.daemon.auth.AuthScheme;
import org.jvirt.daemon.auth.Authentication;
import org.jvirt.daemon.config.DaemonConfig;
import org.jvirt.daemon.dispatch.DispatchTable;
import org.jvirt.daemon.net.Listener;
import org.jvirt.daemon.net.TcpListener;
import org.jvirt.daemon.net.TlsListener;
import org.jvirt.daemon.net.Transport;
import org.jvirt.daemon.net.UnixListener;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.daemon.session.SessionLimits;
import org.jvirt.daemon.tls.TlsServer;

/**
 * The running daemon: its listeners, the sessions of connected clients, the keepalive timer and the idle
 * timeout. {@link #start} binds everything or fails before serving anyone; {@link #stop} closes the listeners
 * (removing the socket files), drops every client and releases what they held.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Daemon.class.getName());

    /** Socket file names inside unix_sock_dir (jvirt's, not libvirt's, so both daemons can run). */
    public static final String SOCK_RW = "jvirt-sock";
    public static final String SOCK_RO = "jvirt-sock-ro";

    private final DaemonConfig config;
    private final boolean listen;
    private final int idleTimeoutSeconds;
    private final DispatchTable dispatch;
    private final SessionLimits limits;
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

    /**
     * @param config             the settings
     * @param listen             libvirtd's --listen: TCP and TLS listeners only with it
     * @param idleTimeoutSeconds libvirtd's --timeout: exit after this long without clients; 0 = never
     */
    public Daemon(DaemonConfig config, boolean listen, int idleTimeoutSeconds) {
        this.config = config;
        this.listen = listen;
        this.idleTimeoutSeconds = idleTimeoutSeconds;
        this.dispatch = DispatchTable.standard(config.auth());
        this.limits = SessionLimits.of(config.maxWorkers(), config.maxClientRequests(), config.keepaliveInterval(),
                config.keepaliveCount());
    }

    public DaemonConfig config() {
        return config;
    }

    public void start() throws IOException, GeneralSecurityException {
        try {
            Path dir = config.unixSockDir();
            add(new UnixListener(dir.resolve(SOCK_RW), config.unixSockRwPerms(), false), config.auth().unixRw());
            add(new UnixListener(dir.resolve(SOCK_RO), config.unixSockRoPerms(), true), config.auth().unixRo());
            if (listen && config.listenTcp()) {
                if (config.auth().tcp() == AuthScheme.POLKIT) {
                    throw new IOException("auth_tcp = \"polkit\": polkit needs a local peer; use \"sasl\"");
                }
                tcp = new TcpListener(config.listenAddr(), config.tcpPort());
                add(tcp, config.auth().tcp());
            }
            if (listen && config.listenTls()) {
                if (config.auth().tls() == AuthScheme.POLKIT) {
                    throw new IOException("auth_tls = \"polkit\": polkit needs a local peer; use \"sasl\"");
                }
                tls = new TlsListener(config.listenAddr(), config.tlsPort(), TlsServer.load(config));
                add(tls, config.auth().tls());
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            stop();
            throw e;
        }
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
            Transport t;
            try {
                t = l.accept();
            } catch (IOException e) {
                if (!stopping) {
                    LOG.log(Level.WARNING, "accept on " + l.describe() + " failed", e);
                }
                return;
            }
            if (sessions.size() >= config.maxClients()) {
                LOG.warning(() -> "max_clients (" + config.maxClients() + ") reached, refusing " + t.describe());
                t.close();
                continue;
            }
            ClientSession s = Authentication.session(t, l, listenerAuth.get(l), dispatch, limits);
            sessions.add(s);
            s.onClose(gone -> {
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
            s.keepaliveTick(now);
        }
        if (idleTimeoutSeconds > 0 && sessions.isEmpty()
                && now - idleSince > TimeUnit.SECONDS.toNanos(idleTimeoutSeconds)) {
            LOG.info("no clients for " + idleTimeoutSeconds + " s, exiting (--timeout)");
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

    public int clientCount() {
        return sessions.size();
    }

    public int servedProcedures() {
        return dispatch.served().size();
    }

    /** Closes listeners (removing socket files), then every client. Safe to call more than once. */
    public synchronized void stop() {
        if (stopping && stopped.getCount() == 0) {
            return;
        }
        stopping = true;
        for (Listener l : listeners) {
            l.close();
        }
        for (ClientSession s : List.copyOf(sessions)) {
            s.close();
        }
        timer.shutdownNow();
        stopped.countDown();
    }

    public void await() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        stop();
    }
}
