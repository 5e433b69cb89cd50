package org.jvirt.daemon.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jdk.net.UnixDomainPrincipal;

import org.jvirt.daemon.auth.AuthScheme;
import org.jvirt.daemon.auth.Authentication;
import org.jvirt.daemon.config.AdminConfig;
import org.jvirt.transport.Transport;
import org.jvirt.daemon.net.UnixListener;
import org.jvirt.daemon.session.Admission;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.daemon.session.SessionLimits;
import org.jvirt.daemon.session.WorkerPool;

/**
 * The admin socket and its server ("admin"): {@code jvirt-admin-sock} in the unix socket directory, mode
 * {@code unix_sock_admin_perms} (0700), with the {@code admin_*} limits ({@link AdminConfig}) and, as libvirt's,
 * no priority workers. As in libvirt's remoteAdmClientNew, a peer whose uid is not the daemon's is dropped
 * before it can call anything, even when the socket's mode would let it connect.
 */
public final class AdminSocket implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AdminSocket.class.getName());

    /** The socket's file name (libvirt's is libvirt-admin-sock). */
    public static final String SOCK = "jvirt-admin-sock";
    /** The admin server's name, as libvirtd's. */
    public static final String SERVER_NAME = "admin";


    private final UnixListener listener;
    private final AdminDispatch dispatch;
    private final DaemonAdmin daemon;
    private final SessionLimits limits;
    private final Admission admission;
    private final ServerClients clients = new ServerClients();
    private final ManagedServer server;
    private volatile boolean closed;

    /** Binds the socket; {@link #start} begins accepting. */
    public AdminSocket(Path path, AdminConfig config, DaemonAdmin daemon) throws IOException {
        this.listener = new UnixListener(path, config.perms(), false, Math.max(1, config.maxQueuedClients()));
        this.admission = new Admission(config.maxClients(), 0);
        this.dispatch = new AdminDispatch(daemon);
        this.daemon = daemon;
        this.limits = new SessionLimits(new WorkerPool(config.maxWorkers(), 0), config.maxClientRequests(),
                config.keepaliveInterval(), config.keepaliveCount(), SessionLimits.DEFAULT_OUTPUT_MAX_BYTES,
                SessionLimits.DEFAULT_WRITE_TIMEOUT_MILLIS);
        this.server = new ManagedServer(SERVER_NAME, limits.workers(), config.minWorkers(), admission, clients,
                ManagedServer.NO_TLS);
    }

    public ManagedServer server() {
        return server;
    }

    public Path path() {
        return listener.path();
    }

    public void start() {
        Thread.ofPlatform().daemon(true).name("jvirtd-accept-admin").start(this::acceptLoop);
        LOG.info(() -> "listening on " + listener.describe() + " (admin)");
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                if (!admission.awaitRoom()) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            Transport t;
            try {
                t = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "accept on " + listener.describe() + " failed", e);
                }
                return;
            }
            if (!sameUser(t)) {
                t.close();
                continue;
            }
            admission.admitted();
            admission.authenticated(); // no authentication on the admin socket: the uid check above is it
            ClientSession s = Authentication.session(t, listener, AuthScheme.NONE, dispatch, limits);
            clients.add(s, listener);
            s.onClose(gone -> {
                admission.left(false);
                daemon.adminClientLeft();
            });
            if (closed) {
                s.close();
                return;
            }
            Thread.ofVirtual().name("jvirtd-admin-client-" + s.id()).start(s::run);
        }
    }

    /** remoteAdmClientNew: only the daemon's own user administers it ("Disallowing client ... with uid ..."). */
    private static boolean sameUser(Transport t) {
        String me = ProcessHandle.current().info().user().orElse(System.getProperty("user.name"));
        UnixDomainPrincipal peer = t.unixPeer().orElse(null);
        if (peer != null && peer.user().getName().equals(me)) {
            return true;
        }
        LOG.warning(() -> "Disallowing admin client of user " + (peer == null ? "?" : peer.user().getName())
                + ": only " + me + " may administer this daemon");
        return false;
    }

    /** Connected admin clients (they keep the daemon's auto-shutdown from firing, as in libvirt). */
    public int clientCount() {
        return clients.size();
    }

    /** Stops accepting, removes the socket file, drops every admin client. */
    @Override
    public void close() {
        closed = true;
        listener.close();
        admission.close();
        for (ServerClients.Entry e : List.copyOf(clients.list())) {
            e.session().close();
        }
    }
}
