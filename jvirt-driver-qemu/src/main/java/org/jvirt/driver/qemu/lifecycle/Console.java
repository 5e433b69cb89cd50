package org.jvirt.driver.qemu.lifecycle;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.chardev.ChardevState;
import org.jvirt.driver.qemu.chardev.PtyChannel;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.spi.StreamBackend;
import org.jvirt.xml.domain.CharDeviceXml;
import org.jvirt.xml.domain.DomainXml;

/**
 * virDomainOpenConsole: a guest's serial port as a {@link Stream}. QEMU tells where the port's backend is
 * ({@code query-chardev}): a pty (libvirt's default, which QEMU already put in raw mode) is opened directly, a
 * listening unix socket is connected to. One session per port, as libvirt: a second needs FORCE and ends the
 * first.
 */
public final class Console {

    /** VIR_DOMAIN_CONSOLE_FORCE */
    public static final int FORCE = 1;
    /** VIR_DOMAIN_CONSOLE_SAFE */
    public static final int SAFE = 2;

    private final Map<DomainRun, Map<String, Backend>> open = new WeakHashMap<>();

    public void open(DomainObj dom, String devName, Stream stream, int flags) {
        if ((flags & ~(FORCE | SAFE)) != 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x%x) in function qemuDomainOpenConsole", flags & ~(FORCE | SAFE));
        }
        DomainRun run = dom.requireRun();
        CharDeviceXml chr;
        synchronized (dom) {
            chr = find(run.liveDef(), devName);
        }
        String alias = chr.alias();
        String type = chr.type() == null ? "pty" : chr.type();
        if (!type.equals("pty") && !(type.equals("unix") && "bind".equals(chr.sourceAttr(null, "mode")))) {
            // libvirt takes a pty only; a unix socket QEMU listens on is connected to as well
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "character device %s is not using a PTY", devName != null ? devName : alias);
        }
        String where = null;
        ChardevState.Backend backend = ChardevState.query(run.process().monitor()).get("char" + alias);
        if (backend != null) {
            where = backend.filename();
        }
        if (where == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "cannot find character device %s",
                    devName == null ? "<null>" : devName);
        }
        ByteChannel in;
        ByteChannel out;
        try {
            if (where.startsWith("pty:")) {
                PtyChannel pty = new PtyChannel(Path.of(where.substring(4)));
                in = pty;
                out = pty;
            } else if (where.startsWith("unix:") && where.contains("server")) {
                String path = where.substring(5, where.indexOf(',') > 0 ? where.indexOf(',') : where.length());
                SocketChannel s = SocketChannel.open(StandardProtocolFamily.UNIX);
                s.connect(UnixDomainSocketAddress.of(path));
                in = s;
                out = s;
            } else {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                        "character device %s is not using a PTY", alias);
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                    "Unable to open console %s (%s): %s", alias, where, e.getMessage());
        }
        Backend b = new Backend(in, out);
        synchronized (open) {
            Map<String, Backend> mine = open.computeIfAbsent(run, r -> new java.util.HashMap<>());
            Backend old = mine.get(alias);
            if (old != null && old.isOpen()) {
                if ((flags & FORCE) == 0) {
                    b.abort();
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED,
                            "Active console session exists for this domain");
                }
                old.abort();
            }
            mine.put(alias, b);
        }
        stream.attach(b);
        run.stopped().thenRun(b::abort); // the guest is gone: so is its console
    }

    /**
     * The device asked for, as libvirt's qemuDomainOpenConsole finds it: by alias among consoles, serial and
     * parallel ports, or without a name the first console, else the first serial port. A console that is the
     * serial port carries that port's alias, so {@code serial0} finds it either way.
     */
    static CharDeviceXml find(DomainXml live, String devName) {
        List<CharDeviceXml> candidates = new ArrayList<>(live.devices().consoles());
        candidates.addAll(live.devices().serials());
        if (devName == null) {
            if (!candidates.isEmpty() && candidates.get(0).alias() != null) {
                return candidates.get(0);
            }
        } else {
            candidates.addAll(live.devices().parallels());
            for (CharDeviceXml c : candidates) {
                if (devName.equals(c.alias())) {
                    return c;
                }
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "cannot find character device %s",
                devName == null ? "<null>" : devName);
    }

    /** The stream's driver end over the port's channel. */
    private static final class Backend implements StreamBackend {
        private final ByteChannel in;
        private final ByteChannel out;

        Backend(ByteChannel in, ByteChannel out) {
            this.in = in;
            this.out = out;
        }

        boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public int recv(byte[] buf, int off, int len, boolean stopAtHole) {
            try {
                int n = in.read(ByteBuffer.wrap(buf, off, len));
                return Math.max(n, 0);
            } catch (IOException e) {
                return 0; // closed, or the pty's other end went away (EIO): the end of the stream
            }
        }

        @Override
        public void send(byte[] buf, int off, int len) {
            ByteBuffer b = ByteBuffer.wrap(buf, off, len);
            try {
                while (b.hasRemaining()) {
                    out.write(b);
                }
            } catch (IOException e) {
                throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.RPC, "cannot write to console: %s",
                        e.getMessage());
            }
        }

        @Override
        public void finish() {
            abort();
        }

        @Override
        public void abort() {
            for (ByteChannel c : in == out ? new ByteChannel[] {in} : new ByteChannel[] {in, out}) {
                try {
                    c.close(); // also wakes a reader blocked on the channel
                } catch (IOException ignored) {
                    // closing is all that is left
                }
            }
        }
    }
}
