package org.jvirt.install.tree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.jvirt.install.Progress;

/**
 * Where a {@code --location} tree's files come from: a local directory, an ISO image, or an http/https URL
 * (virt-install's fetchers). Paths are relative to the tree's root ("images/pxeboot/vmlinuz").
 */
public interface TreeSource {
    /** Text files read during detection (.treeinfo, MANIFEST) are small; a bound keeps a hostile tree in check. */
    long MAX_TEXT_BYTES = 1024 * 1024;

    /** The location as the user gave it (virt-install's messages quote it). */
    String location();

    /** An ISO image (virt-install's Debian store picks CD paths for these). */
    boolean isIso();

    /** A network URL: its kernel is told where the tree is (osinfo's kernel URL argument). */
    boolean isNetwork();

    /** Whether the tree has the file (an http HEAD that succeeds). */
    boolean hasFile(String rel);

    /** A small text file's content, or empty when it cannot be had (missing, unreadable, too large). */
    Optional<String> text(String rel);

    /** Copies file {@code rel} to {@code out}, reporting progress ("Retrieving 'vmlinuz'"). */
    void copy(String rel, Path out, Progress progress) throws IOException;

    /** Whether the location itself answers (virt-install's "maybe you mistyped?" hint when it does not). */
    default boolean canAccess() {
        return true;
    }

    /** Whether {@code location} is a network URL virt-install fetches from (http, https, ftp). */
    static boolean isUrl(String location) {
        String l = location.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://") || l.startsWith("ftp://");
    }

    /** The source for {@code location}: a URL, a directory, or else an ISO image (virt-install's fetcherForURI). */
    static TreeSource open(String location) {
        if (isUrl(location)) {
            return new HttpTree(location);
        }
        Path p = Path.of(location);
        return Files.isDirectory(p) ? new DirTree(p) : new IsoTree(p);
    }

    /** The base name of a path inside the tree. */
    static String baseName(String rel) {
        String s = rel.replaceAll("/+$", "");
        return s.substring(s.lastIndexOf('/') + 1);
    }
}
