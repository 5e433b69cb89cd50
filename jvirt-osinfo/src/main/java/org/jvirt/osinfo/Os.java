package org.jvirt.osinfo;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An operating system of the database ({@code http://debian.org/debian/11}, short-ids {@code debian11},
 * {@code debianbullseye}). Immutable; related OSes are looked up in the database that loaded it.
 *
 * <p><b>Inheritance</b>, as libosinfo computes it: {@link #devices()}, {@link #firmwares()} and resource blocks
 * marked {@code inherit="true"} take what the OSes this one derives from or clones say, recursively, the nearest
 * statement winning; media, trees, images, variants and install scripts are the OS's own.
 *
 * <p>Properties carry libosinfo's names: {@code short-id} (several), {@code name}, {@code vendor},
 * {@code version}, {@code family}, {@code distro}, {@code codename}, {@code release-date}, {@code eol-date},
 * {@code release-status}, {@code kernel-url-argument}, {@code cloud-image-username}, {@code logo}.
 */
public final class Os extends Entity {
    private final Related db;
    private final Relations relations;
    private final Contents contents;
    private final List<LoadRef> loadRefs;

    /** The ids this OS names in {@code <derives-from>}, {@code <clones>}, {@code <upgrades>}. */
    record Relations(List<String> derivesFrom, List<String> clones, List<String> upgrades) {
    }

    /** What the OS's files list besides properties; each in file order. */
    record Contents(List<DeviceLink> deviceLinks, List<Firmware> firmwares, List<Media> media, List<Tree> trees,
                    List<Image> images, List<Variant> variants, List<Resources> minimum,
                    List<Resources> recommended, List<Resources> maximum, List<Resources> networkInstall,
                    List<String> installScriptIds) {
    }

    Os(String id, Map<String, List<String>> properties, Relations relations, Contents contents,
       List<LoadRef> loadRefs, Related db) {
        super(id, properties);
        this.relations = relations;
        this.contents = contents;
        this.loadRefs = loadRefs;
        this.db = db;
    }

    /** What this OS's files name, in the order libosinfo's loader meets them. */
    List<LoadRef> loadRefs() {
        return loadRefs;
    }

    // ---- identity ------------------------------------------------------------------------------------------

    /** Every short-id, the canonical one first ("debian11", "debianbullseye"). */
    public List<String> shortIds() {
        return properties("short-id");
    }

    /** The canonical short-id (the first); the id itself if the OS has none. */
    public String shortId() {
        return property("short-id").orElse(id());
    }

    /** The OS's name ("Debian 11"); its id if it has none. */
    public String name() {
        return property("name").orElse(id());
    }

    public Optional<String> vendor() {
        return property("vendor");
    }

    /** The kernel family: "linux", "winnt", "freebsd", "solaris" ... */
    public Optional<String> family() {
        return property("family");
    }

    /** The distribution: "debian", "fedora", "rhel", "win" ... */
    public Optional<String> distro() {
        return property("distro");
    }

    public Optional<String> version() {
        return property("version");
    }

    public Optional<String> codename() {
        return property("codename");
    }

    public Optional<LocalDate> releaseDate() {
        return date("release-date");
    }

    public Optional<LocalDate> eolDate() {
        return date("eol-date");
    }

    public ReleaseStatus releaseStatus() {
        return ReleaseStatus.of(value("release-status"));
    }

    /** The kernel argument naming a network install source ("inst.repo", "install"), where the OS says. */
    public Optional<String> kernelUrlArgument() {
        return property("kernel-url-argument");
    }

    /** The login name of the OS's cloud images ("debian", "fedora"), where the OS says. */
    public Optional<String> cloudImageUsername() {
        return property("cloud-image-username");
    }

    /**
     * Whether the OS is past its end of life on {@code today}, as virt-install decides: after its eol-date; a
     * rolling release never; without an eol-date, ten years after its release date.
     */
    public boolean isEol(LocalDate today) {
        Optional<LocalDate> eol = eolDate();
        if (eol.isPresent()) {
            return today.isAfter(eol.get());
        }
        if (releaseStatus() == ReleaseStatus.ROLLING) {
            return false;
        }
        return releaseDate().map(r -> today.isAfter(r.plusDays(365L * 10))).orElse(false);
    }

    // ---- relations ------------------------------------------------------------------------------------------

    /** The OSes this one derives from (directly). Ids the database does not define are left out. */
    public List<Os> derivesFrom() {
        return resolve(relations.derivesFrom());
    }

    /** The OSes this one is an upgrade of (directly). */
    public List<Os> upgrades() {
        return resolve(relations.upgrades());
    }

    /** The OSes this one clones (directly): a rebuild of another's sources, such as CentOS of RHEL. */
    public List<Os> clones() {
        return resolve(relations.clones());
    }

    /**
     * Whether this OS is one of {@code shortIds}, or derives from, clones or upgrades one of them at any depth
     * (virt-install's _is_related_to).
     */
    public boolean isRelatedTo(Set<String> shortIds) {
        return related(true).stream().anyMatch(os -> os.shortIds().stream().anyMatch(shortIds::contains));
    }

    // ---- contents -------------------------------------------------------------------------------------------

    public List<Variant> variants() {
        return contents.variants();
    }

    public List<Media> media() {
        return contents.media();
    }

    public List<Tree> trees() {
        return contents.trees();
    }

    /** Ready-made disk images (cloud images). */
    public List<Image> images() {
        return contents.images();
    }

    /** The OS's install scripts (its own; media may list scripts of their own). */
    public List<InstallScript> installScripts() {
        List<InstallScript> out = new ArrayList<>();
        for (String id : contents.installScriptIds()) {
            db.installScript(id).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /** The OS's install script for {@code profile} ("jeos", "desktop"), as osinfo_os_find_install_script. */
    public Optional<InstallScript> installScript(String profile) {
        return installScripts().stream().filter(s -> s.profile().equals(Optional.of(profile))).findFirst();
    }

    // ---- firmware --------------------------------------------------------------------------------------------

    /**
     * Every firmware statement for this OS, its own first and then those of the OSes it derives from or clones
     * that it does not restate (libosinfo's complete firmware list): one per architecture and type.
     */
    public List<Firmware> firmwares() {
        Map<String, Firmware> seen = new LinkedHashMap<>();
        for (Os os : related(false)) {
            for (Firmware f : os.contents.firmwares()) {
                seen.putIfAbsent(f.arch() + "\0" + f.type(), f);
            }
        }
        return List.copyOf(seen.values());
    }

    /**
     * Whether the OS boots with firmware {@code type} ("efi", "bios") on {@code arch}; {@code absent} when the
     * database does not say.
     */
    public boolean supportsFirmware(String arch, String type, boolean absent) {
        for (Firmware f : firmwares()) {
            if (f.arch().equals(arch) && f.type().equals(type)) {
                return f.supported();
            }
        }
        return absent;
    }

    /** Whether the OS needs UEFI on {@code arch}: it supports efi and not bios there (virt-install's rule). */
    public boolean requiresEfi(String arch) {
        return supportsFirmware(arch, "efi", false) && !supportsFirmware(arch, "bios", true);
    }

    // ---- resources -------------------------------------------------------------------------------------------

    public List<Resources> minimumResources() {
        return inherited(o -> o.contents.minimum());
    }

    public List<Resources> recommendedResources() {
        return inherited(o -> o.contents.recommended());
    }

    public List<Resources> maximumResources() {
        return inherited(o -> o.contents.maximum());
    }

    public List<Resources> networkInstallResources() {
        return inherited(o -> o.contents.networkInstall());
    }

    /** The resource figures for {@code arch}: each kind from the block for that architecture, else for "all". */
    public OsResources resources(String arch) {
        return new OsResources(pick(minimumResources(), arch), pick(recommendedResources(), arch),
                pick(maximumResources(), arch), pick(networkInstallResources(), arch));
    }

    private static Optional<Resources> pick(List<Resources> list, String arch) {
        for (String a : List.of(arch, "all")) {
            for (Resources r : list) {
                if (r.arch().equals(a)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    /** Own blocks; one marked inherit has its gaps filled from related OSes' blocks of the same architecture. */
    private List<Resources> inherited(Function<Os, List<Resources>> kind) {
        List<Resources> own = kind.apply(this);
        if (own.stream().noneMatch(Resources::inherit)) {
            return own;
        }
        List<Os> chain = related(false);
        List<Resources> out = new ArrayList<>(own.size());
        for (Resources r : own) {
            Resources filled = r;
            if (r.inherit()) {
                for (Os other : chain.subList(1, chain.size())) {
                    for (Resources o : kind.apply(other)) {
                        if (o.arch().equals(r.arch())) {
                            filled = filled.fillFrom(o);
                        }
                    }
                }
            }
            out.add(filled);
        }
        return List.copyOf(out);
    }

    // ---- devices ---------------------------------------------------------------------------------------------

    /**
     * The ids of the devices the OS supports: its own device links and those of the OSes it derives from or
     * clones, the nearest link for a device deciding, links saying {@code supported="false"} removing it
     * (libosinfo's osinfo_os_get_all_devices).
     */
    public Set<String> deviceIds() {
        Map<String, Boolean> decided = new LinkedHashMap<>();
        for (Os os : related(false)) {
            for (DeviceLink l : os.contents.deviceLinks()) {
                decided.putIfAbsent(l.deviceId(), l.supported());
            }
        }
        Set<String> out = new LinkedHashSet<>();
        decided.forEach((id, ok) -> {
            if (ok) {
                out.add(id);
            }
        });
        return out;
    }

    /** The devices the OS supports ({@link #deviceIds()}), with their names, vendors and classes. */
    public List<Device> devices() {
        List<Device> out = new ArrayList<>();
        for (String id : deviceIds()) {
            db.device(id).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * Whether the OS supports a device, named by its id ({@code http://pcisig.com/pci/1af4/1041}) or by the
     * short name osinfo-db gives it ("virtio-net", "virtio1.0-net", "virtio-block", "qxl", "ich9-hda",
     * "qemu-xhci", "qemu-x86-q35" ...).
     */
    public boolean supportsDevice(String idOrName) {
        Set<String> ids = deviceIds();
        if (ids.contains(idOrName)) {
            return true;
        }
        for (String id : ids) {
            if (db.deviceName(id).filter(idOrName::equals).isPresent()) {
                return true;
            }
        }
        return false;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /**
     * This OS and the OSes it derives from or clones (and, with {@code upgrades}, upgrades), depth first, each
     * once: libosinfo's osinfo_product_foreach_related order, guarded against cycles.
     */
    private List<Os> related(boolean upgrades) {
        List<Os> out = new ArrayList<>();
        walk(this, upgrades, new HashSet<>(), out);
        return out;
    }

    private static void walk(Os os, boolean upgrades, Set<String> seen, List<Os> out) {
        if (!seen.add(os.id())) {
            return;
        }
        out.add(os);
        List<Os> next = new ArrayList<>(os.derivesFrom());
        if (upgrades) {
            next.addAll(os.upgrades());
        }
        next.addAll(os.clones());
        for (Os n : next) {
            walk(n, upgrades, seen, out);
        }
    }

    private List<Os> resolve(List<String> ids) {
        List<Os> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            db.osById(id).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    private Optional<LocalDate> date(String name) {
        try {
            return property(name).map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
