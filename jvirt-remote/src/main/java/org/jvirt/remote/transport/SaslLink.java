package org.jvirt.remote.transport;

import java.io.IOException;

import org.jvirt.rpc.sasl.SaslFraming;
import org.jvirt.rpc.sasl.SecurityLayer;

/**
 * A plain TCP link that can switch to the security layer SASL negotiated (DIGEST-MD5 or GSSAPI with auth-conf):
 * from {@link #startLayer} on, every byte written is wrapped and every byte read unwrapped through {@link
 * SaslFraming}, as libvirt's virNetSocket does once virNetClientSetSASLSession ran. Only plain TCP gets one:
 * on TLS, ssh and unix sockets libvirt negotiates no layer.
 */
public final class SaslLink implements Link {

    private final Link inner;
    private volatile SaslFraming framing;

    public SaslLink(Link inner) {
        this.inner = inner;
    }

    /** Called once the exchange is complete, before the next call is written. */
    public void startLayer(SecurityLayer layer) {
        framing = new SaslFraming(layer);
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        while (true) {
            SaslFraming f = framing;
            if (f != null && f.hasDecoded()) {
                return f.read(buf, off, len);
            }
            // read straight into the caller's buffer: no copy while there is no layer
            int n = inner.read(buf, off, len);
            if (n <= 0) {
                return n;
            }
            f = framing; // the layer may have started while this read was blocked
            if (f == null) {
                return n;
            }
            f.decode(buf, off, n); // copies the wire bytes out before the buffer is reused
        }
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
        SaslFraming f = framing;
        if (f == null) {
            inner.write(buf, off, len);
        } else {
            byte[] wire = f.encode(buf, off, len);
            inner.write(wire, 0, wire.length);
        }
    }

    @Override
    public boolean encrypted() {
        SaslFraming f = framing;
        return inner.encrypted() || (f != null && f.layer().ssf() > 1);
    }

    @Override
    public boolean secure() {
        return inner.secure() || framing != null;
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
