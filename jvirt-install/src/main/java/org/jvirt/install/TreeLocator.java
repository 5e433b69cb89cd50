package org.jvirt.install;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.jvirt.install.InstallRequest.InstallMethod;
import org.jvirt.install.os.OsCatalog;
import org.jvirt.install.os.OsFacts;
import org.jvirt.install.tree.DistroDetector;
import org.jvirt.install.tree.TreeDetection;
import org.jvirt.install.tree.TreeDetection.KernelPair;
import org.jvirt.install.tree.TreeSource;

/**
 * A --location resolved as virt-install's InstallerTreeMedia resolves it: the tree's source, the distro store that
 * recognised it (and so the OS it holds), and the install kernel and initrd to boot.
 */
final class TreeLocator {
    /** Where distributions keep their kernel and initrd, tried for local media no store recognises. */
    private static final List<KernelPair> KNOWN_KERNELS = List.of(
            new KernelPair("install.amd/vmlinuz", "install.amd/initrd.gz"),
            new KernelPair("images/pxeboot/vmlinuz", "images/pxeboot/initrd.img"),
            new KernelPair("casper/vmlinuz", "casper/initrd"),
            new KernelPair("boot/x86_64/loader/linux", "boot/x86_64/loader/initrd"),
            new KernelPair("isolinux/vmlinuz", "isolinux/initrd.img"),
            new KernelPair("boot/vmlinuz", "boot/initrd.img"));

    /**
     * A located tree.
     *
     * @param source    where its files come from
     * @param detected  the detected OS's short id, or null
     * @param kernel    the kernel and initrd to boot, or null when not yet chosen
     */
    record Located(TreeSource source, String detected, KernelPair kernel) {
        boolean isNetwork() {
            return source.isNetwork();
        }

        boolean isDirectory() {
            return !source.isNetwork() && !source.isIso();
        }
    }

    private TreeLocator() {
    }

    /**
     * Detects the tree (virt-install's detect_distro): with kernel= and initrd= given a tree no store knows is
     * fine; otherwise a URL no store knows fails with virt-install's message. Local media no store knows keep
     * the older fallback of the places distributions use.
     */
    static Located locate(InstallMethod.Location loc, OsCatalog catalog, OsFacts named, String arch) {
        if (loc.source().toLowerCase(java.util.Locale.ROOT).startsWith("ftp://")) {
            throw InstallErrors.unsupported("--location %s: ftp install trees are not supported; use http or https",
                    loc.source());
        }
        TreeSource source = TreeSource.open(loc.source());
        boolean pairGiven = loc.kernel() != null && loc.initrd() != null;
        if ((loc.kernel() == null) != (loc.initrd() == null)) {
            throw InstallErrors.invalid("location kernel/initrd must be be specified as a pair");
        }
        DistroDetector detector = new DistroDetector(source, catalog, arch);
        Optional<TreeDetection> found = detector.detect(named);
        List<KernelPair> pairs;
        if (pairGiven) {
            pairs = List.of(new KernelPair(loc.kernel(), loc.initrd()));
        } else if (found.isPresent()) {
            pairs = found.get().kernelPairs();
        } else if (source.isNetwork()) {
            throw InstallErrors.invalid("Error validating install location: %s", detector.notFoundMessage());
        } else {
            pairs = KNOWN_KERNELS;
        }
        // local media no store knows may still have been identified by osinfo (live media without kernel paths)
        String detected = found.map(TreeDetection::osName).orElseGet(detector::libosinfoGuess);
        for (KernelPair p : pairs) {
            if (source.hasFile(p.kernel()) && source.hasFile(p.initrd())) {
                return new Located(source, detected, p);
            }
        }
        if (!source.isNetwork() && found.isEmpty() && !pairGiven) {
            throw InstallErrors.invalid("Error validating install location: %s", detector.notFoundMessage());
        }
        throw InstallErrors.failed("Couldn't find kernel for install tree.");
    }

    /** Whether a --location names a local ISO image (attached as the install CD-ROM too). */
    static boolean isLocalIso(InstallMethod.Location loc) {
        return !loc.isUrl() && Files.isRegularFile(Path.of(loc.source()));
    }
}
