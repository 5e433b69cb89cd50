package org.jvirt.web.console;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.Stream;

/**
 * The guest's serial console (virDomainOpenConsole on a stream) bridged to a websocket for xterm.js: what the
 * guest prints goes out as binary messages, what the user types (text or binary) goes in. The console is taken
 * over from any other session, as {@code virsh console --force} does.
 */
public final class SerialSocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = Logger.getLogger(SerialSocket.class.getName());

    private final Connect conn;
    private final String domain;
    private final Runnable onClose;
    private volatile Stream stream;
    private volatile Session session;

    public SerialSocket(Connect conn, String domain, Runnable onClose) {
        this.conn = conn;
        this.domain = domain;
        this.onClose = onClose;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        try {
            Domain d = conn.domainLookupByName(domain);
            Stream st = conn.newStream();
            d.openConsole(null, st, true);
            stream = st;
        } catch (RuntimeException e) {
            s.close(1011, String.valueOf(e.getMessage()), Callback.NOOP);
            return;
        }
        Thread.ofVirtual().name("serial-console").start(this::fromGuest);
    }

    private void fromGuest() {
        byte[] buf = new byte[16 * 1024];
        try {
            int n;
            while ((n = stream.recv(buf, 0, buf.length)) > 0) {
                Callback.Completable done = new Callback.Completable();
                session.sendBinary(ByteBuffer.wrap(buf, 0, n).duplicate(), done);
                done.get();
            }
            session.close(1000, "the console ended", Callback.NOOP);
        } catch (Exception e) {
            LOG.log(Level.FINE, "serial console ended", e);
            Session s = session;
            if (s != null && s.isOpen()) {
                s.close(1011, "console failed", Callback.NOOP);
            }
        } finally {
            closeStream();
        }
    }

    @Override
    public void onWebSocketText(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        send(b);
        callback.succeed();
    }

    private void send(byte[] b) {
        Stream st = stream;
        if (st != null) {
            try {
                st.send(b, 0, b.length);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "console input", e);
                closeStream();
            }
        }
    }

    @Override
    public void onWebSocketClose(int status, String reason, Callback callback) {
        callback.succeed();
        closeStream();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closeStream();
    }

    private synchronized void closeStream() {
        Stream st = stream;
        stream = null;
        if (st != null) {
            try {
                st.abort();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "abort", e);
            }
            onClose.run();
        }
    }
}
