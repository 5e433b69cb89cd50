#!/usr/bin/env bash
# Wall time of `jvirt-install --print-xml` against real `virt-install --print-xml` on the same connection: a
# private jvirtd (its own network namespace, every directory under a temporary JVIRT_HOST_ROOT) serving
# qemu:///system on a temporary socket. Both tools print the same guest (debian11, default devices, --disk none
# so that neither makes storage). Uses hyperfine when installed, else its own loop; prints the medians and the
# ratio. Run after the build (and scripts/train-startup.sh for jvirt-install's start-up cache). Root: netns.
# Knobs: RUNS=20 OS=debian11
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/launch.sh
jdk=$(jvirt_jdk "$PWD")
runs=${RUNS:-20}
os=${OS:-debian11}
dir=$(mktemp -d /tmp/jvbench-install.XXXXXX)
ns=jvbi$$
daemon=""
cleanup() {
    set +e  # every step runs, whatever the one before returned (a killed daemon's wait is non-zero)
    if [ -n "$daemon" ]; then
        kill "$daemon" 2>/dev/null
        wait "$daemon" 2>/dev/null
    fi
    # what the daemon started and left (dnsmasq of the default network): its command lines name $dir
    for pid in $(pgrep -f "$dir"); do kill -9 "$pid" 2>/dev/null; done
    ip netns del "$ns" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
mkdir -p "$dir/run" "$dir/home"
printf 'unix_sock_dir = "%s"\nunix_sock_rw_perms = "0700"\nlisten_tcp = 0\nlisten_tls = 0\n' "$dir/run" \
    >"$dir/jvirtd.conf"
cp="$PWD/jvirtd/target/jvirtd-0.1.0-SNAPSHOT.jar:$PWD/jvirtd/target/lib/*"
JVIRT_HOST_ROOT=$dir/host JVIRT_QEMU_STATE_DIR=$dir/qstate JVIRT_QEMU_RUN_DIR=$dir/q \
    ip netns exec "$ns" "$jdk/bin/java" -cp "$cp" org.jvirt.daemon.Main -f "$dir/jvirtd.conf" \
    >"$dir/jvirtd.log" 2>&1 &
daemon=$!
for _ in $(seq 300); do [ -S "$dir/run/jvirt-sock" ] && break; sleep 0.1; done
uri="qemu+unix:///system?socket=$dir/run/jvirt-sock"
args="--connect $uri --name bench --osinfo $os --import --disk none --print-xml"
export HOME=$dir/home  # virt-install keeps its log under ~/.cache
# one run each first: the daemon probes QEMU's capabilities once, and neither tool should pay for it
virt-install $args >/dev/null
bin/jvirt-install $args >/dev/null
if command -v hyperfine >/dev/null; then
    hyperfine -N -w 3 -r "$runs" --export-json "$dir/h.json" -n virt-install "virt-install $args" \
        -n jvirt-install "bin/jvirt-install $args"
    python3 - "$dir/h.json" <<'PY'
import json, sys
res = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
v, j = res["virt-install"], res["jvirt-install"]
print("wall median: virt-install %.3f s, jvirt-install %.3f s, ratio %.2f"
      % (v["median"], j["median"], j["median"] / v["median"]))
cv, cj = v["user"] + v["system"], j["user"] + j["system"]
print("cpu (user+sys) mean: virt-install %.3f s, jvirt-install %.3f s, ratio %.2f; load average %s"
      % (cv, cj, cj / cv, open("/proc/loadavg").read().split()[0]))
PY
    exit 0
fi
# no hyperfine: alternate the two, runs each, and take the medians
python3 - "$runs" "$args" <<'PY'
import os, shlex, statistics, subprocess, sys, time
runs, args = int(sys.argv[1]), shlex.split(sys.argv[2])
times = {"virt-install": [], "jvirt-install": []}
cpu = {"virt-install": [], "jvirt-install": []}
for _ in range(runs):
    for name, cmd in (("virt-install", ["virt-install"]), ("jvirt-install", ["bin/jvirt-install"])):
        c, t = os.times(), time.perf_counter()
        subprocess.run(cmd + args, stdout=subprocess.DEVNULL, check=True)
        times[name].append(time.perf_counter() - t)
        c2 = os.times()
        cpu[name].append(c2.children_user - c.children_user + c2.children_system - c.children_system)
v, j = statistics.median(times["virt-install"]), statistics.median(times["jvirt-install"])
print("runs %d each; wall median: virt-install %.3f s (min %.3f), jvirt-install %.3f s (min %.3f), ratio %.2f"
      % (runs, v, min(times["virt-install"]), j, min(times["jvirt-install"]), j / v))
cv, cj = statistics.median(cpu["virt-install"]), statistics.median(cpu["jvirt-install"])
print("cpu (user+sys) median: virt-install %.3f s, jvirt-install %.3f s, ratio %.2f; load average %s"
      % (cv, cj, cj / cv, open("/proc/loadavg").read().split()[0]))
PY
