#!/bin/bash
# jvirt's test guest: a Debian cloud kernel plus a busybox initramfs, built from `apt-get download` only.
#
#   make-test-guest.sh build OUTDIR    write OUTDIR/vmlinuz, OUTDIR/initramfs.cpio.gz, OUTDIR/kernel-release
#   make-test-guest.sh cached [BASE]   build into BASE/<kernel package> unless already there; print that dir
#                                      (BASE defaults to $JVIRT_TEST_GUEST_CACHE or /var/tmp/jvirt-test-guest)
#
# Root is needed only if apt has no package lists yet (apt-get update). Nothing is installed on the host.
# The guest's /init protocol (what the Java tests wait for) is described in /work/shared/docs/test-guest.md:
#   TESTGUEST-INIT, TESTGUEST-DISKS ..., TESTGUEST-READY token=<tg.token>, TESTGUEST-POWERDOWN,
#   TESTGUEST-UEVENT add|remove block|net NAME, TESTGUEST-NET ip=...,
#   TESTGUEST-AGENT port=vportNpM (qemu-ga runs on the org.qemu.guest_agent.0 virtio port, when there is one)
# Kernel command-line knobs: tg.token=S tg.net=0|1 tg.shell=0|1 tg.cdrom=1 (mount the IDE CD-ROMs of a pc guest,
# e.g. a NoCloud seed: TESTGUEST-CDROM with its files, and the TESTGUEST-MARKER lines of its user-data)
set -euo pipefail

FLAVOR=${FLAVOR:-cloud}
# Debian builds these as modules; listed dependencies first (the .deb ships no modules.dep). pvpanic-mmio binds
# QEMU's pvpanic ISA device (ACPI QEMU0001), so a guest panic reaches QEMU as GUEST_PANICKED.
GUEST_MODULES="virtio/virtio_ring virtio/virtio virtio/virtio_pci_legacy_dev virtio/virtio_pci_modern_dev
virtio/virtio_pci block/virtio_blk ../net/core/failover net/net_failover net/virtio_net acpi/button input/evdev
misc/pvpanic/pvpanic misc/pvpanic/pvpanic-mmio char/virtio_console
${EXTRA_MODULES:-}"
# Loaded only with tg.cdrom=1: the IDE CD-ROM stack of a pc guest (the cloud kernel has no AHCI) and ISO 9660.
CDROM_MODULES="scsi/scsi_common scsi/scsi_mod ata/libata ata/ata_piix cdrom/cdrom scsi/sr_mod ../fs/isofs/isofs"
# The guest agent: Debian's qemu-ga, with the host's copies of the shared libraries it links (ldd). Bump the
# version when the agent's part of the guest changes (the cache key is also the script's own checksum).
AGENT_PACKAGE=qemu-guest-agent
CACHE_VERSION=2

say() { printf '[make-test-guest] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

meta_package() {
    if [ "$FLAVOR" = generic ]; then echo linux-image-amd64; else echo "linux-image-$FLAVOR-amd64"; fi
}

# The versioned kernel package the metapackage points to today (it moves with security updates).
kernel_package() {
    local meta; meta=$(meta_package)
    if ! apt-cache show "$meta" busybox-static >/dev/null 2>&1; then
        [ "$(id -u)" = 0 ] || die "apt does not know $meta/busybox-static and apt-get update needs root"
        say "apt-get update"; apt-get update -qq
    fi
    apt-cache depends "$meta" | sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\).*/\1/p' | head -n1
}

