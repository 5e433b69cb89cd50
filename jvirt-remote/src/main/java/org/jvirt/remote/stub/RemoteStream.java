package org.jvirt.remote.stub;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.remote.client.StreamChannel;
import org.jvirt.rpc.stream.StreamPacket;
import org.jvirt.spi.StreamBackend;

/**
 * A {@link org.jvirt.Stream}'s far end on a daemon: reads what the server streams (data, holes, end), sends data
 * and holes, finishes and aborts, as libvirt's virNetClientStream does. Holes are passed on only to a reader that
 * asked to stop at them; for a plain reader they read as zeros, so a sparse download is never silently shorter.
 */
final class RemoteStream implements StreamBackend {

    private final StreamChannel channel;
    private final boolean sparse;
    private byte[] chunk;       // data received and not yet read
    private int chunkPos;
    private long hole;          // bytes of hole not yet read
    private boolean eof;

    /** @param sparse whether the opening call carried the sparse-stream flag (holes may be sent) */
    RemoteStream(StreamChannel channel, boolean sparse) {
        this.channel = channel;
        this.sparse = sparse;
    }

    @Override
    public synchronized int recv(byte[] buf, int off, int len, boolean stopAtHole) {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (chunk != null && chunkPos < chunk.length) {
                int n = Math.min(len, chunk.length - chunkPos);
                System.arraycopy(chunk, chunkPos, buf, off, n);
                chunkPos += n;
                return n;
            }
            if (hole > 0) {
                if (stopAtHole) {
                    return HOLE;
                }
                int n = (int) Math.min(len, hole);
                java.util.Arrays.fill(buf, off, off + n, (byte) 0);
                hole -= n;
                return n;
            }
            if (eof) {
                return 0;
            }
            StreamPacket p = channel.take();
            switch (p) {
                case StreamPacket.Data d when d.isEof() -> eof = true;
                case StreamPacket.Data d -> {
                    chunk = d.bytes();
                    chunkPos = 0;
                }
                case StreamPacket.Hole h -> hole += h.hole().length();
                case StreamPacket.Finish f -> eof = true;
                default -> throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.RPC,
                        "Unexpected stream packet %s", p);
            }
        }
    }

    @Override
    public synchronized long recvHole() {
        long h = hole;
        hole = 0;
        return h;
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        channel.sendData(buf, off, len);
    }

    @Override
    public void sendHole(long length) {
        if (!sparse) {
            // without the flag libvirtd rejects holes ("Unexpected stream hole"): send the zeros instead
            StreamBackend.super.sendHole(length);
            return;
        }
        channel.sendHole(length);
    }

    @Override
    public void finish() {
        channel.finish();
    }

    @Override
    public void abort() {
        channel.abort();
    }
}
