package org.jvirt.install.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jvirt.install.os.OsCatalog;
import org.jvirt.install.os.OsCatalog.MediaMatch;
import org.jvirt.install.os.OsFacts;
import org.jvirt.install.tree.TreeDetection.KernelPair;
import org.jvirt.osinfo.TreeInfo;

/**
 * virt-install 4.1's {@code urldetect.getDistroStore}: the stores tried in turn (libosinfo first, then Fedora,
 * RHEL, CentOS, SUSE, Debian, Ubuntu, Mageia, and any .treeinfo last; the store of the OS the user named is tried
 * first), each deciding from the tree's files whether it knows the tree, which OS version it is, and where the
 * install kernel and initrd are.
 */
public final class DistroDetector {
    /** A store: its name, the distros it serves (for --osinfo's priority), and its test. */
    private enum Store {
        LIBOSINFO("Libosinfo detected"), FEDORA("Fedora", "fedora"), RHEL("Red Hat Enterprise Linux", "rhel"),
        CENTOS("CentOS", "centos"), SLES("SLES", "sles"), SLED("SLED", "sled"), OPENSUSE("openSUSE", "opensuse"),
        DEBIAN("Debian", "debian"), UBUNTU("Ubuntu", "ubuntu"), MAGEIA("Mageia", "mageia"),
        GENERIC_TREEINFO("Generic Treeinfo");

        final String pretty;
        final List<String> distros;

        Store(String pretty, String... distros) {
            this.pretty = pretty;
            this.distros = List.of(distros);
        }
    }

    private final TreeSource source;
    private final OsCatalog catalog;
    private final String arch;
    private final Map<String, Optional<String>> files = new HashMap<>();
    private TreeInfo treeinfo;
    private boolean treeinfoRead;
    private String treeinfoFamily;
    private boolean treeinfoMatched;
    private String libosinfoOs;
    private MediaMatch libosinfoMedia;
    private String debianMediaType;
    private String mageiaVersion;

    public DistroDetector(TreeSource source, OsCatalog catalog, String arch) {
        this.source = source;
        this.catalog = catalog;
        this.arch = arch;
    }

    /**
     * The store that knows the tree, or empty. {@code named} is the OS the user named (its distro's store goes
     * first), or null.
     */
    public Optional<TreeDetection> detect(OsFacts named) {
        List<Store> stores = new ArrayList<>(List.of(Store.values()));
        if (named != null && !named.distro().isEmpty()) {
            for (Store s : Store.values()) {
                if (s.distros.contains(named.distro())) {
                    stores.remove(s);
                    stores.add(0, s);
                }
            }
        }
        for (Store s : stores) {
            if (valid(s)) {
                return Optional.of(build(s));
            }
        }
        return Optional.empty();
    }

    /** The OS osinfo identified the medium as, even when no store took the tree (after {@link #detect}), or null. */
    public String libosinfoGuess() {
        return libosinfoOs;
    }

    /** virt-install's error when no store knows the tree, with its hint when the location does not answer. */
    public String notFoundMessage() {
        String extra = source.canAccess() ? "" : ": The URL could not be accessed, maybe you mistyped?";
        return "Could not find an installable distribution at URL '" + source.location() + "'" + extra
                + "\n\nThe location must be the root directory of an install tree.\n"
                + "See virt-install man page for various distro examples.";
    }

    // ---- the stores' tests ---------------------------------------------------------------------------------

    private boolean valid(Store s) {
        return switch (s) {
            case LIBOSINFO -> source.isIso() ? guessFromIso() : guessFromTree();
            case FEDORA -> familyMatches(".*Fedora.*");
            case RHEL -> familyMatches(".*(Red Hat Enterprise Linux|RHEL).*");
            case CENTOS -> familyMatches(".*CentOS.*") || familyMatches(".*Scientific.*");
            case SLES, SLED -> familyMatches(".*SUSE Linux Enterprise.*");
            case OPENSUSE -> familyMatches(".*openSUSE.*");
            case DEBIAN -> debianValid("debian");
            case UBUNTU -> debianValid("ubuntu");
            case MAGEIA -> mageiaValid();
            case GENERIC_TREEINFO -> {
                if (treeinfo() != null) {
                    treeinfoMatched = true;
                    yield true;
                }
                yield false;
            }
        };
    }

    private boolean guessFromIso() {
        Optional<MediaMatch> m = catalog.detectMedia(java.nio.file.Path.of(source.location()));
        if (m.isEmpty()) {
            return false;
        }
        libosinfoOs = m.get().os().shortId();
        libosinfoMedia = m.get();
        // live media, or incomplete osinfo data: the version is kept, the store is not
        return m.get().kernel() != null && m.get().initrd() != null;
    }

    private boolean guessFromTree() {
        String text = treeinfoText();
        if (text == null) {
            return false;
        }
        Optional<OsFacts> os = catalog.identifyTreeinfo(text);
        if (os.isEmpty()) {
            return false;
        }
        libosinfoOs = os.get().shortId();
        treeinfoMatched = true;
        return true;
    }

