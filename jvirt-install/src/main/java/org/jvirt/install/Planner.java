package org.jvirt.install;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.install.InstallRequest.DiskSpec;
import org.jvirt.install.InstallRequest.GraphicsSpec;
import org.jvirt.install.InstallRequest.InstallMethod;
import org.jvirt.install.InstallRequest.NetworkSpec;
import org.jvirt.install.guest.GuestComposer;
import org.jvirt.install.guest.GuestDisk;
import org.jvirt.install.guest.GuestSpec;
import org.jvirt.install.host.HostFacts;
import org.jvirt.install.os.OsCatalog;
import org.jvirt.install.os.OsCatalog.MediaMatch;
import org.jvirt.install.os.OsFacts;
import org.jvirt.install.storage.DiskResolver;
import org.jvirt.install.storage.VolumePlan;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.w3c.dom.Element;

/**
 * Resolves a request the way virt-install's {@code build_guest_instance} does: the OS (named or detected), the
 * host, the OS-aware defaults (memory, vCPUs, disk, machine, firmware, NIC), the disks and the install media, and
 * the errors virt-install gives for what is missing. Reads only; {@link Provisioner} makes things.
 */
final class Planner {
    static final String INSTALL_METHODS = "--location URL, --cdrom CD/ISO, --pxe, --import, --boot hd|cdrom|...";
    private static final long MIB = 1024L * 1024;
    private static final long GIB = 1024 * MIB;

    private final Connect conn;
    private final OsCatalog catalog;
    private final List<String> messages = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Planner(Connect conn, OsCatalog catalog) {
        this.conn = conn;
        this.catalog = catalog;
    }

