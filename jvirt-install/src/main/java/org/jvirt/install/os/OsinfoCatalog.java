package org.jvirt.install.os;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.Comparator;
import java.util.function.Function;

import org.jvirt.install.InstallErrors;
import org.jvirt.osinfo.InstallConfig;
import org.jvirt.osinfo.Media;
import org.jvirt.osinfo.Os;
import org.jvirt.osinfo.OsinfoDb;
import org.jvirt.osinfo.OsinfoException;
import org.jvirt.osinfo.TreeInfo;

/** The osinfo database (jvirt-osinfo) as provisioning's {@link OsCatalog}. */
public final class OsinfoCatalog implements OsCatalog {
    private final OsinfoDb db;

    public OsinfoCatalog(OsinfoDb db) {
        this.db = db;
    }

    /** The database from its default places (/usr/share/osinfo, /etc/osinfo, the user's own). */
    public static OsinfoCatalog loadDefault() {
        return new OsinfoCatalog(OsinfoDb.loadDefault());
    }

    public OsinfoDb db() {
        return db;
    }

    @Override
    public Optional<OsFacts> find(String idOrShortId) {
        if (GenericOs.SHORT_ID.equals(idOrShortId)) {
            return Optional.of(GenericOs.INSTANCE);
        }
        return db.find(idOrShortId).map(OsinfoOs::new);
    }

    @Override
    public OsFacts require(String idOrShortId) {
        if (GenericOs.SHORT_ID.equals(idOrShortId)) {
            return GenericOs.INSTANCE;
        }
        try {
            return new OsinfoOs(db.require(idOrShortId));
        } catch (OsinfoException e) {
            throw InstallErrors.invalid("%s", e.getMessage());
        }
    }

    @Override
    public Optional<MediaMatch> detectMedia(Path iso) {
        try {
            return db.detectMedia(iso).map(m -> new MediaMatch(new OsinfoOs(m.os()),
                    m.media().kernel().orElse(null), m.media().initrd().orElse(null)));
        } catch (IOException | OsinfoException e) {
            return Optional.empty(); // not an ISO we can read: no detection, as virt-install
        }
    }

