package org.jvirt.daemon.admin;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jvirt.daemon.net.Listener;
import org.jvirt.daemon.net.TcpListener;
import org.jvirt.daemon.net.TlsListener;
import org.jvirt.daemon.net.UnixListener;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.rpc.ClientTransport;

/**
 * The clients of one server, as the admin interface sees them (libvirt's virNetServer client list): each with
 * its id, the time it connected and its transport. A client joins when accepted and leaves when its session
 * closes, whatever closed it.
 */
public final class ServerClients {

    /**
     * One connected client.
     *
     * @param connectedAt seconds since the epoch (libvirt's conn_time)
     * @param socket      the unix socket it came through, or null (TCP, TLS)
     */
    public record Entry(ClientSession session, ClientTransport transport, long connectedAt, Path socket) {

        public long id() {
            return session.id();
        }
    }

    private final Map<Integer, Entry> clients = new ConcurrentHashMap<>();

    /** Records a client accepted on {@code listener}; it is forgotten when its session closes. */
    public void add(ClientSession session, Listener listener) {
        Path socket = listener instanceof UnixListener u ? u.path() : null;
        clients.put(session.id(), new Entry(session, transportOf(listener),
                System.currentTimeMillis() / 1000, socket));
        session.onClose(gone -> clients.remove(gone.id()));
    }

    /** The transport of the clients a listener accepts. */
    static ClientTransport transportOf(Listener listener) {
        if (listener instanceof TlsListener) {
            return ClientTransport.TLS;
        }
        return listener instanceof TcpListener ? ClientTransport.TCP : ClientTransport.UNIX;
    }

    /** The clients still connected, oldest first (libvirt lists them in the order they came). */
    public List<Entry> list() {
        return clients.values().stream().filter(e -> !e.session().isClosed())
                .sorted(Comparator.comparingLong(Entry::id)).toList();
    }

    public Optional<Entry> find(long id) {
        if (id < 0 || id > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        Entry e = clients.get((int) id);
        return e == null || e.session().isClosed() ? Optional.empty() : Optional.of(e);
    }

    public int size() {
        return list().size();
    }
}
