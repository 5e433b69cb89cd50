package org.jvirt.osinfo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The osinfo database: every OS, device, platform and install script that libosinfo would load from the same
 * directories, and the queries virt-install makes of it.
 *
 * <p><b>Sources</b> ({@link #loadDefault()}), in libosinfo's order, a later one overriding an earlier one:
 * {@code $OSINFO_SYSTEM_DIR} or {@code /usr/share/osinfo} (Debian's osinfo-db package), {@code $OSINFO_LOCAL_DIR}
 * or {@code /etc/osinfo}, {@code $OSINFO_USER_DIR} or {@code $XDG_CONFIG_HOME/osinfo} ({@code ~/.config/osinfo}).
 * An entity lives in a file named after its id ({@code os/debian.org/debian-12.xml} holds
 * {@code http://debian.org/debian/12}); a later directory's file of the same name replaces the earlier one, and
 * files in {@code os/debian.org/debian-12.d/} add to it. That is how a local directory adds an OS the packaged
 * database predates, or corrects one. Device names also come from the PCI and USB id registries.
 *
 * <p><b>Cost</b>: loading only lists file names. An OS is parsed when first asked for (and kept); a short-id
 * lookup first scans the OS files' text for their short-ids once — from {@link #loadDefault()}, that scan is kept
 * in a cache file valid while no OS file changes ({@code OsScanCache}), so a lookup reads one file, not ~800;
 * {@link #all()}, media detection and the device list read everything they need once, in parallel.
 *
 * <p>Immutable once loaded and safe to share between threads.
 */
public final class OsinfoDb {
    /** Debian's osinfo-db package. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/osinfo");
    /** The administrator's additions and corrections. */
    public static final Path LOCAL_DIR = Path.of("/etc/osinfo");


    private final List<Path> roots;
    private final DbFiles files;
    private final Resolver resolver = new Resolver();
    private final Map<String, Optional<Os>> osByKey = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> deviceNames = new ConcurrentHashMap<>();
    private final Map<String, Optional<InstallScript>> scripts = new ConcurrentHashMap<>();
    private volatile Map<String, String> shortIdIndex;
    private volatile Map<String, OsFileScan> scanIndex;
    private volatile List<Os> allOs;
    private volatile Map<String, Device> allDevices;
    private volatile Map<String, Map<String, String>> datamaps;
    private volatile List<Platform> allPlatforms;
    private volatile List<String> libosinfoSequence;
    private volatile List<String> detectionOrder;

    /** Where the OS files' quick scans are kept between runs (OsScanCache), or null. */
    private final Path scanCache;

    private OsinfoDb(List<Path> roots, Path scanCache) {
        this.roots = List.copyOf(roots);
        this.files = DbFiles.scan(this.roots);
        this.scanCache = scanCache;
    }

    /**
     * The database from libosinfo's default places: system, then local, then the user's directory (a missing
     * directory is skipped). {@code OSINFO_SYSTEM_DIR}, {@code OSINFO_LOCAL_DIR}, {@code OSINFO_USER_DIR} and
     * {@code XDG_CONFIG_HOME} move them as they move libosinfo's.
     */
    public static OsinfoDb loadDefault() {
        List<Path> roots = defaultRoots(System.getenv());
        return load(roots, OsScanCache.defaultFile(roots, System.getenv()));
    }

    /**
     * The database from {@code roots}, each laid out like {@code /usr/share/osinfo} ({@code os/},
     * {@code device/}, {@code platform/}, {@code install-script/}, {@code datamap/}), a later root overriding an
     * earlier one. Missing roots are skipped.
     */
    public static OsinfoDb load(List<Path> roots) {
        return new OsinfoDb(roots, null);
    }

    /** As {@link #load(List)}, keeping the OS files' quick scans in {@code scanCache} between runs. */
    static OsinfoDb load(List<Path> roots, Path scanCache) {
        return new OsinfoDb(roots, scanCache);
    }

    /** libosinfo's default roots for the environment {@code env}. */
    public static List<Path> defaultRoots(Map<String, String> env) {
        Path system = Path.of(env.getOrDefault("OSINFO_SYSTEM_DIR", SYSTEM_DIR.toString()));
        Path local = Path.of(env.getOrDefault("OSINFO_LOCAL_DIR", LOCAL_DIR.toString()));
        Path user;
        if (env.get("OSINFO_USER_DIR") != null) {
            user = Path.of(env.get("OSINFO_USER_DIR"));
        } else {
            String config = env.get("XDG_CONFIG_HOME");
            if (config == null || config.isEmpty()) {
                config = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config").toString();
            }
            user = Path.of(config, "osinfo");
        }
        return List.of(system, local, user);
    }

    /** The directories this database was loaded from, earliest first. */
    public List<Path> roots() {
        return roots;
    }

    // ---- OSes ------------------------------------------------------------------------------------------------

    /**
     * The OS with this full id ({@code http://debian.org/debian/11}) or any of its short-ids ({@code debian11},
     * {@code debianbullseye}).
     */
    public Optional<Os> find(String idOrShortId) {
        Objects.requireNonNull(idOrShortId, "idOrShortId");
        if (idOrShortId.contains("://")) {
            return osByKey(DbFiles.keyFor("os", idOrShortId)).filter(os -> os.id().equals(idOrShortId));
        }
        String key = shortIds().get(idOrShortId);
        if (key == null) {
            return Optional.empty();
        }
        return osByKey(key).filter(os -> os.shortIds().contains(idOrShortId));
    }

    /**
     * The OS named {@code idOrShortId}, or an {@link OsinfoException} worded as virt-install's ("Unknown OS name
     * 'debian13'. See `--osinfo list` for valid values.") naming the nearest known short-ids.
     */
    public Os require(String idOrShortId) {
        Optional<Os> os = find(idOrShortId);
        if (os.isPresent()) {
            return os.get();
        }
        if (idOrShortId.contains("://")) {
            throw new OsinfoException("Unknown libosinfo ID '" + idOrShortId + "'", List.of(), null);
        }
        List<String> near = nearestShortIds(idOrShortId, 5);
        String hint = near.isEmpty() ? "" : " Nearest: " + String.join(", ", near) + ".";
        throw new OsinfoException("Unknown OS name '" + idOrShortId + "'. See `--osinfo list` for valid values."
                + hint, near, null);
    }

    /** The known short-ids nearest to {@code name} (edit distance), at most {@code max}, nearest first. */
    public List<String> nearestShortIds(String name, int max) {
        return NearestIds.nearest(name, new ArrayList<>(shortIds().keySet()), max);
    }

    /** The first OS whose name is {@code name} ("Debian 11"), in id order. */
    public Optional<Os> findByName(String name) {
        return all().stream().filter(os -> os.name().equals(name)).findFirst();
    }

    /** Every OS, in the order of their files' names. */
    public List<Os> all() {
        List<Os> a = allOs;
        if (a == null) {
            synchronized (this) {
                a = allOs;
                if (a == null) {
                    a = files.keys("os").parallelStream().map(this::osByKey).flatMap(Optional::stream).toList();
                    allOs = a;
                }
            }
        }
        return a;
    }

    private Optional<Os> osByKey(String key) {
        Optional<Os> os = osByKey.get(key);
        if (os == null) {
            os = files.get(key).map(e -> EntityReader.readOs(key, e.files(), resolver));
            Optional<Os> prev = osByKey.putIfAbsent(key, os);
            if (prev != null) {
                os = prev;
            }
        }
        return os;
    }

    /** short-id to file key, from the quick scan of every OS file (a file the scan cannot read is parsed). */
    private Map<String, String> shortIds() {
        Map<String, String> m = shortIdIndex;
        if (m == null) {
            synchronized (this) {
                m = shortIdIndex;
                if (m == null) {
                    Map<String, String> idx = new HashMap<>();
                    for (Map.Entry<String, OsFileScan> e : scans().entrySet()) {
                        List<String> ids = e.getValue().plain() ? e.getValue().shortIds()
                                : osByKey(e.getKey()).map(Os::shortIds).orElse(List.of());
                        for (String s : ids) {
                            idx.putIfAbsent(s, e.getKey());
                        }
                    }
                    m = Collections.unmodifiableMap(idx);
                    shortIdIndex = m;
                }
            }
        }
        return m;
    }

    /** The quick scan of every OS file, by key, in key order; made once, in parallel. */
    private Map<String, OsFileScan> scans() {
        Map<String, OsFileScan> m = scanIndex;
        if (m == null) {
            synchronized (this) {
                m = scanIndex;
                if (m == null) {
                    List<String> keys = files.keys("os");
                    String stamp = scanCache == null ? null : OsScanCache.stamp(files, keys);
                    m = stamp == null ? null : OsScanCache.read(scanCache, stamp, keys);
                    if (m == null) {
                        List<OsFileScan> found = keys.parallelStream()
                                .map(k -> OsFileScan.of(files.get(k).orElseThrow().files())).toList();
                        Map<String, OsFileScan> idx = new LinkedHashMap<>();
                        for (int i = 0; i < keys.size(); i++) {
                            idx.put(keys.get(i), found.get(i));
                        }
                        m = Collections.unmodifiableMap(idx);
                        if (stamp != null) {
                            OsScanCache.write(scanCache, stamp, m);
                        }
                    }
                    scanIndex = m;
                }
            }
        }
        return m;
    }

    // ---- detection -------------------------------------------------------------------------------------------

    /**
     * Identifies the installation media in the ISO image {@code iso} by its primary volume descriptor (volume,
     * system, publisher and application ids, size) against every OS's media, as libosinfo's
     * osinfo_db_identify_media: media for a specific architecture of a released OS first; media for "all"
     * architectures and those of rolling releases only when nothing else matched. Bootability is not required
     * (virt-install accepts non-bootable media such as Debian's s390x ones).
     *
     * @throws IOException when the file cannot be read or is not an ISO 9660 image
     */
    public Optional<MediaMatch> detectMedia(Path iso) throws IOException {
        return identifyMedia(IsoVolume.read(iso));
    }

    /** The first OS media matching {@code iso}; see {@link #detectMedia(Path)}. */
    public Optional<MediaMatch> identifyMedia(IsoVolume iso) {
        List<MediaMatch> all = identifyAllMedia(iso, true);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every OS media matching {@code iso}, preferred matches before fallback ones (osinfo-detect --all). */
    public List<MediaMatch> identifyAllMedia(IsoVolume iso) {
        return identifyAllMedia(iso, false);
    }

    private List<MediaMatch> identifyAllMedia(IsoVolume iso, boolean firstOnly) {
        if (iso.volumeId().isEmpty()) {
            return List.of();           // libosinfo: "Insufficient metadata on installation media"
        }
        List<MediaMatch> out = new ArrayList<>();
        List<Os> fallback = new ArrayList<>();
        // an OS none of whose media can match adds nothing to either pass: skip it unparsed
        for (Os os : detectionCandidates(scan -> scan.mayMatch(iso.volumeId()))) {
            boolean matched = false;
            boolean haveFallback = false;
            for (Media m : mediaOrder(os)) {
                if (m.arch().equals("all") || os.releaseStatus() == ReleaseStatus.ROLLING) {
                    haveFallback = true;
                    continue;
                }
                if (m.matches(iso)) {
                    out.add(new MediaMatch(os, m));
                    matched = true;
                    if (firstOnly) {
                        return out;
                    }
                }
            }
            if (!matched && haveFallback) {
                fallback.add(0, os);    // libosinfo prepends
            }
        }
        for (Os os : fallback) {
            for (Media m : mediaOrder(os)) {
                if (m.matches(iso)) {
                    out.add(new MediaMatch(os, m));
                    if (firstOnly) {
                        return out;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The ids of the OSes in the order libosinfo's identify functions try them (osinfo_list_get_elements of its
     * OS list: the hash table order of the OSes in the order its loader met them), so that where several OSes'
     * media or trees would match, the same one wins. Built from the quick scan, parsing only unusual files.
     */
    private List<String> detectionOrder() {
        List<String> d = detectionOrder;
        if (d == null) {
            synchronized (this) {
                d = detectionOrder;
                if (d == null) {
                    Map<String, OsFileScan> scans = scans();
                    java.util.LinkedHashSet<String> seq = new java.util.LinkedHashSet<>();
                    for (String key : files.libosinfoOrder()) {
                        OsFileScan scan = scans.get(key);
                        if (scan == null) {
                            continue;
                        }
                        if (scan.plain()) {
                            seq.add(scan.osId());
                            seq.addAll(scan.relations());
                        } else {
                            osByKey(key).ifPresent(os -> os.loadRefs().stream()
                                    .filter(r -> r.kind() == LoadRef.Kind.OS).forEach(r -> seq.add(r.id())));
                        }
                    }
                    GHashOrder list = new GHashOrder();
                    seq.forEach(list::insert);
                    d = List.copyOf(list.valuesOrder());
                    detectionOrder = d;
                }
            }
        }
        return d;
    }

    /** The OSes, in detection order, that the quick scan does not rule out for {@code candidate}. */
    private List<Os> detectionCandidates(java.util.function.Predicate<OsFileScan> candidate) {
        Map<String, OsFileScan> scans = scans();
        List<Os> out = new ArrayList<>();
        for (String id : detectionOrder()) {
            String key = DbFiles.keyFor("os", id);
            OsFileScan scan = scans.get(key);
            if (scan != null && candidate.test(scan)) {
                osByKey(key).filter(os -> os.id().equals(id)).ifPresent(out::add);
            }
        }
        return out;
    }

    /** An OS's media as libosinfo's identify tries them: its list's hash order, then media_volume_compare. */
    private static List<Media> mediaOrder(Os os) {
        return GListSort.sort(hashOrder(os.media()), OsinfoDb::volumeOrder);
    }

    /** Entities as osinfo_list_get_elements returns a list built in their given order. */
    private static <T extends Entity> List<T> hashOrder(List<T> items) {
        if (items.size() < 2) {
            return items;
        }
        Map<String, T> byId = new HashMap<>();
        GHashOrder h = new GHashOrder();
        for (T t : items) {
            byId.put(t.id(), t);
            h.insert(t.id());
        }
        return h.valuesOrder().stream().map(byId::get).toList();
    }

    /**
     * libosinfo's media_volume_compare: a medium whose volume-id pattern contains another's comes first, so
     * that the more specific pattern is tried first. Not a total order; GListSort applies it as GLib does.
     */
    private static int volumeOrder(Media a, Media b) {
        String va = a.volumeId().orElse(null);
        String vb = b.volumeId().orElse(null);
        if (va == null || vb == null) {
            return 0;
        }
        return va.contains(vb) ? -1 : 1;
    }

    /**
     * Identifies the install tree at {@code treeRootOrTreeinfo} (a directory holding {@code .treeinfo}, or the
     * file itself) by its {@code [general]} family, variant, version and arch, as osinfo_db_identify_tree.
     */
    public Optional<Os> detectTree(Path treeRootOrTreeinfo) throws IOException {
        return identifyTree(TreeInfo.read(treeRootOrTreeinfo)).map(TreeMatch::os);
    }

    /** The first OS tree matching {@code info}: trees for a specific architecture first, then those for "all". */
    public Optional<TreeMatch> identifyTree(TreeInfo info) {
        List<Os> fallback = new ArrayList<>();
        for (Os os : detectionCandidates(scan -> scan.hasTreeinfo() || !scan.plain())) {
            boolean haveFallback = false;
            for (Tree t : hashOrder(os.trees())) {
                if (t.arch().equals("all")) {
                    haveFallback = true;
                    continue;
                }
                if (t.matches(info)) {
                    return Optional.of(new TreeMatch(os, t));
                }
            }
            if (haveFallback) {
                fallback.add(0, os);
            }
        }
        for (Os os : fallback) {
            for (Tree t : hashOrder(os.trees())) {
                if (t.matches(info)) {
                    return Optional.of(new TreeMatch(os, t));
                }
            }
        }
        return Optional.empty();
    }

    // ---- devices, platforms, install scripts -----------------------------------------------------------------

    /**
     * The device with this id, from the id registries and osinfo-db's device files. The first call reads the
     * registries (some 40 000 devices); {@link Os#supportsDevice(String)} does not need them.
     */
    public Optional<Device> device(String id) {
        return Optional.ofNullable(devices().get(id));
    }

    /** Every device: the id registries' (pci.ids then usb.ids, in file order), then osinfo-db's own. */
    public List<Device> allDevices() {
        return List.copyOf(devices().values());
    }

    private Map<String, Device> devices() {
        Map<String, Device> d = allDevices;
        if (d == null) {
            synchronized (this) {
                d = allDevices;
                if (d == null) {
                    Map<String, Props> props = new LinkedHashMap<>();
                    for (IdsRegistry.Entry e : IdsRegistry.readDefault()) {
                        String key = DbFiles.keyFor("device", e.id());
                        if (files.get(key).map(DbFiles.Entry::master).isPresent()) {
                            continue;      // a native file replaces the registry's record entirely
                        }
                        registryProps(e, props.computeIfAbsent(e.id(), k -> new Props()));
                    }
                    for (String key : files.keys("device")) {
                        List<Path> fs = files.get(key).orElseThrow().files();
                        String id = EntityReader.idIn(fs.get(0), "device");
                        if (id == null) {
                            continue;
                        }
                        EntityReader.readDevice(key, fs, props.computeIfAbsent(id, k -> new Props()));
                    }
                    Map<String, Device> out = new LinkedHashMap<>();
                    props.forEach((id, p) -> out.put(id, new Device(id, p.freeze())));
                    d = Collections.unmodifiableMap(out);
                    allDevices = d;
                }
            }
        }
        return d;
    }

    private static void registryProps(IdsRegistry.Entry e, Props p) {
        p.set("vendor-id", e.vendorId()).set("vendor", e.vendor()).set("product-id", e.productId())
                .set("product", e.product()).set("bus-type", e.bus());
    }

    /** Every platform (hypervisor release), in file name order. */
    public List<Platform> platforms() {
        List<Platform> p = allPlatforms;
        if (p == null) {
            synchronized (this) {
                p = allPlatforms;
                if (p == null) {
                    p = files.keys("platform").stream()
                            .map(k -> EntityReader.readPlatform(k, files.get(k).orElseThrow().files()))
                            .filter(Objects::nonNull).toList();
                    allPlatforms = p;
                }
            }
        }
        return p;
    }

    /** The install script with this id ({@code http://debian.org/debian/preseed/jeos}). */
    public Optional<InstallScript> installScript(String id) {
        return scripts.computeIfAbsent(id, i -> {
            String key = DbFiles.keyFor("install-script", i);
            return files.get(key).map(e -> EntityReader.readInstallScript(key, e.files(), datamaps()))
                    .filter(s -> s.id().equals(i));
        });
    }

    private Map<String, Map<String, String>> datamaps() {
        Map<String, Map<String, String>> d = datamaps;
        if (d == null) {
            synchronized (this) {
                d = datamaps;
                if (d == null) {
                    Map<String, Map<String, String>> m = new HashMap<>();
                    for (String key : files.keys("datamap")) {
                        List<Path> fs = files.get(key).orElseThrow().files();
                        String id = EntityReader.idIn(fs.get(0), "datamap");
                        if (id != null) {
                            m.put(id, Collections.unmodifiableMap(EntityReader.readDatamap(key, fs)));
                        }
                    }
                    d = Collections.unmodifiableMap(m);
                    datamaps = d;
                }
            }
        }
        return d;
    }

    // ---- libosinfo's list order ---------------------------------------------------------------------------------

    /**
     * {@code entities} in the order libosinfo's osinfo_list_get_elements would return them from a list of
     * exactly these entities built in database order: for tools that must print what libosinfo's tools print,
     * where a stable sort leaves equal keys in that order (osinfo-query). Computing it reads the whole database.
     */
    public <T extends Entity> List<T> inLibosinfoOrder(List<T> entities) {
        Map<String, T> byId = new HashMap<>();
        entities.forEach(e -> byId.put(e.id(), e));
        GHashOrder list = new GHashOrder();
        for (String id : loadSequence()) {
            if (byId.containsKey(id)) {
                list.insert(id);
            }
        }
        List<T> out = new ArrayList<>(entities.size());
        for (String id : list.valuesOrder()) {
            out.add(byId.get(id));
        }
        return out;
    }

    /**
     * Every entity id (OSes, platforms, devices: their ids never collide) in the order libosinfo adds them to
     * its database: the id registries' devices in file order (but those a device file of the database
     * replaces), then, file by file in the loader's order, each entity when first named.
     */
    private List<String> loadSequence() {
        List<String> seq = libosinfoSequence;
        if (seq == null) {
            synchronized (this) {
                seq = libosinfoSequence;
                if (seq == null) {
                    java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
                    for (IdsRegistry.Entry e : IdsRegistry.readDefault()) {
                        if (files.get(DbFiles.keyFor("device", e.id())).map(DbFiles.Entry::master).isEmpty()) {
                            ids.add(e.id());
                        }
                    }
                    all();
                    Map<String, Platform> platforms = new HashMap<>();
                    platforms().forEach(p -> platforms.put(DbFiles.keyFor("platform", p.id()), p));
                    for (String key : files.libosinfoOrder()) {
                        if (key.startsWith("os/")) {
                            osByKey(key).ifPresent(os -> os.loadRefs().forEach(r -> ids.add(r.id())));
                        } else if (key.startsWith("platform/")) {
                            Platform p = platforms.get(key);
                            if (p != null) {
                                p.loadRefs().forEach(r -> ids.add(r.id()));
                            }
                        } else if (key.startsWith("device/")) {
                            List<Path> fs = files.get(key).orElseThrow().files();
                            String id = EntityReader.idIn(fs.get(0), "device");
                            if (id != null && DbFiles.keyFor("device", id).equals(key)) {
                                ids.add(id);
                            }
                        }
                    }
                    seq = List.copyOf(ids);
                    libosinfoSequence = seq;
                }
            }
        }
        return seq;
    }

    /** What an Os asks of its database, kept off the public surface. */
    private final class Resolver implements Related {
        @Override
        public Optional<Os> osById(String id) {
            return find(id);
        }

        @Override
        public Optional<String> deviceName(String deviceId) {
            return deviceNames.computeIfAbsent(deviceId, id -> {
                String key = DbFiles.keyFor("device", id);
                return files.get(key).flatMap(e -> Optional.ofNullable(
                        EntityReader.readDevice(key, e.files(), new Props()).freeze().get("name"))
                        .map(l -> l.get(0)));
            });
        }

        @Override
        public Optional<Device> device(String deviceId) {
            return OsinfoDb.this.device(deviceId);
        }

        @Override
        public Optional<InstallScript> installScript(String id) {
            return OsinfoDb.this.installScript(id);
        }
    }
}
