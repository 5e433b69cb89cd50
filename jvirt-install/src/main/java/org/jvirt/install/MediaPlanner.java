package org.jvirt.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.Connect;
import org.jvirt.StoragePool;
import org.jvirt.install.InstallRequest.InstallMethod;
import org.jvirt.install.InstallRequest.UnattendedSpec;
import org.jvirt.install.media.CloudInitData;
import org.jvirt.install.media.Cpio;
import org.jvirt.install.media.Iso9660;
import org.jvirt.install.media.SeedIso;
import org.jvirt.install.os.OsCatalog.MediaMatch;
import org.jvirt.install.os.OsFacts;
import org.jvirt.install.storage.Pools;

/**
 * Plans the media an install makes: the install kernel and initrd taken from a --location ISO or tree (with an
 * unattended script appended to the initrd), a NoCloud seed ISO for --cloud-init, an ISO holding the unattended
 * script for --cdrom installs. Each becomes a volume in the default pool, named after the guest; the bytes are
 * produced only when {@link Provisioner} installs.
 */
final class MediaPlanner {
    /** Where distributions keep their install kernel and initrd, tried when osinfo does not say. */
    private static final List<String[]> KNOWN_KERNELS = List.of(
            new String[] {"install.amd/vmlinuz", "install.amd/initrd.gz"},
            new String[] {"images/pxeboot/vmlinuz", "images/pxeboot/initrd.img"},
            new String[] {"casper/vmlinuz", "casper/initrd"},
            new String[] {"boot/x86_64/loader/linux", "boot/x86_64/loader/initrd"},
            new String[] {"isolinux/vmlinuz", "isolinux/initrd.img"},
            new String[] {"boot/vmlinuz", "boot/initrd.img"});

    private final Connect conn;
    private final InstallRequest req;
    private final OsFacts os;
    private final MediaMatch detected;

    /**
     * The planned media.
     *
     * @param kernel     the install kernel's host path, or null
     * @param initrd     the install initrd's host path, or null
     * @param kernelArgs the install kernel's command line, or null
     * @param seedPath   the seed / unattended ISO's host path, or null
     * @param steps      what to make and upload
     * @param warnings   virt-install's warnings on the way
     * @param generatedPassword the root password root-password-generate made, or null
     */
    record Result(String kernel, String initrd, String kernelArgs, String seedPath, List<MediaStep> steps,
            List<String> warnings, String generatedPassword) {}

    MediaPlanner(Connect conn, InstallRequest req, OsFacts os, MediaMatch detected) {
        this.conn = conn;
        this.req = req;
        this.os = os;
        this.detected = detected;
    }

    Result plan(InstallMethod method, String arch) {
        List<MediaStep> steps = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String dir = poolDir();
        String kernel = null;
        String initrd = null;
        String args = null;
        String seed = null;
        String password = null;
        OsFacts.InstallScript script = null;
        if (req.unattended() != null) {
            script = script(req.unattended(), arch, warnings);
        }
        if (method instanceof InstallMethod.Location loc) {
            String[] paths = kernelPaths(loc);
            String kName = "virtinst-" + req.name() + "-" + baseName(paths[0]);
            String iName = "virtinst-" + req.name() + "-" + baseName(paths[1]);
            kernel = dir + "/" + kName;
            initrd = dir + "/" + iName;
            Path source = loc.source();
            steps.add(new MediaStep(Pools.DEFAULT, kName, kernel, out -> extract(source, paths[0], out)));
            OsFacts.InstallScript injected = script;
            steps.add(new MediaStep(Pools.DEFAULT, iName, initrd, out -> {
                extract(source, paths[1], out);
                if (injected != null) {
                    Cpio.append(out, Map.of(injected.fileName(), injected.content().getBytes(StandardCharsets.UTF_8)));
                }
            }));
            List<String> parts = new ArrayList<>();
            if (script != null && script.kernelArgs() != null && !script.kernelArgs().isEmpty()) {
                parts.add(script.kernelArgs());
            }
            if (req.extraArgs() != null && !req.extraArgs().isEmpty()) {
                parts.add(req.extraArgs());
            }
            args = parts.isEmpty() ? null : String.join(" ", parts);
        } else if (req.extraArgs() != null) {
            throw InstallErrors.invalid("Kernel arguments are only supported with location or kernel installs.");
        }
        if (script != null && !(method instanceof InstallMethod.Location)) {
            if (!os.isWindows()) {
                warnings.add("Attempting unattended method=cdrom injection for a non-windows OS. If this doesn't "
                        + "work, try passing install media to --location");
            }
            String name = "virtinst-" + req.name() + "-unattended.iso";
            seed = dir + "/" + name;
            OsFacts.InstallScript s = script;
            steps.add(new MediaStep(Pools.DEFAULT, name, seed, out -> SeedIso.build(out,
                    Map.of(s.fileName(), s.content().getBytes(StandardCharsets.UTF_8)), null)));
        } else if (req.cloudInit() != null && script == null) {
            String name = "virtinst-" + req.name() + "-cloudinit.iso";
            seed = dir + "/" + name;
            CloudInitData data;
            try {
                data = CloudInitData.of(req.cloudInit());
            } catch (IOException e) {
                throw InstallErrors.invalid("Unable to read --cloud-init file: %s", e.getMessage());
            }
            password = data.generatedPassword();
            steps.add(new MediaStep(Pools.DEFAULT, name, seed, out -> SeedIso.build(out, data.files(),
                    SeedIso.CIDATA)));
        }
        return new Result(kernel, initrd, args, seed, steps, warnings, password);
    }

