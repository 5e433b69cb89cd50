package org.jvirt.install;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a user asks for, with virt-install's option semantics: every field left null takes its OS-aware default.
 * Built by {@link Builder}; the command line ({@code bin/jvirt-install}) and the web UI both build one.
 *
 * @param name         the guest's name (--name)
 * @param memoryMiB    --memory, or null for the OS's recommended amount
 * @param vcpus        --vcpus, or null for the OS's recommended count
 * @param os           --osinfo
 * @param method       the install source (--cdrom, --location, --import, or none with --boot)
 * @param extraArgs    --extra-args, appended to the install kernel's command line (--location only)
 * @param boot         --boot
 * @param disks        --disk, in order; empty means the OS's default disk, {@link DiskSpec#none()} means none
 * @param networks     --network, in order; empty means the default network (or user networking)
 * @param graphics     --graphics, or null for the default (SPICE when the host has it)
 * @param consoles     --console
 * @param serials      --serial
 * @param cloudInit    --cloud-init, or null
 * @param unattended   --unattended, or null
 * @param virtType     --virt-type (kvm, qemu), or null for the host's best
 * @param machine      --machine, or null for the OS-aware default
 * @param autostart    --autostart
 * @param checks       --check: which of virt-install's safety checks are on
 * @param reinstall    --reinstall: the existing guest (name, id or UUID) to install again, or null
 */