    @Override
    public Optional<MediaMatch> detectTree(Path tree) {
        try {
            return db.detectTree(tree).map(os -> new MediaMatch(new OsinfoOs(os), null, null));
        } catch (IOException | OsinfoException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<OsFacts> identifyTreeinfo(String treeinfo) {
        try {
            return db.identifyTree(TreeInfo.parse(treeinfo)).map(m -> new OsinfoOs(m.os()));
        } catch (OsinfoException | IllegalArgumentException e) {
            return Optional.empty(); // a .treeinfo we cannot read identifies nothing, as in libosinfo
        }
    }

    @Override
    public List<OsName> list() {
        List<OsName> out = new ArrayList<>();
        for (Os os : db.all()) {
            List<String> names = os.shortIds().isEmpty() ? List.of(os.shortId()) : os.shortIds();
            out.add(new OsName(names.get(0), new TreeSet<>(names).stream().toList(), os.codename().orElse(""),
                    os.name()));
        }
        out.add(new OsName(GenericOs.SHORT_ID, List.of(GenericOs.SHORT_ID), "", "Generic OS"));
        out.sort(Comparator.comparing(OsName::name, NaturalOrder.INSTANCE));
        return out;
    }

    /** One OS of the database. */
    static final class OsinfoOs implements OsFacts {
        private final Os os;

        OsinfoOs(Os os) {
            this.os = os;
        }

        @Override
        public String id() {
            return os.id();
        }

        @Override
        public String shortId() {
            return os.shortId();
        }

        @Override
        public String family() {
            return os.family().orElse("");
        }

        @Override
        public String distro() {
            return os.distro().orElse("");
        }

        @Override
        public Long networkInstallRam(String arch) {
            for (org.jvirt.osinfo.Resources r : os.networkInstallResources()) {
                if (r.arch().equals(arch) || r.arch().equals("all")) {
                    return r.ramBytes().isPresent() ? r.ramBytes().getAsLong() : null;
                }
            }
            return null;
        }

        @Override
        public String kernelUrlArgument() {
            return os.kernelUrlArgument().orElseGet(OsFacts.super::kernelUrlArgument);
        }

        @Override
        public boolean supports(OsDevice device) {
            for (String id : device.osinfoIds()) {
                if (os.supportsDevice(id)) {
                    return true;
                }
            }
            // virt-install's own correction: osinfo-db lacked virtio-serial for RHEL/CentOS until late 2018
            return device == OsDevice.VIRTIO_SERIAL && os.isRelatedTo(Set.of("rhel6.0"));
        }

        /**
         * virt-install's {@code _get_recommended_key}: each figure from the block for the architecture, else from
         * the block for "all" (figure by figure), the recommendation else twice the minimum.
         */
        @Override
        public Resources resources(String arch) {
            List<org.jvirt.osinfo.Resources> min = os.minimumResources();
            List<org.jvirt.osinfo.Resources> rec = os.recommendedResources();
            Long minRam = figure(min, arch, r -> r.ramBytes());
            Long recRam = figure(rec, arch, r -> r.ramBytes());
            Long minDisk = figure(min, arch, r -> r.storageBytes());
            Long recDisk = figure(rec, arch, r -> r.storageBytes());
            Long minCpu = figure(min, arch, r -> cpus(r.cpus()));
            Long recCpu = figure(rec, arch, r -> cpus(r.cpus()));
            return new Resources(minRam, recRam != null ? recRam : minRam == null ? null : minRam * 2,
                    recCpu != null ? Integer.valueOf(recCpu.intValue())
                            : minCpu == null ? null : Integer.valueOf(minCpu.intValue() * 2),
                    recDisk != null ? recDisk : minDisk == null ? null : minDisk * 2);
        }

        private static OptionalLong cpus(OptionalInt v) {
            return v.isPresent() ? OptionalLong.of(v.getAsInt()) : OptionalLong.empty();
        }

        private static Long figure(List<org.jvirt.osinfo.Resources> blocks, String arch,
                Function<org.jvirt.osinfo.Resources, OptionalLong> f) {
            for (String a : List.of(arch, "all")) {
                for (org.jvirt.osinfo.Resources r : blocks) {
                    if (r.arch().equals(a)) {
                        OptionalLong v = f.apply(r);
                        if (v.isPresent()) {
                            return v.getAsLong() > 0 ? v.getAsLong() : null;
                        }
                    }
                }
            }
            return null;
        }

        @Override
        public boolean requiresEfi(String arch) {
            // virt-install hard-codes win11 (osinfo-db had no firmware data for it in 2022)
            return os.requiresEfi(arch) || "win11".equals(os.shortId());
        }

        @Override
        public List<String> installScriptProfiles() {
            List<String> out = new ArrayList<>();
            for (org.jvirt.osinfo.InstallScript s : os.installScripts()) {
                s.profile().filter(p -> !out.contains(p)).ifPresent(out::add);
            }
            return out;
        }

        @Override
        public Optional<OsFacts.InstallScript> installScript(String profile, Map<String, String> config) {
            return installScript(profile, config, false, null);
        }

        @Override
        public Optional<OsFacts.InstallScript> installScript(String profile, Map<String, String> config,
                boolean network, String injection) {
            Optional<org.jvirt.osinfo.InstallScript> s = os.installScript(profile);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            if (injection != null) {
                // virt-install's set_preferred_injection_method
                org.jvirt.osinfo.InjectionMethod m = org.jvirt.osinfo.InjectionMethod.valueOf(
                        injection.toUpperCase(java.util.Locale.ROOT));
                if (!s.get().injectionMethods().contains(m)) {
                    throw InstallErrors.invalid("OS '%s' does not support required injection method '%s'",
                            os.shortId(), injection);
                }
                s = Optional.of(s.get().withPreferredInjection(m));
            }
            InstallConfig cfg = InstallConfig.empty();
            for (Map.Entry<String, String> e : config.entrySet()) {
                cfg = cfg.with(e.getKey(), e.getValue());
            }
            org.jvirt.osinfo.InstallScript script = s.get();
            for (org.jvirt.osinfo.ConfigParam p : script.configParams()) {
                boolean password = p.name().equals("user-password") || p.name().equals("admin-password");
                if (password && p.required() && !config.containsKey(p.name())) {
                    // virt-install's wording
                    throw InstallErrors.invalid("%s requires the %s to be set.", os.shortId(), p.name());
                }
            }
            try {
                script.checkRequired(cfg);
                String content = network ? script.generate(os, null, null,
                        org.jvirt.osinfo.InstallScript.InstallationSource.NETWORK, cfg) : script.generate(os, cfg);
                String args = "";
                try {
                    args = script.generateCommandLine(os, (Media) null, network
                            ? org.jvirt.osinfo.InstallScript.InstallationSource.NETWORK
                            : org.jvirt.osinfo.InstallScript.InstallationSource.MEDIA, cfg).orElse("");
                } catch (RuntimeException e) {
                    args = ""; // the template needs media facts we do not have: no command line then
                }
                String used = injection != null ? injection
                        : script.injectionMethods().stream().map(m -> m.xmlName()).findFirst().orElse("cdrom");
                return Optional.of(new OsFacts.InstallScript(script.expectedFilename().orElse(profile + ".cfg"),
                        content, used, args));
            } catch (OsinfoException e) {
                throw InstallErrors.invalid("%s", e.getMessage());
            } catch (RuntimeException e) {
                throw InstallErrors.failed("Unable to generate the install script %s: %s", script.id(), e);
            }
        }
    }
}