    /** The host's time zone, from /etc/localtime's link, as virt-install takes it. */
    private static Optional<String> timezone() {
        try {
            String link = Path.of("/etc/localtime").toRealPath().toString();
            int at = link.indexOf("zoneinfo/");
            return at < 0 ? Optional.empty() : Optional.of(link.substring(at + "zoneinfo/".length()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private OsFacts.InstallScript script(UnattendedSpec u, String arch, List<String> warnings) {
        Map<String, String> config = new LinkedHashMap<>();
        try {
            if (u.adminPasswordFile() != null) {
                config.put("admin-password", firstLine(u.adminPasswordFile()));
            }
            if (u.userPasswordFile() != null) {
                config.put("user-password", firstLine(u.userPasswordFile()));
            }
        } catch (IOException e) {
            throw InstallErrors.invalid("Unable to read password file: %s", e.getMessage());
        }
        // virt-install's _make_installconfig: the user is the host's (never root), the disk the OS's first
        String login = u.userLogin() != null ? u.userLogin() : System.getProperty("user.name");
        if (login != null) {
            login = login.toLowerCase(java.util.Locale.ROOT);
            if (login.equals("root")) {
                if (u.userLogin() != null) {
                    throw InstallErrors.invalid("%s cannot use 'root' as user-login.", os.shortId());
                }
            } else {
                config.put("user-login", login);
                config.put("user-realname", login);
            }
        }
        config.put("target-disk", os.isWindows() ? "C"
                : os.supports(org.jvirt.install.os.OsDevice.VIRTIO_DISK) ? "/dev/vda" : "/dev/sda");
        config.put("hardware-arch", arch);
        config.put("hostname", req.name().replaceAll("[{|}~\\[\\]^':; <=>?@!\"#$%`()+/.,*&]", "-"));
        timezone().ifPresent(tz -> config.put("l10n-timezone", tz));
        if (u.productKey() != null) {
            config.put("reg-product-key", u.productKey());
        }
        List<String> profiles = os.installScriptProfiles().stream().sorted().toList();
        if (profiles.isEmpty()) {
            throw InstallErrors.invalid("OS '%s' does not support unattended installation.", os.shortId());
        }
        String profile = u.profile();
        if (profile == null) {
            profile = profiles.contains("desktop") ? "desktop" : profiles.get(0);
            warnings.add("Using unattended profile '" + profile + "'");
        } else if (!profiles.contains(profile)) {
            throw InstallErrors.invalid("OS '%s' does not support unattended installation for the '%s' profile. "
                    + "Available profiles: %s", os.shortId(), profile, String.join(", ", profiles));
        }
        Optional<OsFacts.InstallScript> s = os.installScript(profile, config);
        return s.orElseThrow(() -> InstallErrors.invalid(
                "OS '%s' does not support unattended installation.", os.shortId()));
    }

    private static String firstLine(Path p) throws IOException {
        String s = Files.readString(p);
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).replace("\r", "");
    }

    /** The kernel and initrd inside the location: given, from osinfo's media, or where distributions put them. */
    private String[] kernelPaths(InstallMethod.Location loc) {
        if (loc.kernel() != null && loc.initrd() != null) {
            return new String[] {loc.kernel(), loc.initrd()};
        }
        if (detected != null && detected.kernel() != null && detected.initrd() != null) {
            return new String[] {detected.kernel(), detected.initrd()};
        }
        for (String[] k : KNOWN_KERNELS) {
            if (present(loc.source(), k[0]) && present(loc.source(), k[1])) {
                return k;
            }
        }
        throw InstallErrors.invalid("Error validating install location: Could not find an installable distribution "
                + "at URL '%s'\n\nThe location must be the root directory of an install tree.\nSee virt-install "
                + "man page for various distro examples.", loc.source());
    }

    private static boolean present(Path source, String inner) {
        try {
            if (Files.isDirectory(source)) {
                return Files.isRegularFile(resolveInside(source, inner));
            }
            try (Iso9660 iso = Iso9660.open(source)) {
                return iso.find(inner).filter(e -> !e.directory()).isPresent();
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static void extract(Path source, String inner, Path out) throws IOException {
        if (Files.isDirectory(source)) {
            Files.copy(resolveInside(source, inner), out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (Iso9660 iso = Iso9660.open(source); OutputStream o = Files.newOutputStream(out)) {
            Iso9660.Entry e = iso.find(inner).filter(x -> !x.directory())
                    .orElseThrow(() -> new IOException("'" + inner + "' is not in " + source));
            iso.copy(e, o);
        }
    }

    /** A path inside a tree; never outside it. */
    private static Path resolveInside(Path tree, String inner) throws IOException {
        Path p = tree.resolve(inner.replaceAll("^/+", "")).normalize();
        if (!p.startsWith(tree.normalize())) {
            throw new IOException("path '" + inner + "' leaves the install tree");
        }
        return p;
    }

    private static String baseName(String inner) {
        String s = inner.replaceAll("/+$", "");
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private String poolDir() {
        Optional<StoragePool> pool = Pools.lookupDefault(conn);
        String t = pool.map(Pools::targetPath).orElse(null);
        return t != null ? t : Pools.defaultPath(conn);
    }
}
