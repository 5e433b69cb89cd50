package org.jvirt.install.guest;

import java.util.List;

import org.jvirt.install.InstallRequest.CharSpec;
import org.jvirt.install.InstallRequest.GraphicsSpec;
import org.jvirt.install.InstallRequest.NetworkSpec;
import org.jvirt.install.host.HostFacts;
import org.jvirt.install.os.OsFacts;

/**
 * Everything resolved that the domain XML is made of, before virt-install's device defaults are applied.
 *
 * @param name             the guest's name
 * @param uuid             its UUID
 * @param os               the OS
 * @param host             the host (capabilities and domain capabilities for the machine)
 * @param machine          the machine type
 * @param memoryKiB        memory
 * @param vcpus            vCPUs
 * @param uefi             firmware="efi"
 * @param kernel           --boot kernel=, or null
 * @param initrd           --boot initrd=, or null
 * @param kernelArgs       --boot kernel_args=, or null
 * @param bootOrder        --boot's explicit device order (empty: the installer's)
 * @param bootMenu         --boot menu=on/off, or null
 * @param disks            the disks, in command line order (the install CD-ROM included)
 * @param networks         the resolved NICs (kind, source, model or null, MAC)
 * @param graphics         the graphics, or null for none
 * @param consoles         --console
 * @param serials          --serial
 * @param install          what the install phase changes
 */
public record GuestSpec(String name, String uuid, OsFacts os, HostFacts host, String machine, long memoryKiB,
        int vcpus, boolean uefi, String kernel, String initrd, String kernelArgs, List<String> bootOrder,
        Boolean bootMenu, List<GuestDisk> disks, List<NetworkSpec> networks, GraphicsSpec graphics,
        List<CharSpec> consoles, List<CharSpec> serials, InstallPhase install) {

    /**
     * The install phase: what the first boot has that the defined guest does not.
     *
     * @param bootDev        the install boot device (cdrom for --cdrom), or null
     * @param cdrom          the install ISO's path (--cdrom), or null
     * @param kernel         the install kernel (--location), or null
     * @param initrd         the install initrd (--location), or null
     * @param kernelArgs     its command line, or null
     * @param seedCdrom      the cloud-init / unattended seed ISO, or null
     * @param cloudInit      the guest reads a NoCloud seed (SMBIOS serial ds=nocloud on the first boot)
     * @param hasInstallPhase whether there is a first boot different from the defined guest
     * @param noInstall      --import, or only --boot: no install at all
     * @param memoryKiB      the first boot's memory when a network install needs more, or null
     */
    public record InstallPhase(String bootDev, String cdrom, String kernel, String initrd, String kernelArgs,
            String seedCdrom, boolean cloudInit, boolean hasInstallPhase, boolean noInstall, Long memoryKiB) {
        public static final InstallPhase IMPORT = new InstallPhase(null, null, null, null, null, null, false, false,
                true, null);
    }
}
