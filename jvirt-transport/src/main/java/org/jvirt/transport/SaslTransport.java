package org.jvirt.transport;

import java.io.IOException;
import java.util.Optional;

import jdk.net.UnixDomainPrincipal;
import org.jvirt.rpc.sasl.SaslFraming;
import org.jvirt.rpc.sasl.SecurityLayer;

/**
 * A transport that can switch to the security layer SASL negotiated (DIGEST-MD5 or GSSAPI with auth-conf):
 * from then on every byte written is wrapped and every byte read unwrapped through {@link SaslFraming}, as
 * libvirt's virNetSocket does once a SASL session is set. Both sides use it; they differ only in when writing
 * switches: the client ({@link #startLayer}) wraps from its next call on, the daemon ({@link #armLayer}) still
 * sends the reply that completes the authentication in the clear, as virNetServerClient does.
 */
public final class SaslTransport implements Transport {

    private final Transport inner;
    private volatile SaslFraming reading;
    private volatile SaslFraming writing;

    public SaslTransport(Transport inner) {
        this.inner = inner;
    }

    /** The client's switch: the exchange is complete, both directions are wrapped from now on. */
    public void startLayer(SecurityLayer layer) {
        SaslFraming f = new SaslFraming(layer);
        reading = f;
        writing = f;
    }

    /**
     * The daemon's switch, in two steps: called by the completing call, it unwraps what the client sends from now
     * on (the client sends nothing until it has the reply) and returns the switch for writes, which the session
     * runs once that reply is on the wire and before anything else is written (its after-send work).
     */
    public Runnable armLayer(SecurityLayer layer) {
        SaslFraming f = new SaslFraming(layer);
        reading = f;
        return () -> writing = f;
    }

    /** The SSF of the layer in force, 0 when none. */
    public int layerSsf() {
        SaslFraming f = reading;
        return f == null ? 0 : f.layer().ssf();
    }

    @Override
    public void prepare() throws IOException {
        inner.prepare();
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        while (true) {
            SaslFraming f = reading;
            if (f != null && f.hasDecoded()) {
                return f.read(buf, off, len);
            }
            // read straight into the caller's buffer: no copy while there is no layer
            int n = inner.read(buf, off, len);
            if (n <= 0) {
                return n;
            }
            f = reading; // the layer may have started while this read was blocked
            if (f == null) {
                return n;
            }
            f.decode(buf, off, n); // copies the wire bytes out before the buffer is reused
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        SaslFraming f = writing;
        if (f == null) {
            inner.write(buf, off, len);
            return;
        }
        byte[] wire = f.encode(buf, off, len);
        inner.write(wire, 0, wire.length);
    }

    /** Secure once a layer protects the bytes, as libvirt counts a connection with a SASL session. */
    @Override
    public boolean isSecure() {
        return inner.isSecure() || reading != null;
    }

    /** Encrypted by the channel (TLS) or by a layer that does more than integrity (SSF above 1). */
    @Override
    public boolean isEncrypted() {
        return inner.isEncrypted() || layerSsf() > 1;
    }

    @Override
    public Optional<String> x509Dn() {
        return inner.x509Dn();
    }

    @Override
    public Optional<UnixDomainPrincipal> unixPeer() {
        return inner.unixPeer();
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public String diagnostics() {
        return inner.diagnostics();
    }

    @Override
    public void close() {
        inner.close();
    }
}
