package org.jvirt.install.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jvirt.Connect;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.install.Progress;

/**
 * Puts a file made on the client (seed ISO, install kernel) into a pool as a raw volume through a stream upload,
 * so that it reaches the host whatever the connection: local, jvirtd or a remote libvirtd.
 */
public final class Uploader {
    private static final int CHUNK = 256 * 1024;

    private Uploader() {
    }

    /** Creates volume {@code name} in {@code pool} with {@code file}'s bytes; deletes it again on failure. */
    public static StorageVol upload(Connect conn, StoragePool pool, String name, Path file, Progress progress)
            throws IOException {
        long size = Files.size(file);
        VolumePlan plan = new VolumePlan(pool.getName(), name, null, size, "raw", null, null);
        StorageVol vol = pool.storageVolCreateXML(plan.toXml());
        progress.start("Transferring " + file.getFileName(), size);
        boolean ok = false;
        try (InputStream in = Files.newInputStream(file)) {
            Stream st = conn.newStream();
            vol.upload(st, 0, size);
            try {
                byte[] buf = new byte[CHUNK];
                long done = 0;
                int r;
                while ((r = in.read(buf)) > 0) {
                    int off = 0;
                    while (off < r) {
                        off += st.send(buf, off, r - off);
                    }
                    done += r;
                    progress.update(done);
                }
                st.finish();
                progress.end(done);
                ok = true;
            } finally {
                if (!ok) {
                    st.abort();
                }
            }
            return vol;
        } finally {
            if (!ok) {
                try {
                    vol.delete();
                } catch (VirtException ignored) {
                    // the upload's own error is the one to report
                }
            }
        }
    }
}