    /**
     * @param printOnly     --print-xml: no install method is needed, the name need not be free
     */
    Plan plan(InstallRequest req, boolean printOnly) {
        if (req.reinstall() != null) {
            return new Reinstaller(conn, catalog, this).plan(req, printOnly);
        }
        if (req.name() == null || req.name().isEmpty()) {
            throw InstallErrors.invalid("--name is required");
        }
        if (!printOnly) {
            checkName(req.name());
        }
        DiskResolver resolver = new DiskResolver(conn);
        InstallMethod method = effectiveMethod(req, printOnly);
        checkMedia(method, resolver);
        HostFacts host = HostFacts.probe(conn, req.virtType(), null);
        TreeLocator.Located tree = null;
        if (method instanceof InstallMethod.Location loc) {
            // the named OS's store is tried first, as virt-install sets the OS before detecting
            OsFacts named = req.os().name() == null ? null : catalog.require(req.os().name());
            tree = TreeLocator.locate(loc, catalog, named, host.arch());
        }
        Optional<OsFacts> detected = detect(req, method, resolver, tree);
        OsFacts os = resolveOs(req, method, detected);

        String machine = req.machine() != null ? req.machine() : defaultMachine(host, os);
        host = host.withDomainCaps(conn, machine);
        OsFacts.Resources res = os.resources(host.arch());

        // memory, vCPUs, disk: the user's, else the OS's recommendation (virt-install's set_cli_defaults)
        Long memMiB = req.memoryMiB();
        Long recRam = res.recommendedRam();
        if (memMiB == null && recRam != null) {
            memMiB = recRam / MIB;
            messages.add("Using " + os.shortId() + " default --memory " + memMiB);
        }
        Integer vcpus = req.vcpus() != null ? req.vcpus()
                : res.recommendedCpus() != null ? res.recommendedCpus() : Integer.valueOf(1);
        List<DiskSpec> diskSpecs = new ArrayList<>(req.disks());
        if (diskSpecs.isEmpty() && res.recommendedStorage() != null) {
            long gib = res.recommendedStorage() / GIB;
            messages.add("Using " + os.shortId() + " default --disk size=" + gib);
            diskSpecs.add(new DiskSpec(false, null, (double) gib, null, null, null, null, null));
        }
        StringBuilder missing = new StringBuilder();
        if (memMiB == null) {
            missing.append("\n--memory amount in MiB is required");
        }
        if (diskSpecs.isEmpty()) {
            missing.append("\n--disk storage must be specified (override with --disk none)");
        }
        if (method == null) {
            missing.append("\nAn install method must be specified\n(").append(INSTALL_METHODS).append(')');
        }
        if (!missing.isEmpty()) {
            throw InstallErrors.invalid("%s", missing.toString());
        }
        if (res.minimumRam() != null && res.minimumRam() / MIB > memMiB) {
            warnings.add("Requested memory " + memMiB + " MiB is less than the recommended "
                    + res.minimumRam() / MIB + " MiB for OS " + os.shortId());
        } else if (res.minimumRam() == null && memMiB < 17) {
            warnings.add("Requested memory " + memMiB + " MiB is abnormally low. Were you trying to specify GiB?");
        }
        if (os.isGeneric()) {
            warnings.add("Using --osinfo generic, VM performance may suffer. Specify an accurate OS for optimal "
                    + "results.");
        }

        // firmware: --boot uefi, or the OS needs EFI
        boolean uefi = req.boot().uefi() || (os.requiresEfi(host.arch()) && req.boot().kernel() == null);
        if (uefi && !host.domcaps().efi()) {
            if (req.boot().uefi()) {
                throw InstallErrors.invalid("Did not find any UEFI binary path for arch '%s'", host.arch());
            }
            warnings.add("Couldn't configure UEFI: Did not find any UEFI binary path for arch '" + host.arch()
                    + "'");
            warnings.add("Your VM may not boot successfully.");
            uefi = false;
        }

        // disks: the install CD-ROM (from --cdrom, or a --location ISO) goes before the other CD-ROMs
        List<VolumePlan> volumes = new ArrayList<>();
        DiskResolver.Resolved disks = resolver.resolve(req.name(), diskSpecs, req.checks().diskSize(),
                req.checks().pathInUse());
        volumes.addAll(disks.volumes());
        List<GuestDisk> guestDisks = new ArrayList<>(disks.disks());
        String installCdrom = switch (method) {
            case InstallMethod.Cdrom c -> c.iso().toString();
            case InstallMethod.Location l when TreeLocator.isLocalIso(l) -> l.source();
            default -> null;
        };
        if (installCdrom != null) {
            GuestDisk cd = new GuestDisk("cdrom", false, installCdrom, "raw", null, false);
            int at = 0;
            while (at < guestDisks.size() && !guestDisks.get(at).isCdrom()) {
                at++;
            }
            guestDisks.add(at, cd);
        }

        MediaPlanner media = new MediaPlanner(conn, req, os, tree);
        MediaPlanner.Result m = media.plan(method, host.arch(), catalog);
        if (m.seedPath() != null) {
            guestDisks.add(new GuestDisk("cdrom", false, m.seedPath(), "raw", null, false));
        }
        warnings.addAll(m.warnings());

        boolean noInstall = method instanceof InstallMethod.Import || method instanceof InstallMethod.NoInstall;
        String bootDev = switch (method) {
            case InstallMethod.Cdrom c -> "cdrom";
            case InstallMethod.Pxe p -> "network";
            default -> null;
        };
        Long installMemKiB = null;
        if (tree != null && (tree.isNetwork() || tree.isDirectory())) {
            // virt-install's _alter_install_resources: a network install may need more memory than the guest
            Long ram = os.networkInstallRam(host.arch());
            long kib = ram == null ? 0 : ram / 1024;
            if (kib > memMiB * 1024) {
                warnings.add("Overriding memory to " + kib / 1024 + " MiB needed for " + os.shortId()
                        + " network install.");
                installMemKiB = kib;
            }
        }
        GuestSpec.InstallPhase phase = new GuestSpec.InstallPhase(bootDev, installCdrom, m.kernel(), m.initrd(),
                m.kernelArgs(), m.seedPath(), req.cloudInit() != null, !noInstall, noInstall, installMemKiB);
        List<NetworkSpec> nics = networks(req);
        if (method instanceof InstallMethod.Pxe && !supportsPxe(nics)) {
            warnings.add(0, "The guest's network configuration may not support PXE");
        }
        GuestSpec spec = new GuestSpec(req.name(), UUID.randomUUID().toString(), os, host, machine, memMiB * 1024,
                vcpus, uefi, req.boot().kernel(), req.boot().initrd(), req.boot().kernelArgs(), req.boot().order(),
                req.boot().menu(), guestDisks, nics, graphics(req, host), req.consoles(), req.serials(),
                phase);
        return new Plan(spec, GuestComposer.compose(spec), volumes, m.steps(), messages, warnings,
                m.generatedPassword());
    }

    /** virt-install's {@code validate_name}: the name must be free. */
    private void checkName(String name) {
        if (name.contains("/") || name.equals("..") || name.equals(".")) {
            throw InstallErrors.invalid("Guest name '%s' can not contain '/'", name);
        }
        try {
            conn.domainLookupByName(name);
        } catch (VirtException e) {
            if (e.error().number() == ErrorNumber.NO_DOMAIN) {
                return;
            }
            throw e;
        }
        throw VirtException.of(org.jvirt.ErrorDomain.NONE, ErrorNumber.DOM_EXIST, "%s",
                "Guest name '" + name + "' is already in use.");
    }