write_guest_files() {
    local r=$1
    case "$r" in /*/*) ;; *) die "refusing to write guest files into '$r'" ;; esac
    cat >"$r/init" <<'EOF'
#!/bin/sh
# PID 1: never exits.
export PATH=/bin
mount -t devtmpfs dev /dev 2>/dev/null
exec </dev/console >/dev/console 2>&1
mount -t proc proc /proc; mount -t sysfs sys /sys
mount -t tmpfs run /run; mount -t tmpfs tmp /tmp
mkdir -p /dev/pts; mount -t devpts pts /dev/pts
echo "TESTGUEST-INIT uptime=$(cut -d' ' -f1 /proc/uptime)"
token=none; net=auto; shell=1; cdrom=0
for arg in $(cat /proc/cmdline); do
    case "$arg" in
        tg.token=*) token=${arg#*=} ;;
        tg.net=*) net=${arg#*=} ;;
        tg.shell=*) shell=${arg#*=} ;;
        tg.cdrom=*) cdrom=${arg#*=} ;;
    esac
done
for mod in $(cat /etc/modules-order); do
    insmod "/lib/modules/$mod.ko" || echo "TESTGUEST-WARN insmod $mod failed"
done
# acpid opens only the input devices present when it starts: wait for evdev's node.
n=0
while [ ! -e /dev/input/event0 ] && [ $n -lt 200 ]; do usleep 10000; n=$((n+1)); done
acpid -c /etc/acpi -l /run/acpid.log
uevent /etc/uevent.sh &
if [ "$net" != 0 ] && [ -e /sys/class/net/eth0 ]; then
    ip link set lo up; ip link set eth0 up
    # 10 tries a second apart: a bridge port with STP on (libvirt's default network) forwards only after ~4 s
    udhcpc -i eth0 -s /etc/udhcpc.sh -q -n -t 10 -T 1 >/run/udhcpc.log 2>&1 || echo "TESTGUEST-NET failed"
    mkdir -p /www; echo "$token" >/www/index.html; httpd -p 80 -h /www
fi
# the guest agent on its virtio-serial port (no udev here: the port's name is in sysfs)
for p in /sys/class/virtio-ports/*; do
    if [ -e "$p/name" ] && [ "$(cat "$p/name")" = org.qemu.guest_agent.0 ]; then
        port=${p##*/}
        qemu-ga -m virtio-serial -p "/dev/$port" -t /run -f /run/qemu-ga.pid -l /run/qemu-ga.log &
        echo "TESTGUEST-AGENT port=$port"
    fi
done
# files an installer injected into this initramfs (virt-install's initrd injection): *.cfg, *.xml at the root
for f in /*.cfg /*.xml; do [ -f "$f" ] && echo "TESTGUEST-INJECTED ${f#/} lines=$(wc -l <"$f")"; done
if [ "$cdrom" = 1 ]; then
    for mod in $(cat /etc/modules-cdrom); do
        insmod "/lib/modules/$mod.ko" || echo "TESTGUEST-WARN insmod $mod failed"
    done
    # the IDE CD-ROMs (ata_piix; the cloud kernel has no AHCI) are probed asynchronously: give them 10 s
    n=0
    while [ ! -e /dev/sr0 ] && [ $n -lt 100 ]; do usleep 100000; n=$((n+1)); done
    i=0
    for d in /dev/sr*; do
        [ -b "$d" ] || continue
        mkdir -p "/mnt/cd$i"
        if mount -t iso9660 -o ro "$d" "/mnt/cd$i" 2>/dev/null; then
            echo "TESTGUEST-CDROM dev=$d files=$(ls "/mnt/cd$i" | tr '\n' ' ')"
            [ -f "/mnt/cd$i/user-data" ] && grep -h 'TESTGUEST-MARKER' "/mnt/cd$i/user-data" | sed 's/^[# -]*//'
        fi
        i=$((i+1))
    done
fi
echo "TESTGUEST-DISKS $(ls /sys/block | tr '\n' ' ')"
echo "TESTGUEST-READY token=$token"
while true; do
    if [ "$shell" = 1 ]; then setsid cttyhack sh -l; sleep 1; else sleep 3600; fi
done
EOF
    cat >"$r/etc/acpi/PWRF/00000080" <<'EOF'
#!/bin/sh
# The ACPI power button (QMP system_powerdown): power off at once, so QEMU sees an ACPI S5.
echo "TESTGUEST-POWERDOWN" >/dev/console
sync
poweroff -f
EOF
    cat >"$r/etc/uevent.sh" <<'EOF'
