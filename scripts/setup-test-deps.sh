#!/usr/bin/env bash
# Installs, through apt, the real parts the tests drive: QEMU and qemu-img, libvirt's own clients (virsh,
# python3-libvirt) and daemon as differential peers, libvirt's RelaxNG schemas, tmux for terminal tests; and
# libvirt 9.0's source package, whose tests/*data XML is the input of the corpus differential test (read there,
# never committed). Idempotent and quick when everything is already there. Needs root for apt-get.
set -euo pipefail

# Where the corpus test looks for libvirt's unpacked source (it also honours JVIRT_LIBVIRT_SRC).
LIBVIRT_SRC_CACHE=${JVIRT_LIBVIRT_SRC_CACHE:-/var/cache/jvirt-tests/libvirt-src}

PACKAGES=(
    # real guests and disk images
    qemu-system-x86 qemu-utils
    # real virsh and libvirt-python: differential and interop peers
    libvirt-clients python3-libvirt
    # a real libvirtd as the reference; libvirt-dev ships libvirt-api.xml, the API list
    libvirt-daemon libvirt-daemon-driver-qemu libvirt-dev
    # drives the interactive shell through a real pseudo-terminal
    tmux
    # network namespaces; the tiny test guest's initramfs
    iproute2 busybox-static cpio
    # +ssh transport tests: a private loopback sshd (ssh, ssh-keygen come with it) and nc for libvirt's netcat proxy
    openssh-server netcat-openbsd
    # storage backends: filesystems, partition tables, LVM, NFS and iSCSI servers and initiators, wiping
    e2fsprogs xfsprogs dosfstools parted lvm2 nfs-kernel-server nfs-common tgt open-iscsi scrub
    # virtual networks: dnsmasq per network, nftables, tc; libvirt's network and nwfilter drivers as the reference
    dnsmasq-base nftables iptables ebtables
    # a real DHCPv6 client (dhclient -6) in a namespace against a network's dnsmasq (busybox-static has no udhcpc6)
    isc-dhcp-client
    # the devices real tools emit: UEFI firmware, software TPM, guest agent, virtiofs, SPICE, network disks
    ovmf swtpm swtpm-tools qemu-guest-agent qemu-block-extra
    # certificates for the SPICE TLS golden that QEMU must accept
    openssl
    # the provisioning peers: virt-install and its OS database; libosinfo's own tools (osinfo-query,
    # osinfo-detect, osinfo-install-script) as jvirt-osinfo's golden references; xorriso makes test ISOs
    virtinst osinfo-db libosinfo-bin gir1.2-libosinfo-1.0 python3-gi xorriso
    # node devices: udevadm monitor --kernel for uevents (no udevd needed), PCI vendor and device names
    udev pci.ids
    # authentication peers: cyrus-sasl's tools and plugins (SCRAM, DIGEST-MD5, GSSAPI) for real virsh and
    # libvirtd, a loopback MIT KDC and kinit for GSSAPI, polkit's pkcheck
    sasl2-bin libsasl2-modules libsasl2-modules-gssapi-mit krb5-kdc krb5-admin-server krb5-user pkexec polkitd
    # jvirt-web: its UI checked in real headless Chromium through chromium-driver (Selenium). (noVNC and xterm.js are
    # bundled at build time with the machine's own npm.)
    chromium chromium-driver
    # ... and in headless Firefox ESR, driven over WebDriver BiDi, which Firefox serves itself (no geckodriver in Debian)
    firefox-esr
    # apt-get source unpacks libvirt's source package with dpkg-source
    dpkg-dev
)

# Enables deb-src next to deb in the deb822 Debian sources (Debian's images ship "Types: deb" only); idempotent.
enable_deb_src() {
    local f=/etc/apt/sources.list.d/debian.sources
    [ -f "$f" ] || return 0
    grep -Eq '^Types:[[:space:]]*deb[[:space:]]*$' "$f" || return 0
    sed -i -E 's/^Types:[[:space:]]*deb[[:space:]]*$/Types: deb deb-src/' "$f"
    apt-get update -q >/dev/null
}

# libvirt 9.0's source (the corpus differential test's input), unpacked once into the cache.
fetch_libvirt_source() {
    if compgen -G "$LIBVIRT_SRC_CACHE/libvirt-*/tests/qemuxml2argvdata" >/dev/null; then
        echo "setup-test-deps: libvirt source present in $LIBVIRT_SRC_CACHE"
        return 0
    fi
    if [ "$(id -u)" != 0 ]; then
        echo "setup-test-deps: libvirt source missing; run as root to fetch it into $LIBVIRT_SRC_CACHE" >&2
        return 1
    fi
    enable_deb_src
    mkdir -p "$LIBVIRT_SRC_CACHE"
    # apt-get source downloads as the unprivileged _apt user (sandboxed) when that user can write the directory
    chown _apt "$LIBVIRT_SRC_CACHE" 2>/dev/null || true
    (cd "$LIBVIRT_SRC_CACHE" && apt-get source -q libvirt >/dev/null)
    echo "setup-test-deps: libvirt source unpacked in $LIBVIRT_SRC_CACHE"
}

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup-test-deps: all test dependencies present"
    fetch_libvirt_source
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    echo "setup-test-deps: missing ${missing[*]}; run as root (apt-get) or install them" >&2
    exit 1
fi

echo "setup-test-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
# The daemon packages try to start services; there is no init here and we start our own instances in tests.
printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
trap 'rm -f /usr/sbin/policy-rc.d' EXIT
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fetch_libvirt_source
echo "setup-test-deps: done"