public record InstallRequest(String name, Long memoryMiB, Integer vcpus, OsChoice os, InstallMethod method,
        String extraArgs, BootSpec boot, List<DiskSpec> disks, List<NetworkSpec> networks, GraphicsSpec graphics,
        List<CharSpec> consoles, List<CharSpec> serials, CloudInitSpec cloudInit, UnattendedSpec unattended,
        String virtType, String machine, boolean autostart, Checks checks, String reinstall) {

    public InstallRequest {
        disks = List.copyOf(disks);
        networks = List.copyOf(networks);
        consoles = List.copyOf(consoles);
        serials = List.copyOf(serials);
        boot = boot == null ? BootSpec.NONE : boot;
        checks = checks == null ? Checks.ALL_ON : checks;
        os = os == null ? OsChoice.UNSET : os;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** --osinfo: a name (short id or full id), detect=on, require=off. */
    public record OsChoice(String name, boolean detect, boolean require) {
        public static final OsChoice UNSET = new OsChoice(null, false, true);

        public static OsChoice of(String name) {
            return new OsChoice(name, false, true);
        }
    }

    /** The install source. */
    public sealed interface InstallMethod {
        /** --cdrom PATH: boot the installer ISO. */
        record Cdrom(Path iso) implements InstallMethod {}

        /**
         * --location SOURCE[,kernel=K,initrd=I]: an ISO, a local tree, or an http/https URL of a tree; kernel and
         * initrd are taken from it (K and I are paths inside it).
         */
        record Location(String source, String kernel, String initrd) implements InstallMethod {
            public Location(Path source, String kernel, String initrd) {
                this(source.toString(), kernel, initrd);
            }

            /** Whether the source is a network URL (fetched on the client, its kernel told where the tree is). */
            public boolean isUrl() {
                return org.jvirt.install.tree.TreeSource.isUrl(source);
            }
        }

        /** --pxe: boot from the network first (the install), then from the disk. */
        record Pxe() implements InstallMethod {}

        /** --import: the disks already hold an installed OS. */
        record Import() implements InstallMethod {}

        /** Nothing to install from (--boot kernel=..., --cloud-init or --unattended alone). */
        record NoInstall() implements InstallMethod {}
    }

    /** --boot: firmware and direct kernel boot, an explicit boot order, the boot menu (null: unset). */
    public record BootSpec(boolean uefi, String kernel, String initrd, String kernelArgs, List<String> order,
            Boolean menu) {
        public static final BootSpec NONE = new BootSpec(false, null, null, null, List.of(), null);

        public BootSpec {
            order = List.copyOf(order);
        }

        public boolean isSet() {
            return uefi || kernel != null || initrd != null || kernelArgs != null || !order.isEmpty() || menu != null;
        }
    }

    /**
     * --disk. {@code none} stands for {@code --disk none}. {@code sizeGiB} with no path makes a new volume (in
     * {@code pool}, or the default pool); a path that is no volume and no file yet is made in the pool that holds
     * its directory.
     */
    public record DiskSpec(boolean none, String path, Double sizeGiB, String pool, String format, String backingStore,
            String bus, String device) {
        public static DiskSpec noDisk() {
            return new DiskSpec(true, null, null, null, null, null, null, null);
        }

        public boolean isCdrom() {
            return "cdrom".equals(device);
        }
    }

    /** --network: network=NAME, bridge=BR, user, or none; model=, mac=. */
    public record NetworkSpec(Kind kind, String source, String model, String mac) {
        public enum Kind { NETWORK, BRIDGE, USER, NONE }
    }

    /** --graphics vnc|spice|none[,listen=ADDR][,port=N][,password=...]. */
    public record GraphicsSpec(String type, String listen, Integer port) {
        public boolean none() {
            return "none".equals(type);
        }
    }

    /** --console / --serial: pty (the default) or file (path=), with an optional target type (serial, virtio). */
    public record CharSpec(String type, String targetType, String path) {}

    /**
     * --cloud-init: with no option, virt-install's default (root-password-generate and disable, plus the user's
     * SSH key when one is found; we take only what is given).
     */
    public record CloudInitSpec(boolean rootPasswordGenerate, Path rootPasswordFile, Path rootSshKey, Path userData,
            Path metaData, Path networkConfig, boolean disable) {}

    /** --unattended profile=,admin-password-file=,user-login=,user-password-file=,product-key=. */
    public record UnattendedSpec(String profile, Path adminPasswordFile, String userLogin, Path userPasswordFile,
            String productKey) {}

    /** --check: virt-install's safety checks (path_in_use, disk_size, path_exists, mac_in_use). */
    public record Checks(boolean pathInUse, boolean diskSize, boolean pathExists, boolean macInUse) {
        public static final Checks ALL_ON = new Checks(true, true, true, true);
    }

    /** Collects the options one by one, as a parser meets them. */
    public static final class Builder {
        private String name;
        private Long memoryMiB;
        private Integer vcpus;
        private OsChoice os = OsChoice.UNSET;
        private InstallMethod method;
        private String extraArgs;
        private BootSpec boot = BootSpec.NONE;
        private final List<DiskSpec> disks = new ArrayList<>();
        private final List<NetworkSpec> networks = new ArrayList<>();
        private GraphicsSpec graphics;
        private final List<CharSpec> consoles = new ArrayList<>();
        private final List<CharSpec> serials = new ArrayList<>();
        private CloudInitSpec cloudInit;
        private UnattendedSpec unattended;
        private String virtType;
        private String machine;
        private boolean autostart;
        private Checks checks = Checks.ALL_ON;
        private String reinstall;

        public Builder name(String v) { name = v; return this; }
        public Builder memoryMiB(Long v) { memoryMiB = v; return this; }
        public Builder vcpus(Integer v) { vcpus = v; return this; }
        public Builder os(OsChoice v) { os = v; return this; }
        public Builder os(String v) { os = OsChoice.of(v); return this; }
        public Builder method(InstallMethod v) { method = v; return this; }
        public Builder extraArgs(String v) { extraArgs = v; return this; }
        public Builder boot(BootSpec v) { boot = v; return this; }
        public Builder disk(DiskSpec v) { disks.add(v); return this; }
        public Builder network(NetworkSpec v) { networks.add(v); return this; }
        public Builder graphics(GraphicsSpec v) { graphics = v; return this; }
        public Builder console(CharSpec v) { consoles.add(v); return this; }
        public Builder serial(CharSpec v) { serials.add(v); return this; }
        public Builder cloudInit(CloudInitSpec v) { cloudInit = v; return this; }
        public Builder unattended(UnattendedSpec v) { unattended = v; return this; }
        public Builder virtType(String v) { virtType = v; return this; }
        public Builder machine(String v) { machine = v; return this; }
        public Builder autostart(boolean v) { autostart = v; return this; }
        public Builder checks(Checks v) { checks = v; return this; }
        public Builder reinstall(String v) { reinstall = v; return this; }

        public InstallRequest build() {
            return new InstallRequest(name, memoryMiB, vcpus, os, method, extraArgs, boot, disks, networks, graphics,
                    consoles, serials, cloudInit, unattended, virtType, machine, autostart, checks, reinstall);
        }
    }
}