    /** What to install from; with only --print-xml (or --boot, --cloud-init, --unattended) nothing is. */
    static InstallMethod effectiveMethod(InstallRequest req, boolean printOnly) {
        if (req.method() != null) {
            return req.method();
        }
        if (printOnly || req.boot().isSet() || req.cloudInit() != null || req.unattended() != null) {
            return new InstallMethod.NoInstall();
        }
        return null;
    }

    /** The install media must exist (virt-install's "Validating install media" errors). */
    private void checkMedia(InstallMethod method, DiskResolver resolver) {
        if (method instanceof InstallMethod.Location l) {
            checkLocation(l);
        } else if (method instanceof InstallMethod.Cdrom c) {
            checkCdrom(c, resolver);
        }
    }

    /** A local --location is read here, on the client (its kernel and initrd are uploaded): it must exist. */
    void checkLocation(InstallMethod.Location l) {
        if (!l.isUrl() && !Files.exists(Path.of(l.source()))) {
            throw InstallErrors.invalid("Error validating install location: Validating install media '%s' "
                    + "failed: No such file or directory", l.source());
        }
    }

    void checkCdrom(InstallMethod.Cdrom c) {
        checkCdrom(c, new DiskResolver(conn));
    }

    private static void checkCdrom(InstallMethod.Cdrom c, DiskResolver resolver) {
        String path = c.iso().toString();
        if (!resolver.exists(path)) {
            throw InstallErrors.invalid("Validating install media '%s' failed: Must specify storage creation "
                    + "parameters for non-existent path '%s'.", path, path);
        }
    }

    /** The OS the install media hold, when the user asked for detection (or named none). */
    Optional<OsFacts> detectFor(InstallRequest req, InstallMethod method, TreeLocator.Located tree) {
        return detect(req, method, new DiskResolver(conn), tree);
    }

    private Optional<OsFacts> detect(InstallRequest req, InstallMethod method, DiskResolver resolver,
            TreeLocator.Located tree) {
        boolean detect = req.os().detect() || req.os().name() == null;
        if (!detect) {
            return Optional.empty();
        }
        return switch (method) {
            case InstallMethod.Cdrom c when resolver.localPaths() -> catalog.detectMedia(c.iso()).map(MediaMatch::os);
            case InstallMethod.Location l when tree != null && tree.detected() != null -> catalog.find(tree.detected());
            case null, default -> Optional.empty();
        };
    }

    /**
     * virt-install's {@code supports_pxe}: false when we are pretty sure the NICs cannot PXE boot (none, only
     * user networking, or the first virtual network has neither a forward mode other than nat nor a boot file).
     */
    private boolean supportsPxe(List<NetworkSpec> nics) {
        for (NetworkSpec n : nics) {
            if (n.kind() == NetworkSpec.Kind.USER) {
                continue;
            }
            if (n.kind() != NetworkSpec.Kind.NETWORK) {
                return true;
            }
            try {
                Element net = XmlParser.defaults().parse(conn.networkLookupByName(n.source()).getXMLDesc())
                        .getDocumentElement();
                Element fwd = Dom.child(net, "forward");
                String mode = fwd == null ? null : Dom.attribute(fwd, "mode");
                if (mode != null && !mode.isEmpty() && !mode.equals("nat")) {
                    return true;
                }
                for (Element ip : Dom.children(net, "ip")) {
                    Element dhcp = Dom.child(ip, "dhcp");
                    if (dhcp != null && Dom.child(dhcp, "bootp") != null
                            && Dom.attribute(Dom.child(dhcp, "bootp"), "file") != null) {
                        return true;
                    }
                }
                return false;
            } catch (VirtException e) {
                return true; // virt-install: an error checking means "maybe"
            }
        }
        return false;
    }

