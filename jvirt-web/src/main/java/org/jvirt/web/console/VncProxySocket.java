package org.jvirt.web.console;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The browser's websocket relayed to the guest's VNC server, byte for byte (noVNC speaks RFB itself): binary
 * messages go to the TCP (or unix) socket, what the server sends comes back as binary messages, each sent after
 * the previous one completed so a slow browser slows the relay rather than filling memory.
 */
public final class VncProxySocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = Logger.getLogger(VncProxySocket.class.getName());
    private static final int CHUNK = 64 * 1024;

    private final SocketAddress target;
    private final Runnable onClose;
    private volatile SocketChannel vnc;
    private volatile Session session;

    public VncProxySocket(SocketAddress target, Runnable onClose) {
        this.target = target;
        this.onClose = onClose;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
        try {
            vnc = SocketChannel.open(target);
        } catch (IOException e) {
            s.close(1011, "cannot reach the VNC server: " + e.getMessage(), Callback.NOOP);
            return;
        }
        Thread.ofVirtual().name("vnc-proxy").start(this::fromServer);
    }

    private void fromServer() {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        try {
            while (vnc.read(buf) >= 0) {
                buf.flip();
                if (buf.hasRemaining()) {
                    ByteBuffer out = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
                    Callback.Completable done = new Callback.Completable();
                    session.sendBinary(out, done);
                    done.get();
                }
                buf.clear();
            }
            session.close(1000, "the VNC server closed", Callback.NOOP);
        } catch (Exception e) {
            LOG.log(Level.FINE, "vnc relay ended", e);
            Session s = session;
            if (s != null && s.isOpen()) {
                s.close(1011, "relay failed", Callback.NOOP);
            }
        } finally {
            closeVnc();
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            SocketChannel c = vnc;
            while (payload.hasRemaining()) {
                c.write(payload);
            }
            callback.succeed();
        } catch (IOException | RuntimeException e) {
            callback.fail(e);
            closeVnc();
        }
    }

    @Override
    public void onWebSocketClose(int status, String reason, Callback callback) {
        callback.succeed();
        closeVnc();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closeVnc();
    }

    private synchronized void closeVnc() {
        SocketChannel c = vnc;
        if (c != null && c.isOpen()) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "close", e);
            }
            onClose.run();
        }
    }
}