#!/bin/sh
case "$SUBSYSTEM" in
    block) echo "TESTGUEST-UEVENT $ACTION block $DEVNAME" >/dev/console ;;
    net) echo "TESTGUEST-UEVENT $ACTION net $INTERFACE" >/dev/console ;;
esac
exit 0
EOF
    cat >"$r/etc/udhcpc.sh" <<'EOF'
#!/bin/sh
case "$1" in
    deconfig) ip addr flush dev "$interface"; ip link set "$interface" up ;;
    bound|renew)
        ip addr flush dev "$interface"
        ip addr add "$ip/${mask:-24}" dev "$interface"
        if [ -n "$router" ]; then ip route add default via "${router%% *}" dev "$interface"; fi
        : >/etc/resolv.conf
        for d in $dns; do echo "nameserver $d" >>/etc/resolv.conf; done
        echo "TESTGUEST-NET ip=$ip/${mask:-24} router=$router dns=$dns lease=$lease" >/dev/console ;;
esac
exit 0
EOF
    cat >"$r/bin/shutdown" <<'EOF'
#!/bin/sh
# qemu-ga's guest-shutdown runs /sbin/shutdown -h|-r -P|-H +0 MSG; busybox has no shutdown applet.
case " $* " in
    *" -r "*) echo "TESTGUEST-AGENT-REBOOT" >/dev/console; sync; reboot -f ;;
    *) echo "TESTGUEST-POWERDOWN" >/dev/console; sync; poweroff -f ;;
esac
EOF
    cat >"$r/bin/chpasswd" <<'EOF'
#!/bin/sh
# qemu-ga's guest-set-user-password pipes "user:password" into chpasswd (-e: already crypted); busybox-static
# has no chpasswd, so this one writes /etc/shadow with busybox's mkpasswd.
crypted=0; [ "${1:-}" = -e ] && crypted=1
while IFS=: read -r user pass; do
    [ "$crypted" = 1 ] || pass=$(mkpasswd -m sha512 "$pass")
    sed -i "s|^$user:[^:]*:|$user:$pass:|" /etc/shadow
    echo "TESTGUEST-PASSWORD user=$user" >/dev/console
done
EOF
    # the guest's own account files (qemu-ga looks users up), never the host's: every path is under $r
    echo "root:x:0:0:root:/root:/bin/sh" >"$r/etc/passwd"
    echo "root::19000:0:99999:7:::" >"$r/etc/shadow"
    echo "root:x:0:" >"$r/etc/group"
    mkdir -p "$r/root/.ssh"
    printf '%s\n' 'ID=jvirt-testguest' 'NAME="jvirt test guest"' 'VERSION_ID=1' \
        'PRETTY_NAME="jvirt test guest 1"' >"$r/etc/os-release"
    echo testguest >"$r/etc/hostname"
    echo "export PATH=/bin PS1='testguest# '" >"$r/etc/profile"
    chmod 0755 "$r/init" "$r/etc/acpi/PWRF/00000080" "$r/etc/uevent.sh" "$r/etc/udhcpc.sh" "$r/bin/shutdown" \
        "$r/bin/chpasswd"
    chmod 0600 "$r/etc/shadow"
}

