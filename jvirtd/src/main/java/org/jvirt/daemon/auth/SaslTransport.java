package org.jvirt.daemon.auth;

import java.io.IOException;

import org.jvirt.daemon.net.Transport;
import org.jvirt.rpc.sasl.SaslFraming;

/**
 * A SASL socket's transport: plain until a mechanism negotiated a security layer, then every byte goes through
 * {@link SaslFraming}. As libvirt's virNetServerClient, the reply that completes the authentication still
 * leaves in the clear and wrapping starts with the write after it; reads are decoded from the moment the layer
 * is negotiated (the client sends nothing until it has that reply).
 */
public final class SaslTransport implements Transport {

    private final Transport inner;
    private volatile SaslFraming reading;
    private volatile SaslFraming writing;

    public SaslTransport(Transport inner) {
        this.inner = inner;
    }

    /** Called by the serve function of the completing call: what the client sends from now on is wrapped. */
    void armReading(SaslFraming framing) {
        reading = framing;
    }

    /**
     * Called once the completing reply is on the wire and before anything else is written (the session runs a
     * reply's after-send work while it still holds the right to write): every later write is wrapped.
     */
    void startWriting(SaslFraming framing) {
        writing = framing;
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
            if (n < 0) {
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

    @Override
    public java.util.Optional<String> x509Dn() {
        return inner.x509Dn();
    }

    @Override
    public java.util.Optional<jdk.net.UnixDomainPrincipal> unixPeer() {
        return inner.unixPeer();
    }

    /** Secure once a layer protects the bytes, as libvirt counts a client with a SASL session. */
    @Override
    public boolean isSecure() {
        return inner.isSecure() || reading != null;
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
