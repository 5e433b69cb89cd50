package org.jvirt.osinfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Makes small ISO 9660 images with the real xorriso, carrying the identifiers a test wants. */
final class IsoImages {
    static final String XORRISO = "/usr/bin/xorriso";

    private IsoImages() {
    }

    /**
     * An image in {@code dir} with these identifiers (null or empty leaves one unset) and an El Torito boot
     * record (osinfo-detect only names the OS of bootable media), holding {@code files} (name to content).
     */
    static Path make(Path dir, String name, String volumeId, String systemId, String publisher, String appId,
                     Map<String, String> files) throws IOException, InterruptedException {
        Path content = Files.createDirectories(dir.resolve(name + ".d"));
        Files.write(content.resolve("boot.bin"), new byte[2048]);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = content.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        Path iso = dir.resolve(name + ".iso");
        List<String> argv = new ArrayList<>(List.of(XORRISO, "-as", "mkisofs", "-quiet", "-o", iso.toString(),
                "-b", "boot.bin", "-no-emul-boot"));
        add(argv, "-V", volumeId);
        add(argv, "-sysid", systemId);
        add(argv, "-publisher", publisher);
        add(argv, "-A", appId);
        argv.add(content.toString());
        Peers.Result r = Peers.run(argv, Map.of());
        if (r.rc() != 0) {
            throw new IOException("xorriso failed: " + r.err());
        }
        return iso;
    }

    /**
     * Rewrites the publisher identifier of {@code iso}'s primary volume descriptor. xorriso upper-cases it, as
     * ISO 9660's a-characters require, but real media (openSUSE's "SUSE LINUX GmbH") carry mixed case and
     * osinfo-db's patterns expect it.
     */
    static void setPublisher(Path iso, String publisher) throws IOException {
        byte[] field = new byte[128];
        java.util.Arrays.fill(field, (byte) ' ');
        byte[] p = publisher.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(p, 0, field, 0, p.length);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(iso,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(field), 0x8000 + 318);
        }
    }

    private static void add(List<String> argv, String opt, String value) {
        if (value != null && !value.isEmpty()) {
            argv.add(opt);
            argv.add(value);
        }
    }
}
