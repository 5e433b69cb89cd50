package org.jvirt.osinfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An installation or live medium of an OS ({@code <media arch="x86_64">}): its download URL, the ISO 9660
 * identifiers (regular expressions) that recognise it, the kernel and initrd paths inside it for a direct
 * kernel boot, and what it does (installer, live, how often the installer reboots). Properties carry
 * libosinfo's names: {@code architecture}, {@code url}, {@code volume-id}, {@code system-id},
 * {@code publisher-id}, {@code application-id}, {@code volume-size}, {@code kernel}, {@code initrd},
 * {@code installer}, {@code live}, {@code installer-reboots}, {@code eject-after-install},
 * {@code installer-script}, {@code variant}, {@code l10n-language}.
 */
public final class Media extends Entity {
    private final List<String> installScriptIds;

    Media(String id, Map<String, List<String>> properties, List<String> installScriptIds) {
        super(id, properties);
        this.installScriptIds = List.copyOf(installScriptIds);
    }

    /** The architecture ("x86_64", "aarch64" ..., or "all"). */
    public String arch() {
        return property("architecture").orElse("all");
    }

    public Optional<String> url() {
        return property("url");
    }

    /** The ids of the OS variants this medium carries. */
    public List<String> variants() {
        return properties("variant");
    }

    /** Regular expression for the volume id. */
    public Optional<String> volumeId() {
        return property("volume-id");
    }

    /** Regular expression for the system id. */
    public Optional<String> systemId() {
        return property("system-id");
    }

    /** Regular expression for the publisher id. */
    public Optional<String> publisherId() {
        return property("publisher-id");
    }

    /** Regular expression for the application id. */
    public Optional<String> applicationId() {
        return property("application-id");
    }

    /** The exact volume size in bytes the medium must have, or -1 when any size matches. */
    public long volumeSize() {
        return number("volume-size", -1);
    }

    /** The kernel's path inside the medium, for a direct kernel boot (virt-install's --location). */
    public Optional<String> kernel() {
        return property("kernel");
    }

    /** The initrd's path inside the medium. */
    public Optional<String> initrd() {
        return property("initrd");
    }

    /** Whether the medium installs the OS (true unless it says otherwise). */
    public boolean installer() {
        return flag("installer", true);
    }

    /** Whether the medium runs the OS live. */
    public boolean live() {
        return flag("live", false);
    }

    /** How many times the installer reboots (1 unless said otherwise). */
    public int installerReboots() {
        return (int) number("installer-reboots", 1);
    }

    public boolean ejectAfterInstall() {
        return flag("eject-after-install", true);
    }

    /** Whether the medium accepts an install script (true unless it says otherwise). */
    public boolean installerScript() {
        return flag("installer-script", true);
    }

    /** Languages the medium carries ({@code l10n-language}). */
    public List<String> languages() {
        return properties("l10n-language");
    }

    /** Install scripts meant for this medium in particular; empty when the OS's own apply. */
    public List<String> installScriptIds() {
        return installScriptIds;
    }

    /**
     * Whether {@code iso} is this medium, by libosinfo's rules (osinfo_media_matches): at least one identifier
     * or a size must be known; every regular expression given must be found in the ISO's field; the sizes must
     * agree when this medium names one.
     */
    public boolean matches(IsoVolume iso) {
        String vol = value("volume-id");
        String sys = value("system-id");
        String pub = value("publisher-id");
        String app = value("application-id");
        long size = volumeSize();
        if (vol == null && sys == null && pub == null && app == null && size <= 0) {
            return false;
        }
        // an empty field of the ISO is unset for libosinfo: a pattern never matches it
        return Regexes.matches(vol, unset(iso.volumeId()))
                && Regexes.matches(app, unset(iso.applicationId()))
                && Regexes.matches(sys, unset(iso.systemId()))
                && Regexes.matches(pub, unset(iso.publisherId()))
                && (size <= 0 || size == iso.volumeSize());
    }

    private static String unset(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
