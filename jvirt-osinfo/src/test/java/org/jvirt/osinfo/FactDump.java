package org.jvirt.osinfo;

import java.util.List;

/** jvirt-osinfo's facts about an OS in the line format of libosinfo-dump.py. */
final class FactDump {
    private FactDump() {
    }

    static String facts(Os os) {
        StringBuilder b = new StringBuilder();
        String id = os.id();
        for (String s : os.shortIds()) {
            line(b, id, "short-id", s);
        }
        for (String key : List.of("name", "vendor", "version", "family", "distro", "codename", "release-date",
                "eol-date", "release-status", "kernel-url-argument", "cloud-image-username")) {
            os.property(key).ifPresent(v -> line(b, id, key, v));
        }
        os.derivesFrom().forEach(o -> line(b, id, "derives-from", o.id()));
        os.clones().forEach(o -> line(b, id, "clones", o.id()));
        os.upgrades().forEach(o -> line(b, id, "upgrades", o.id()));
        os.deviceIds().forEach(d -> line(b, id, "device", d));
        for (Firmware f : os.firmwares()) {
            line(b, id, "firmware", f.arch() + " " + f.type() + " " + py(f.supported()));
        }
        resources(b, id, "minimum", os.minimumResources());
        resources(b, id, "recommended", os.recommendedResources());
        resources(b, id, "maximum", os.maximumResources());
        resources(b, id, "network-install", os.networkInstallResources());
        for (Variant v : os.variants()) {
            line(b, id, "variant", v.id() + " " + (v.name() == null ? "" : v.name()));
        }
        for (Media m : os.media()) {
            line(b, id, "media", m.arch() + " vol=" + m.volumeId().orElse("") + " sys=" + m.systemId().orElse("")
                    + " pub=" + m.publisherId().orElse("") + " app=" + m.applicationId().orElse("")
                    + " size=" + m.volumeSize() + " kernel=" + m.kernel().orElse("") + " initrd="
                    + m.initrd().orElse("") + " installer=" + py(m.installer()) + " live=" + py(m.live())
                    + " reboots=" + (m.installer() ? m.installerReboots() : -1));
        }
        for (Tree t : os.trees()) {
            line(b, id, "tree", t.arch() + " url=" + t.url().orElse("") + " kernel=" + t.kernel().orElse("")
                    + " initrd=" + t.initrd().orElse("") + " family=" + t.treeinfoFamily().orElse("")
                    + " variant=" + t.treeinfoVariant().orElse("") + " version=" + t.treeinfoVersion().orElse("")
                    + " arch=" + t.treeinfoArch().orElse(""));
        }
        for (Image i : os.images()) {
            line(b, id, "image", i.arch() + " " + i.format().orElse("") + " " + i.url().orElse("")
                    + " cloud-init=" + py(i.cloudInit()));
        }
        for (InstallScript s : os.installScripts()) {
            line(b, id, "install-script", s.id());
        }
        return b.toString();
    }

    private static void resources(StringBuilder b, String id, String kind, List<Resources> list) {
        for (Resources r : list) {
            line(b, id, "resources", kind + " " + r.arch() + " cpus=" + r.cpus().orElse(-1) + " cpu="
                    + r.cpuHz().orElse(-1) + " ram=" + r.ramBytes().orElse(-1) + " storage="
                    + r.storageBytes().orElse(-1));
        }
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }

    private static void line(StringBuilder b, String id, String field, String value) {
        b.append(id).append('\t').append(field).append('\t').append(value).append('\n');
    }
}
