package org.jvirt.install.media;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Appends files to an initrd the way virt-install does (find | cpio -o -H newc --owner=root:root | gzip >>
 * initrd): the kernel unpacks concatenated archives in turn, so the injected files land in the initramfs' root.
 */
public final class Cpio {
    private Cpio() {
    }

    /** Appends a gzip'd newc archive holding {@code files} (name in the root, content) to {@code initrd}. */
    public static void append(Path initrd, Map<String, byte[]> files) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(initrd, StandardOpenOption.APPEND))) {
            int ino = 1;
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                if (f.getKey().contains("/") || f.getKey().equals("..")) {
                    throw new IOException("injected file name must be a plain name: " + f.getKey());
                }
                entry(out, f.getKey(), 0100644, f.getValue(), ino++);
            }
            entry(out, "TRAILER!!!", 0, new byte[0], 0);
        }
    }

    private static void entry(OutputStream out, String name, int mode, byte[] data, int ino) throws IOException {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        String header = "070701" + hex(ino) + hex(mode) + hex(0) + hex(0) + hex(1) + hex(0) + hex(data.length)
                + hex(0) + hex(0) + hex(0) + hex(0) + hex(nameBytes.length) + hex(0);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(nameBytes);
        pad(out, 110 + nameBytes.length);
        out.write(data);
        pad(out, data.length);
    }

    private static void pad(OutputStream out, long written) throws IOException {
        int p = (int) ((4 - written % 4) % 4);
        out.write(new byte[p]);
    }

    private static String hex(long v) {
        return String.format("%08X", v);
    }
}
