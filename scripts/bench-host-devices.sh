#!/usr/bin/env bash
# Node devices and host interfaces: jvirtd (built tree, bin/jvirtd) against a private unprivileged real libvirtd
# 9.0, the same python3-libvirt client (jvirt-bench/src/main/python/host_devices_bench.py): listAllDevices with
# XMLDesc of every device (issue 16's figure), and separately listAllInterfaces with XMLDesc of each; the first (cold) round, then
# median and best of --reps rounds after --warmup (default 200) rounds, the daemons' rounds alternating.
# Both daemons read the same sysfs over a unix socket. Needs a built tree (scripts/build-and-run.sh or mvn install).
#
#   scripts/bench-host-devices.sh [--reps N] [--warmup N]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/jvirt-host-bench.XXXXXX)
chmod 755 "$work"
jpid= lpid=
cleanup() {
    set +e # a failing kill or wait must not skip the rest of the clean-up
    # libvirtd runs under runuser: stop it by the pid it wrote, then its runuser parent
    [ -f "$work/l/pid" ] && kill "$(cat "$work/l/pid")" 2>/dev/null
    [ -n "$lpid" ] && kill "$lpid" 2>/dev/null
    [ -n "$jpid" ] && kill "$jpid" 2>/dev/null
    [ -n "$lpid" ] && wait "$lpid" 2>/dev/null
    [ -n "$jpid" ] && wait "$jpid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/j" "$work/l/run" "$work/l/home" "$work/root"
cat >"$work/j/jvirtd.conf" <<CONF
unix_sock_dir = "$work/j"
unix_sock_rw_perms = "0700"
listen_tcp = 0
listen_tls = 0
CONF
JVIRT_HOST_ROOT="$work/root" bin/jvirtd -f "$work/j/jvirtd.conf" >"$work/j/log" 2>&1 &
jpid=$!
cat >"$work/l/libvirtd.conf" <<CONF
listen_tls = 0
listen_tcp = 0
auth_unix_rw = "none"
auth_unix_ro = "none"
unix_sock_dir = "$work/l/run"
CONF
chmod -R a+rwX "$work/l"
runuser -u nobody -- env HOME="$work/l/home" XDG_RUNTIME_DIR="$work/l/run" XDG_CONFIG_HOME="$work/l/home/.config" \
    XDG_CACHE_HOME="$work/l/home/.cache" LIBVIRT_AUTOSTART=0 /usr/sbin/libvirtd -f "$work/l/libvirtd.conf" \
    -p "$work/l/pid" >"$work/l/log" 2>&1 &
lpid=$!
for _ in $(seq 100); do
    [ -S "$work/j/jvirt-sock" ] && [ -S "$work/l/run/libvirt-sock" ] && break
    sleep 0.2
done
/usr/bin/python3 jvirt-bench/src/main/python/host_devices_bench.py \
    --jvirtd "qemu+unix:///system?socket=$work/j/jvirt-sock&state_dir=$work/qs&run_dir=$work/qr" \
    --libvirtd "qemu+unix:///session?socket=$work/l/run/libvirt-sock" "$@"
