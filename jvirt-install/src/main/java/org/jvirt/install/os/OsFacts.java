package org.jvirt.install.os;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One OS as provisioning sees it: what it supports, what it needs, how it installs unattended. */
public interface OsFacts {

    /** The full id, e.g. {@code http://debian.org/debian/11}; null for virt-install's "generic". */
    String id();

    /** The short id virt-install prints, e.g. {@code debian11}. */
    String shortId();

    /** The osinfo family (linux, winnt, freebsd, ...), or "" when unknown. */
    String family();

    /** The distribution (debian, fedora, rhel, opensuse, ...), or "" when unknown. */
    default String distro() {
        return "";
    }

    /**
     * The kernel argument that points the OS's installer at a network tree (virt-install's
     * {@code get_kernel_url_arg}): osinfo's, else "install" for SUSE and "inst.repo" for Red Hat's distributions.
     */
    default String kernelUrlArgument() {
        return switch (distro()) {
            case "caasp", "sle", "sled", "sles", "opensuse" -> "install";
            case "centos", "rhel", "fedora" -> "inst.repo";
            default -> null;
        };
    }

    /**
     * The RAM (bytes) a network install needs (virt-install's {@code get_network_install_required_ram}: the first
     * network-install block for {@code arch} or "all"), or null.
     */
    default Long networkInstallRam(String arch) {
        return null;
    }

    /** Whether the OS supports the device (directly or through what it derives from). */
    boolean supports(OsDevice device);

    /** Resources in bytes (RAM, storage) and counts (CPUs), for an architecture; null when osinfo has none. */
    Resources resources(String arch);

    /** Whether the OS boots only with UEFI on {@code arch}. */
    boolean requiresEfi(String arch);

    /** The install-script profiles the OS has (jeos, desktop, ...), in the database's order. */
    List<String> installScriptProfiles();

    /**
     * Generates the OS's install script for {@code profile} with {@code config} (osinfo's config parameter names:
     * admin-password, user-login, user-password, hostname, ...), or empty when the OS has no such script.
     */
    Optional<InstallScript> installScript(String profile, Map<String, String> config);

    /**
     * The install script as virt-install generates it: injected by {@code injection} ("initrd" for --location,
     * "cdrom" otherwise; an error when the script cannot be), and for an install from a network tree with
     * installation source "network" (no install media, {@code installation-url} in {@code config}).
     */
    default Optional<InstallScript> installScript(String profile, Map<String, String> config, boolean network,
            String injection) {
        return installScript(profile, config);
    }

    default boolean isWindows() {
        return switch (family()) {
            case "win9x", "winnt", "win16" -> true;
            default -> false;
        };
    }

    default boolean isGeneric() {
        return "generic".equals(shortId());
    }

    /**
     * Minimum and recommended resources; a missing recommendation is twice the minimum, as virt-install takes it.
     *
     * @param minimumRam          bytes, or null
     * @param recommendedRam      bytes, or null
     * @param recommendedCpus     count, or null
     * @param recommendedStorage  bytes, or null
     */
    record Resources(Long minimumRam, Long recommendedRam, Integer recommendedCpus, Long recommendedStorage) {
        public static final Resources NONE = new Resources(null, null, null, null);
    }

    /**
     * A generated install script.
     *
     * @param fileName  the name the installer expects (preseed.cfg, autounattend.xml, ks.cfg)
     * @param content   the script
     * @param injection how the installer finds it: "initrd", "cdrom", "floppy"
     * @param kernelArgs what the install kernel needs to find it (may be empty)
     */
    record InstallScript(String fileName, String content, String injection, String kernelArgs) {}
}
