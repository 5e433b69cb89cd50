package org.jvirt.driver.storage.backend;

import java.io.IOException;
import java.io.RandomAccessFile;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * virStorageBackendZeroPartitionTable: the first and the last MiB of a device zeroed, where partition tables (GPT
 * keeps a copy at the end) and volume-manager labels live, before a new label or PV is written.
 */
final class DeviceBlanks {

    private static final int MIB = 1 << 20;

    private DeviceBlanks() {
    }

    static void zeroEnds(String dev) {
        try (RandomAccessFile f = new RandomAccessFile(dev, "rw")) {
            long len = f.length();
            byte[] zeros = new byte[(int) Math.min(MIB, len == 0 ? MIB : len)];
            f.seek(0);
            f.write(zeros);
            if (len > MIB) {
                f.seek(len - zeros.length);
                f.write(zeros);
            }
            f.getFD().sync();
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.SYSTEM_ERROR, "cannot write to '%s': %s", dev,
                    e.getMessage());
        }
    }
}