    OsFacts resolveOs(InstallRequest req, InstallMethod method, Optional<OsFacts> detected) {
        InstallRequest.OsChoice choice = req.os();
        if (detected.isPresent() && (choice.detect() || choice.name() == null)) {
            if (choice.name() == null || choice.detect()) {
                return detected.get();
            }
        }
        if (choice.name() != null) {
            return catalog.require(choice.name());
        }
        if (!choice.require()) {
            return catalog.require("generic");
        }
        StringBuilder msg = new StringBuilder("\n--os-variant/--osinfo OS name is required, but no value was\n"
                + "set or detected.\n\nThis is now a fatal error. Specifying an OS name is required\n"
                + "for modern, performant, and secure virtual machine defaults.\n");
        if (method instanceof InstallMethod.Cdrom || method instanceof InstallMethod.Location) {
            msg.append("\nIf you expected virt-install to detect an OS name from the\ninstall media, you can set a "
                    + "fallback OS name with:\n\n  --osinfo detect=on,name=OSNAME\n");
        }
        msg.append("\nYou can see a full list of possible OS name values with:\n\n   virt-install --osinfo list\n");
        msg.append("\nIf your Linux distro is not listed, try one of generic values\nsuch as: linux2022, linux2020, "
                + "linux2018, linux2016\n");
        msg.append("\nIf you just need to get the old behavior back, you can use:\n\n  --osinfo detect=on,"
                + "require=off\n\nOr export VIRTINSTALL_OSINFO_DISABLE_REQUIRE=1\n");
        throw InstallErrors.invalid("%s", msg.toString());
    }

    /** virt-install's {@code _set_default_machine}: q35 when the OS has it, else the first machine type. */
    static String defaultMachine(HostFacts host, OsFacts os) {
        if (host.isX86() && host.isQemu() && host.machines().contains("q35") && supportsQ35(os)) {
            return "q35";
        }
        return host.machines().isEmpty() ? null : host.machines().get(0);
    }

    /** virt-install's {@code supports_chipset_q35}: q35 and, when the OS has virtio-net, virtio 1.0 too. */
    static boolean supportsQ35(OsFacts os) {
        if (os.supports(org.jvirt.install.os.OsDevice.VIRTIO_NET)
                && !os.supports(org.jvirt.install.os.OsDevice.VIRTIO1)) {
            return false;
        }
        return os.supports(org.jvirt.install.os.OsDevice.Q35);
    }

    private List<NetworkSpec> networks(InstallRequest req) {
        List<NetworkSpec> out = new ArrayList<>();
        List<NetworkSpec> asked = req.networks().isEmpty()
                ? List.of(new NetworkSpec(null, null, null, null)) : req.networks();
        for (NetworkSpec n : asked) {
            if (n.kind() == NetworkSpec.Kind.NONE) {
                continue;
            }
            NetworkSpec.Kind kind = n.kind();
            String source = n.source();
            if (kind == null) {
                // virt-install's default: the default network when the host has it, else user networking
                boolean hasDefault;
                try {
                    conn.networkLookupByName("default");
                    hasDefault = true;
                } catch (VirtException e) {
                    hasDefault = false;
                }
                kind = hasDefault ? NetworkSpec.Kind.NETWORK : NetworkSpec.Kind.USER;
                source = hasDefault ? "default" : null;
            }
            if (n.mac() != null && req.checks().macInUse()) {
                checkMacFree(n.mac());
            }
            String mac = n.mac() != null ? n.mac() : randomMac();
            out.add(new NetworkSpec(kind, source, n.model(), mac));
        }
        return out;
    }

    /** virt-install's mac_in_use check: no defined guest may have the MAC. */
    private void checkMacFree(String mac) {
        for (Domain dom : conn.listAllDomains()) {
            Element root = XmlParser.defaults().parse(dom.getXMLDesc()).getDocumentElement();
            Element devices = Dom.child(root, "devices");
            if (devices == null) {
                continue;
            }
            for (Element nic : Dom.children(devices, "interface")) {
                Element m = Dom.child(nic, "mac");
                if (m != null && mac.equalsIgnoreCase(Dom.attribute(m, "address"))) {
                    throw InstallErrors.optionalFail("mac_in_use",
                            "The MAC address '" + mac + "' is in use by another virtual machine.");
                }
            }
        }
    }

    /** QEMU's OUI and three random bytes, as virt-install makes them. */
    static String randomMac() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        return String.format("52:54:00:%02x:%02x:%02x", r.nextInt(256), r.nextInt(256), r.nextInt(256));
    }

    private static GraphicsSpec graphics(InstallRequest req, HostFacts host) {
        GraphicsSpec g = req.graphics();
        if (g != null && g.none()) {
            return null;
        }
        if (g != null && g.type() != null) {
            return g;
        }
        if (!host.isX86()) {
            return null;
        }
        boolean spice = host.domcaps().graphics().isEmpty() || host.domcaps().graphics().contains("spice");
        String type = spice ? "spice" : "vnc";
        return new GraphicsSpec(type, g == null ? null : g.listen(), g == null ? null : g.port());
    }
}