    private boolean familyMatches(String regex) {
        if (treeinfo() == null) {
            return false;
        }
        treeinfoMatched = Pattern.compile(regex).matcher(treeinfoFamily).lookingAt();
        return treeinfoMatched;
    }

    private boolean debianValid(String debname) {
        String media = null;
        if (manifest("current/images/MANIFEST", debname)) {
            media = "url";
        } else if (manifest("current/legacy-images/MANIFEST", debname)) {
            media = "legacy_url";
        } else if (manifest("daily/MANIFEST", debname)) {
            media = "daily";
        } else if (contentMatches(".disk/info", capitalize(debname) + ".*")) {
            // an ISO attached as a CD-ROM afterwards boots the CD kernels; a mounted ISO served over a URL, the
            // network ones
            media = source.isIso() ? "disk" : "mounted_iso_url";
        }
        if (media != null) {
            debianMediaType = media;
        }
        return media != null;
    }

    private boolean manifest(String file, String debname) {
        if (contentMatches(file, ".*[Uu]buntu.*")) {
            return debname.equals("ubuntu");
        }
        return contentMatches(file, ".*[Dd]ebian.*");
    }

    private boolean mageiaValid() {
        if (mageiaVersion == null) {
            Optional<String> v = file("VERSION");
            if (v.isEmpty()) {
                return false;
            }
            Matcher m = Pattern.compile("^Mageia (\\d+) .*").matcher(v.get());
            if (!m.lookingAt()) {
                return false;
            }
            mageiaVersion = m.group(1);
        }
        return true;
    }

    // ---- what a recognised tree is -------------------------------------------------------------------------

    private TreeDetection build(Store s) {
        String os = libosinfoOs != null ? libosinfoOs : version(s);
        if (os != null && catalog.find(os).isEmpty()) {
            os = null; // a version the database does not know: no OS, as virt-install
        }
        List<KernelPair> kernels = new ArrayList<>();
        if (treeinfoMatched) {
            treeinfoKernel().ifPresent(kernels::add);
        } else {
            switch (s) {
                case DEBIAN, UBUNTU -> kernels.add(debianKernel(s == Store.UBUNTU ? "ubuntu" : "debian"));
                case MAGEIA -> kernels.add(new KernelPair("isolinux/" + arch + "/vmlinuz",
                        "isolinux/" + arch + "/all.rdz"));
                case LIBOSINFO -> kernels.add(new KernelPair(libosinfoMedia.kernel(), libosinfoMedia.initrd()));
                default -> {
                    // SUSE trees without a .treeinfo name their kernels in a "content" file: not read here
                }
            }
        }
        return new TreeDetection(s.pretty, os, kernels);
    }

    private String version(Store s) {
        return switch (s) {
            case FEDORA -> fedoraVersion();
            case RHEL -> walkUpdates("rhel", false);
            case CENTOS -> walkUpdates("centos", false);
            case SLES -> suseVersion("sles");
            case SLED -> suseVersion("sled");
            case OPENSUSE -> suseVersion("opensuse");
            case DEBIAN -> debianVersion("debian");
            case UBUNTU -> debianVersion("ubuntu");
            case MAGEIA -> known("mageia" + mageiaVersion);
            default -> null;
        };
    }

    private String fedoraVersion() {
        String latest = "fedora-unknown";
        String v = treeinfo().get("general", "version").orElse(null);
        if (v == null || List.of("development", "rawhide", "Rawhide").contains(v)) {
            return latest;
        }
        String variant = known("fedora" + v);
        return variant != null ? variant : latest;
    }

    /** rhel7.6 from a .treeinfo the database only knows up to rhel7.5: walk the update number down. */
    private String walkUpdates(String prefix, boolean sle) {
        String v = treeinfo().get("general", "version").orElse(null);
        if (v == null) {
            return null;
        }
        int version = safeInt(v);
        int update = 0;
        if (v.contains(".")) {
            String[] parts = v.split("\\.");
            version = safeInt(parts[0]);
            update = parts.length > 1 ? safeInt(parts[1]) : 0;
        }
        String base = prefix + version;
        for (; update >= 0; update--) {
            String tryName = sle && update == 0 && base.startsWith("sle") ? base : base + "." + update;
            if (known(tryName) != null) {
                return tryName;
            }
        }
        return null;
    }

    private String suseVersion(String prefix) {
        String name = treeinfo() == null ? null : treeinfo().get("general", "name").orElse(null);
        if (name != null) {
            if (name.contains("openSUSE Tumbleweed")) {
                return "opensusetumbleweed";
            }
            String v = walkUpdates(prefix, true);
            if (v != null) {
                return v;
            }
        }
        if (prefix.equals("opensuse")) {
            for (OsCatalog.OsName os : catalog.list()) {
                if (os.name().startsWith("opensuse")
                        && source.location().contains("/" + os.name().substring("opensuse".length()) + "/")) {
                    return os.name();
                }
            }
        }
        return null;
    }

