package org.jvirt.install.cli;

/** The help text: virt-install's options that jvirt-install implements. */
final class Usage {
    static final String TEXT = """
            usage: jvirt-install --name NAME --memory MB STORAGE INSTALL [options]

            Create a new virtual machine from specified install media (virt-install's options).

            General Options:
              -n NAME, --name NAME      Name of the guest instance
              --memory MEMORY           Guest memory in MiB (default: the OS's recommendation)
              --vcpus VCPUS             Number of vCPUs (default: the OS's recommendation)
              --connect URI             Connect to the hypervisor with the libvirt URI

            Installation Method Options:
              --cdrom CDROM             CD-ROM installation media
              --location LOCATION       Install ISO, tree or http(s) URL holding kernel and initrd (kernel=,initrd=)
              --pxe                     Boot from the network using the PXE protocol
              --import                  Build the guest around an existing disk image
              --reinstall DOMAIN        Reinstall an existing guest: only the install options are applied
              --extra-args EXTRA_ARGS   Additional arguments to pass to the install kernel booted from --location
              --osinfo OSINFO           The OS being installed (debian12, win11, ...; detect=on, require=off;
                                        list: every OS name)
              --boot BOOT               uefi, kernel=,initrd=,kernel_args=, hd,cdrom,network, menu=on
              --cloud-init [OPTIONS]    root-password-generate=on, root-password-file=, root-ssh-key=, user-data=,
                                        meta-data=, network-config=, disable=on (NoCloud seed ISO, a CD-ROM)
              --unattended [OPTIONS]    profile=, admin-password-file=, user-login=, user-password-file=,
                                        product-key= (the osinfo install script, injected)

            Device Options:
              --disk DISK               path=, size= (GiB), pool=, vol=POOL/VOL, format=, backing_store=, bus=,
                                        device=cdrom; or none
              --network NETWORK         network=NAME, bridge=BR, user, none; model=, mac=
              --graphics GRAPHICS       vnc, spice, none; listen=, port=
              --console CONSOLE         pty[,target_type=serial|virtio], file,path=P
              --serial SERIAL           pty, file,path=P

            Virtualization Platform Options:
              --virt-type VIRT_TYPE     kvm or qemu
              --machine MACHINE         The machine type to emulate

            Miscellaneous Options:
              --autostart               Have domain autostart on host boot up
              --wait [WAIT]             Minutes to wait for install to complete (-1: forever)
              --noautoconsole           Don't automatically try to connect to the guest console
              --print-xml [XMLONLY]     Print the generated domain XML (1, 2, or all) rather than create the guest
              --dry-run                 Run through install process, but do not create devices or define the guest
              --check CHECK             path_in_use=off, disk_size=off, path_exists=off, mac_in_use=off, all=off
              -q, --quiet               Suppress non-error output
            """;

    private Usage() {
    }
}
