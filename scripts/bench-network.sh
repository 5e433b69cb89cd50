#!/usr/bin/env bash
# Virtual networks side by side: jvirtd against a private real libvirtd 9.0, each started inside a network
# namespace of its own (libvirtd also with tmpfs over its state directories, in the mount namespace that
# `ip netns exec` gives it), driven by the same python3-libvirt client over their unix sockets. Prints net-start
# and net-destroy latency of a NAT network with DHCP, the time to start and stop 50 such networks, and the ratio.
# With --boot, also boot to lease: the tiny test guest (TCG) on a NAT network of each daemon, from
# virDomainCreateXML until its DHCP lease shows in virNetworkGetDHCPLeases (libvirtd's QEMU driver runs QEMU as
# root, without cgroups or a security driver, in its private mount namespace).
# The host's networking is untouched; both namespaces and everything in them go at the end.
#
#   scripts/bench-network.sh [--boot] [--reps N] [--nets N] [--boots N]   (root; run after the build)
set -euo pipefail
cd "$(dirname "$0")/.."
boot=0
if [ "${1:-}" = --boot ]; then
    boot=1
    shift
fi
py=/usr/bin/python3 # python3-libvirt lives there
work=$(mktemp -d /tmp/jvnb.XXXXXX)
chmod 755 "$work"
nsj="network-bj$$"
nsl="network-bl$$"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    sleep 1
    for ns in "$nsj" "$nsl"; do
        for p in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$p" 2>/dev/null || true; done
        ip netns del "$ns" 2>/dev/null || true
    done
    rm -rf "$work"
}
trap cleanup EXIT
for ns in "$nsj" "$nsl"; do
    ip netns add "$ns"
    ip netns exec "$ns" ip link set lo up
done

mkdir -p "$work/j/run" "$work/l/run"
cat >"$work/j/jvirtd.conf" <<EOC
unix_sock_dir = "$work/j/run"
unix_sock_rw_perms = "0700"
listen_tcp = 0
listen_tls = 0
EOC
JVIRT_HOST_ROOT="$work/j/root" JVIRT_QEMU_STATE_DIR="$work/j/qstate" JVIRT_QEMU_RUN_DIR="$work/j/qrun" \
    ip netns exec "$nsj" bin/jvirtd -f "$work/j/jvirtd.conf" >"$work/j/log" 2>&1 &
pids+=($!)

cat >"$work/l/libvirtd.conf" <<EOC
unix_sock_dir = "$work/l/run"
unix_sock_rw_perms = "0700"
auth_unix_rw = "none"
auth_unix_ro = "none"
EOC
# tmpfs over the parents of libvirtd's fixed state directories (they need not exist on the host), only in the
# daemon's own mount namespace; there too, the libvirt-qemu user its QEMU driver insists on, if the host has none
cp /etc/passwd "$work/l/passwd"
cp /etc/group "$work/l/group"
getent passwd libvirt-qemu >/dev/null || echo "libvirt-qemu:x:64055:64055::/nonexistent:/usr/sbin/nologin" >>"$work/l/passwd"
getent group libvirt-qemu >/dev/null || echo "libvirt-qemu:x:64055:" >>"$work/l/group"
getent group kvm >/dev/null || echo "kvm:x:64056:" >>"$work/l/group"
ip netns exec "$nsl" sh -c '
    mount --bind "$1/passwd" /etc/passwd
    mount --bind "$1/group" /etc/group
    for d in /run /var/lib /var/cache /var/log /etc/libvirt; do
        mount -t tmpfs tmpfs "$d"
    done
    printf "user = \"root\"\ngroup = \"root\"\nsecurity_driver = \"none\"\ncgroup_controllers = [ ]\nnamespaces = [ ]\nstdio_handler = \"file\"\n" \
        >/etc/libvirt/qemu.conf
    exec /usr/sbin/libvirtd -f "$1/libvirtd.conf" -p "$1/pid"' sh "$work/l" >"$work/l/log" 2>&1 &
pids+=($!)

for s in "$work/j/run/jvirt-sock" "$work/l/run/libvirt-sock"; do
    for _ in $(seq 600); do [ -S "$s" ] && break; sleep 0.1; done
    [ -S "$s" ] || { echo "bench-network: no socket $s" >&2; cat "$work/j/log" "$work/l/log" >&2; exit 1; }
done
# jvirtd's fresh scope starts its default network: let it settle, as libvirtd has none here
"$py" -c 'import libvirt,sys; libvirt.open(sys.argv[1]).listAllNetworks()' \
    "network+unix:///system?socket=$work/j/run/jvirt-sock"
guest=()
if [ "$boot" = 1 ]; then
    g=$(bash jvirt-driver-qemu/src/test/sh/make-test-guest.sh cached "${JVIRT_TEST_GUEST_CACHE:-/var/tmp/jvirt-test-guest}" | tail -1)
    guest=(--kernel "$g/vmlinuz" --initrd "$g/initramfs.cpio.gz"
        --jvirtd-qemu "qemu+unix:///system?socket=$work/j/run/jvirt-sock"
        --libvirtd-qemu "qemu+unix:///system?socket=$work/l/run/libvirt-sock")
fi
"$py" jvirt-bench/src/main/python/network_bench.py \
    --jvirtd "network+unix:///system?socket=$work/j/run/jvirt-sock" \
    --libvirtd "network+unix:///system?socket=$work/l/run/libvirt-sock" "${guest[@]}" "$@"
