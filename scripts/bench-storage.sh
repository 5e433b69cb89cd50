#!/usr/bin/env bash
# Storage side by side: jvirtd (qemu:///system under a temporary host root) and a private real libvirtd 9.0
# (unprivileged, its own config and sockets), the same python3-libvirt code against each in one run: 100 qcow2
# vol-creates, a 1 GiB raw (half holes) cloned to qcow2, sparse upload and download of that 1 GiB file against
# the dd floor, pool refresh and listAllVolumes at 1 000 volumes. Prints jvirtd, libvirtd and their ratio.
#
#   scripts/bench-storage.sh [--no-build] [--json FILE] [--quick]
#
# Builds jvirtd first (mvn -q -pl jvirtd -am install -DskipTests) unless --no-build. Needs root (libvirtd runs
# as nobody), python3-libvirt, qemu-img and /usr/sbin/libvirtd. About 2 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
py=/usr/bin/python3 # the system python: it has the libvirt module
build=1
args=()
for a in "$@"; do
    case $a in
        --no-build) build=0 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) args+=("$a") ;;
    esac
done
if [ "$build" = 1 ]; then
    if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ]; then
        . scripts/find-jdk.sh
        JAVA_HOME=$(jvirt_find_jdk)
    fi
    export JAVA_HOME
    mvn -B -ntp -q -pl jvirtd -am install -DskipTests
fi
work=$(mktemp -d /tmp/jvirt-storage-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$py" jvirt-bench/src/main/python/storage_bench.py --workdir "$work" --jvirtd-cmd "$PWD/bin/jvirtd" "${args[@]}"