    private String debianVersion(String debname) {
        if ("daily".equals(debianMediaType)) {
            return "debiantesting";
        }
        for (OsCatalog.OsName os : catalog.list()) {
            if (!os.name().startsWith(debname)) {
                continue;
            }
            String codename;
            if (!os.codename().isEmpty()) {
                codename = os.codename().split("\\s+")[0].toLowerCase(Locale.ROOT);
            } else {
                String[] words = os.label().split(" ");
                if (words.length < 2) {
                    continue;
                }
                codename = words[1].toLowerCase(Locale.ROOT);
            }
            if (source.location().contains("/" + codename + "/")) {
                return os.name();
            }
        }
        return null;
    }

    private KernelPair debianKernel(String debname) {
        if ("disk".equals(debianMediaType)) {
            if (debname.equals("ubuntu")) {
                return arch.equals("s390x") ? new KernelPair("boot/kernel.ubuntu", "boot/initrd.ubuntu")
                        : new KernelPair("install/vmlinuz", "install/initrd.gz");
            }
            return switch (arch) {
                case "x86_64" -> new KernelPair("install.amd/vmlinuz", "install.amd/initrd.gz");
                case "i686" -> new KernelPair("install.386/vmlinuz", "install.386/initrd.gz");
                case "aarch64" -> new KernelPair("install.a64/vmlinuz", "install.a64/initrd.gz");
                case "ppc64le" -> new KernelPair("install/vmlinux", "install/initrd.gz");
                case "s390x" -> new KernelPair("boot/linux_vm", "boot/root.bin");
                default -> new KernelPair("install/vmlinuz", "install/initrd.gz");
            };
        }
        String prefix = switch (debianMediaType) {
            case "daily" -> "daily";
            case "mounted_iso_url" -> "install";
            case "legacy_url" -> "current/legacy-images";
            default -> "current/images";
        };
        String treeArch = debianTreeArch();
        String root = prefix + "/netboot/" + debname + "-installer/" + treeArch + "/";
        String kernel = treeArch.equals("ppc64el") ? "vmlinux" : "linux";
        String initrd = "initrd.gz";
        if (treeArch.equals("s390x")) {
            root = prefix + "/generic/";
            kernel = "kernel." + debname;
            initrd = "initrd." + debname;
        }
        return new KernelPair(root + kernel, root + initrd);
    }

    /** The tree's architecture, from the URL as virt-install reads it (i386 when it says nothing). */
    private String debianTreeArch() {
        String uri = source.location();
        for (String p : List.of("^.*/installer-(\\w+)/?$", "^.*/daily-images/(\\w+)/?$")) {
            Matcher m = Pattern.compile(p).matcher(uri);
            if (m.matches()) {
                return m.group(1);
            }
        }
        for (String a : List.of("i386", "amd64", "x86_64", "arm64")) {
            if (uri.contains(a)) {
                return a.equals("x86_64") ? "amd64" : a;
            }
        }
        return "i386";
    }

    /** The kernel and initrd of the .treeinfo's [images-ARCH] section (ARCH from its [general] arch). */
    private Optional<KernelPair> treeinfoKernel() {
        TreeInfo t = treeinfo();
        if (t == null) {
            return Optional.empty();
        }
        String section = "images-" + t.get("general", "arch").orElse("");
        Optional<String> k = t.get(section, "kernel");
        Optional<String> i = t.get(section, "initrd");
        return k.isPresent() && i.isPresent() ? Optional.of(new KernelPair(k.get(), i.get())) : Optional.empty();
    }

    // ---- the tree's files ----------------------------------------------------------------------------------

    private TreeInfo treeinfo() {
        if (!treeinfoRead) {
            treeinfoRead = true;
            String text = treeinfoText();
            if (text != null) {
                TreeInfo t = TreeInfo.parse(text);
                // no [general] family: not a tree virt-install can detect
                treeinfoFamily = t.get("general", "family").orElse(null);
                treeinfo = treeinfoFamily == null ? null : t;
            }
        }
        return treeinfo;
    }

    /** .treeinfo, else treeinfo (Red Hat's CDN serves no dot files). */
    private String treeinfoText() {
        return file(".treeinfo").or(() -> file("treeinfo")).orElse(null);
    }

    private Optional<String> file(String rel) {
        return files.computeIfAbsent(rel, source::text);
    }

    private boolean contentMatches(String rel, String regex) {
        Optional<String> c = file(rel);
        if (c.isEmpty()) {
            return false;
        }
        Pattern p = Pattern.compile(regex);
        for (String line : c.get().split("\r?\n|\r")) {
            if (p.matcher(line).lookingAt()) {
                return true;
            }
        }
        return false;
    }

    private String known(String shortId) {
        return catalog.find(shortId).isPresent() ? shortId : null;
    }

    private static int safeInt(String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String capitalize(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