# qemu-ga and the libraries the dynamic linker finds for it on this (Debian 12) host, at the same paths.
copy_agent() {
    local ga=$1 r=$2 lib
    [ -x "$ga" ] || die "no qemu-ga in $AGENT_PACKAGE"
    cp "$ga" "$r/bin/qemu-ga"
    for lib in $(ldd "$ga" | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p'); do
        mkdir -p "$r$(dirname "$lib")"
        cp -L "$lib" "$r$lib"
    done
    [ -e "$r/lib64/ld-linux-x86-64.so.2" ] || die "ldd found no dynamic linker for qemu-ga"
}

build() {
    local out=$1 kpkg
    kpkg=$(kernel_package)
    [ -n "$kpkg" ] || die "cannot resolve $(meta_package) to a kernel package"
    mkdir -p "$out/debs"
    BUILD_TMP=$(mktemp -d "$out/.build.XXXXXX")
    trap 'rm -rf "$BUILD_TMP"' EXIT
    local tmp=$BUILD_TMP
    say "downloading $kpkg busybox-static $AGENT_PACKAGE into $out/debs"
    (cd "$out/debs" && find . -maxdepth 1 -name '*.deb' ! -name "${kpkg}_*" ! -name 'busybox-static_*' \
        ! -name "${AGENT_PACKAGE}_*" -delete &&
        apt-get -q -o APT::Sandbox::User="$(id -un)" download "$kpkg" busybox-static "$AGENT_PACKAGE" >/dev/null)
    local deb
    for deb in "$out"/debs/*.deb; do dpkg-deb -x "$deb" "$tmp/x"; done
    local kver; kver=$(ls "$tmp/x/lib/modules" | head -n1)
    local bb=$tmp/x/bin/busybox r=$tmp/root
    mkdir -p "$r"/bin "$r"/dev "$r"/proc "$r"/sys "$r"/run "$r"/tmp "$r"/etc/acpi/PWRF "$r"/lib/modules
    cp "$bb" "$r/bin/busybox"
    local applet
    for applet in $("$bb" --list); do [ "$applet" = busybox ] || ln -sf busybox "$r/bin/$applet"; done
    ln -s bin "$r/sbin"
    mknod -m 600 "$r/dev/console" c 5 1 2>/dev/null || true  # optional: the kernel's built-in initramfs has one
    local m order=() cdorder=()
    for m in $GUEST_MODULES $CDROM_MODULES; do
        local src=$tmp/x/lib/modules/$kver/kernel/drivers/$m.ko
        [ -f "$src" ] || src=$tmp/x/lib/modules/$kver/$m
        [ -f "$src" ] || die "module $m not in $kpkg"
        cp "$src" "$r/lib/modules/"
        case " $CDROM_MODULES " in
            *" $m "*) cdorder+=("$(basename "$src" .ko)") ;;
            *) order+=("$(basename "$src" .ko)") ;;
        esac
    done
    echo "${order[*]}" >"$r/etc/modules-order"
    echo "${cdorder[*]}" >"$r/etc/modules-cdrom"
    copy_agent "$tmp/x/usr/sbin/qemu-ga" "$r"
    write_guest_files "$r"
    (cd "$r" && find . | "$bb" cpio -o -H newc -R 0:0 2>/dev/null) | gzip -9 >"$tmp/initramfs.cpio.gz"
    cp "$tmp/x/boot/vmlinuz-$kver" "$tmp/vmlinuz"
    # publish atomically: a concurrent reader sees either nothing or both files
    mv "$tmp/vmlinuz" "$out/vmlinuz"
    mv "$tmp/initramfs.cpio.gz" "$out/initramfs.cpio.gz"
    echo "$kver" >"$out/kernel-release.tmp" && mv "$out/kernel-release.tmp" "$out/kernel-release"
    say "built $kver: $(du -h "$out/vmlinuz" | cut -f1) kernel, $(du -h "$out/initramfs.cpio.gz" | cut -f1) initramfs"
}

cached() {
    local base=${1:-${JVIRT_TEST_GUEST_CACHE:-/var/tmp/jvirt-test-guest}} kpkg
    kpkg=$(kernel_package)
    [ -n "$kpkg" ] || die "cannot resolve $(meta_package)"
    # the script's own checksum is part of the key: editing /init rebuilds
    local dir=$base/$kpkg-$(sha256sum "$0" | cut -c1-12)
    mkdir -p "$base"
    exec 9>"$base/.lock"
    flock 9
    [ -s "$dir/kernel-release" ] || build "$dir"
    echo "$dir"
}

case "${1:-}" in
    build) [ -n "${2:-}" ] || die "usage: $0 build OUTDIR"; build "$2" ;;
    cached) cached "${2:-}" ;;
    *) echo "usage: $0 build OUTDIR | cached [BASEDIR]" >&2; exit 2 ;;
esac
