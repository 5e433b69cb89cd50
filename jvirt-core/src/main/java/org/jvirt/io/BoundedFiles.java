package org.jvirt.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads a file a client named, with a bound (libvirt's virFileReadAll(path, maxlen)): a path such as
 * {@code /dev/zero} or a huge file costs at most {@code max} bytes and ends in an error, never in an
 * OutOfMemoryError; a FIFO or a device is refused before it is opened, so a read never blocks a thread forever.
 */
public final class BoundedFiles {

    /** libxml2's limit on a text node, libvirt's practical bound on an XML document. */
    public static final int MAX_XML_BYTES = 10_000_000;

    /** Thrown when the file is not a regular file or is longer than allowed; the message names the problem. */
    public static final class TooLargeOrSpecial extends IOException {
        public TooLargeOrSpecial(String message) {
            super(message);
        }
    }

    private BoundedFiles() {
    }

    /** The whole file, at most {@code max} bytes. */
    public static byte[] read(Path file, int max) throws IOException {
        if (!Files.isRegularFile(file)) {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
                throw new java.nio.file.NoSuchFileException(file.toString());
            }
            throw new TooLargeOrSpecial("not a regular file");
        }
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ)) {
            byte[] buf = new byte[(int) Math.min(max + 1L, Math.max(4096, Math.min(Files.size(file) + 1, max + 1L)))];
            int have = 0;
            while (true) {
                if (have == buf.length) {
                    if (have > max) {
                        throw new TooLargeOrSpecial("file is larger than " + max + " bytes");
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(max + 1L, (long) buf.length * 2));
                }
                int n = in.read(buf, have, buf.length - have);
                if (n < 0) {
                    break;
                }
                have += n;
            }
            if (have > max) {
                throw new TooLargeOrSpecial("file is larger than " + max + " bytes");
            }
            return Arrays.copyOf(buf, have);
        }
    }

    /** The whole file as UTF-8 text, at most {@code max} bytes. */
    public static String readString(Path file, int max) throws IOException {
        return new String(read(file, max), java.nio.charset.StandardCharsets.UTF_8);
    }
}
