package org.jvirt.spi;

/**
 * The driver's end of a {@link org.jvirt.Stream}: what a volume upload/download, a console or a screenshot
 * attaches when it starts. Data flows in libvirt's order; holes (runs of zeros that need not be sent) are
 * reported separately so sparse volumes stay sparse.
 */
public interface StreamBackend {

    /** {@link #recv} returns this when {@code stopAtHole} is set and the stream is at a hole. */
    int HOLE = -3;

    /**
     * Reads up to {@code len} bytes; returns the count, 0 at the end of the stream, or {@link #HOLE}. Blocks until
     * data is available.
     */
    int recv(byte[] buf, int off, int len, boolean stopAtHole);

    /** The length of the hole the stream is at (after recv returned HOLE). */
    default long recvHole() {
        return 0;
    }

    void send(byte[] buf, int off, int len);

    default void sendHole(long length) {
        byte[] zeros = new byte[(int) Math.min(length, 65536)];
        long left = length;
        while (left > 0) {
            int n = (int) Math.min(left, zeros.length);
            send(zeros, 0, n);
            left -= n;
        }
    }

    /** The sender is done: commit what was sent. */
    void finish();

    /** Abandon the transfer. */
    void abort();
}
