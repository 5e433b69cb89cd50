package org.jvirt.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.Connect;
import org.jvirt.install.InstallRequest.InstallMethod;
import org.jvirt.install.InstallRequest.UnattendedSpec;
import org.jvirt.install.media.CloudInitData;
import org.jvirt.install.media.Cpio;
import org.jvirt.install.media.SeedIso;
import org.jvirt.install.os.OsCatalog;
import org.jvirt.install.os.OsFacts;
import org.jvirt.install.storage.Pools;
import org.jvirt.install.tree.TreeDetection.KernelPair;
import org.jvirt.install.tree.TreeSource;

/**
 * Plans the media an install makes: the install kernel and initrd taken from a --location ISO, directory or URL
 * (with an unattended script appended to the initrd), a NoCloud seed ISO for --cloud-init, an ISO holding the
 * unattended script for --cdrom installs. Each becomes a volume in the scratch pool ({@code boot-scratch} at
 * /var/lib/libvirt/boot, as virt-install's), named as virt-install names its temporary files
 * ({@code virtinst-XXXXXXXX-vmlinuz}); the bytes are produced only when {@link Provisioner} installs.
 */
final class MediaPlanner {
    /** Python's tempfile name characters: virt-install's generated files are named with eight of them. */
    private static final String TEMP_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_";

    private final Connect conn;
    private final InstallRequest req;
    private final OsFacts os;
    private final TreeLocator.Located tree;

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

    MediaPlanner(Connect conn, InstallRequest req, OsFacts os, TreeLocator.Located tree) {
        this.conn = conn;
        this.req = req;
        this.os = os;
        this.tree = tree;
    }

    Result plan(InstallMethod method, String arch, OsCatalog catalog) {
        List<MediaStep> steps = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String pool = Pools.scratchPoolName(conn);
        String dir = scratchDir();
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
            TreeSource source = tree.source();
            KernelPair pair = tree.kernel();
            String kName = tempName(TreeSource.baseName(pair.kernel()));
            String iName = tempName(TreeSource.baseName(pair.initrd()));
            kernel = dir + "/" + kName;
            initrd = dir + "/" + iName;
            steps.add(new MediaStep(pool, kName, kernel, (out, progress) -> source.copy(pair.kernel(), out,
                    progress)));
            OsFacts.InstallScript injected = script;
            steps.add(new MediaStep(pool, iName, initrd, (out, progress) -> {
                source.copy(pair.initrd(), out, progress);
                if (injected != null) {
                    Cpio.append(out, Map.of(injected.fileName(), injected.content().getBytes(StandardCharsets.UTF_8)));
                }
            }));
            // virt-install's _prepare_kernel_args: the user's --extra-args, then the unattended script's command
            // line, or for a network tree the OS's argument naming it
            List<String> parts = new ArrayList<>();
            if (req.extraArgs() != null && !req.extraArgs().isEmpty()) {
                parts.add(req.extraArgs());
            }
            if (script != null) {
                if (script.kernelArgs() != null && !script.kernelArgs().isEmpty()) {
                    parts.add(script.kernelArgs());
                }
            } else if (tree.isNetwork()) {
                OsFacts urlOs = tree.detected() != null ? catalog.find(tree.detected()).orElse(os) : os;
                String urlArg = urlOs.kernelUrlArgument();
                if (urlArg != null) {
                    parts.add(urlArg + "=" + loc.source());
                }
            }
            args = parts.isEmpty() ? null : String.join(" ", parts);
            if (tree.isDirectory() && args == null) {
                warnings.add("Directory tree installs typically do not work unless extra kernel args are passed "
                        + "to point the installer at a network accessible install tree.");
            }
        } else if (req.extraArgs() != null) {
            throw InstallErrors.invalid("Kernel arguments are only supported with location or kernel installs.");
        }
        if (script != null && !(method instanceof InstallMethod.Location)) {
            if (!os.isWindows()) {
                warnings.add("Attempting unattended method=cdrom injection for a non-windows OS. If this doesn't "
                        + "work, try passing install media to --location");
            }
            String name = tempName("unattended.iso");
            seed = dir + "/" + name;
            OsFacts.InstallScript s = script;
            steps.add(new MediaStep(pool, name, seed, (out, progress) -> SeedIso.build(out,
                    Map.of(s.fileName(), s.content().getBytes(StandardCharsets.UTF_8)), null)));
        } else if (req.cloudInit() != null && script == null) {
            String name = tempName("cloudinit.iso");
            seed = dir + "/" + name;
            CloudInitData data;
            try {
                data = CloudInitData.of(req.cloudInit());
            } catch (IOException e) {
                throw InstallErrors.invalid("Unable to read --cloud-init file: %s", e.getMessage());
            }
            password = data.generatedPassword();
            steps.add(new MediaStep(pool, name, seed, (out, progress) -> SeedIso.build(out, data.files(),
                    SeedIso.CIDATA)));
        }
        return new Result(kernel, initrd, args, seed, steps, warnings, password);
    }

    /** virt-install's NamedTemporaryFile(prefix="virtinst-", suffix="-" + name): a fresh name for each medium. */
    static String tempName(String name) {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder("virtinst-");
        for (int i = 0; i < 8; i++) {
            sb.append(TEMP_CHARS.charAt(r.nextInt(TEMP_CHARS.length())));
        }
        return sb.append('-').append(name).toString();
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
        // a tree (URL or directory) has no install media: the script installs from the network, from its URL
        boolean network = tree != null && !tree.source().isIso();
        if (network && tree.isNetwork()) {
            config.put("installation-url", tree.source().location());
        }
        Optional<OsFacts.InstallScript> s = os.installScript(profile, config, network,
                req.method() instanceof InstallMethod.Location ? "initrd" : "cdrom");
        return s.orElseThrow(() -> InstallErrors.invalid(
                "OS '%s' does not support unattended installation.", os.shortId()));
    }

    private static String firstLine(Path p) throws IOException {
        String s = Files.readString(p);
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).replace("\r", "");
    }

    /** The scratch pool's directory: the pool's target when it exists, else where it will be made. */
    private String scratchDir() {
        return Pools.lookupScratch(conn).map(Pools::targetPath).orElseGet(() -> Pools.scratchPath(conn));
    }
}
