package org.jvirt.driver.qemu.display;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.spi.StreamBackend;

/**
 * A download stream over an open file (libvirt's virFDStreamOpenFile, read only). The file may already be
 * unlinked: the open channel keeps its data until the stream ends.
 */
final class FileReadStream implements StreamBackend {

    private final FileChannel file;

    FileReadStream(FileChannel file) {
        this.file = file;
    }

    @Override
    public int recv(byte[] buf, int off, int len, boolean stopAtHole) {
        try {
            int n = file.read(ByteBuffer.wrap(buf, off, len));
            if (n <= 0) {
                close();
                return 0;
            }
            return n;
        } catch (IOException e) {
            close();
            throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.SYSTEM_ERROR, "cannot read from stream: %s",
                    e.getMessage());
        }
    }

    @Override
    public void send(byte[] buf, int off, int len) {
        throw VirtException.of(ErrorDomain.STREAMS, ErrorNumber.OPERATION_INVALID,
                "cannot write to stream: Bad file descriptor");
    }

    @Override
    public void finish() {
        close();
    }

    @Override
    public void abort() {
        close();
    }

    private void close() {
        try {
            file.close();
        } catch (IOException ignored) {
            // read-only: nothing is lost
        }
    }
}
