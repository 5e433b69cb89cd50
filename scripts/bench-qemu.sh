#!/usr/bin/env bash
# Side by side with real guests: jvirtd and a private real libvirtd 9.0 (/usr/sbin/libvirtd run as nobody via
# runuser, its own config, sockets and XDG dirs), both serving qemu:///session on unix sockets, driven with the same
# domain XML by the same python3-libvirt client code in one run, plus the floor: qemu-system-x86_64 started by hand
# with an equivalent argv. TCG guests (pc, 256 MiB, the test guest of make-test-guest.sh). Metrics: define->running
# latency (createXML; defineXML+create), boot to READY, destroy latency, ACPI shutdown latency, 10 parallel starts
# (and destroys), daemon CPU per guest lifecycle. Prints a table (metric, jvirtd, libvirtd, ratio > 1 = jvirtd
# better, raw qemu) of medians with spread and, with --json FILE, writes it as JSON.
#
#   scripts/bench-qemu.sh [--no-build] [--build-jvirtd-only] [--json FILE] [qemu_bench.py options...]
#
#   --no-build            use the jvirtd already built; default: mvn -o -q -pl jvirtd -am install -DskipTests
#   --build-jvirtd-only   build jvirtd alone (-pl jvirtd, no -am)
#   --keep                keep the work directory (logs, serial consoles) instead of removing it
#   other options go to jvirt-bench/src/main/python/qemu_bench.py (--help: --reps, --cycles, --parallel,
#   --daemons, --no-raw, --no-reaper, --budget, ...)
#
# Everything it starts (both daemons, every qemu) is stopped at the end, also on error or Ctrl-C, and the work
# directory is removed. About 4-5 minutes on 2 cores. Exit status 0, or 3 when something could not be measured.
set -euo pipefail
cd "$(dirname "$0")/.."
py=/usr/bin/python3 # not the pyenv python3 first on PATH: it has no libvirt module
bench=jvirt-bench/src/main/python/qemu_bench.py

build=1
am=(-am)
keep=0
args=()
for a in "$@"; do
    case $a in
        --no-build) build=0 ;;
        --build-jvirtd-only) am=() ;;
        --keep) keep=1 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; echo; exec "$py" "$bench" --help ;;
        *) args+=("$a") ;;
    esac
done

if ! "$py" -c 'import libvirt' 2>/dev/null; then
    echo "bench-qemu: $py has no libvirt module (python3-libvirt)" >&2
    exit 1
fi
command -v qemu-system-x86_64 >/dev/null || { echo "bench-qemu: qemu-system-x86_64 missing" >&2; exit 1; }
[ -x /usr/sbin/libvirtd ] || echo "bench-qemu: /usr/sbin/libvirtd missing: only jvirtd will be measured" >&2

guest=$(jvirt-driver-qemu/src/test/sh/make-test-guest.sh cached | tail -n 1)
if [ ! -r "$guest/vmlinuz" ] || [ ! -r "$guest/initramfs.cpio.gz" ]; then
    echo "bench-qemu: no test guest (make-test-guest.sh cached said: $guest)" >&2
    exit 1
fi

work=$(mktemp -d /tmp/jvirt-qemu-bench.XXXXXX)
chmod 755 "$work"
before=$(pgrep -d, qemu-system || true)
pypid=
cleanup() {
    local rc=$?
    # qemu_bench.py stops its daemons and guests itself; this catches what a killed python left behind: only
    # processes whose command line or environment names this run's private directory, by pid.
    local pids p
    for sig in TERM KILL; do
        pids=
        for p in /proc/[0-9]*; do
            p=${p#/proc/}
            [ "$p" = $$ ] && continue
            if grep -qsF -- "$work" "/proc/$p/cmdline" || grep -qsF -- "$work" "/proc/$p/environ"; then
                pids="$pids $p"
            fi
        done
        [ -z "$pids" ] && break
        echo "bench-qemu: SIG$sig to leftovers:$pids" >&2
        kill -s "$sig" $pids 2>/dev/null || true
        sleep 2
    done
    if [ "$keep" = 1 ]; then echo "bench-qemu: work directory kept: $work" >&2; else rm -rf "$work"; fi
    local now; now=$(pgrep -d, qemu-system || true)
    if [ -n "$now" ] && [ "$now" != "$before" ]; then
        echo "bench-qemu: qemu-system processes still running: $now (before the run: ${before:-none})" >&2
    else
        echo "bench-qemu: pgrep qemu-system: ${now:-none} left (before the run: ${before:-none})" >&2
    fi
    exit "$rc"
}
stop() {
    # forward to the benchmark (it cleans up on SIGTERM), wait for it; cleanup runs on EXIT
    [ -n "$pypid" ] && kill -TERM "$pypid" 2>/dev/null && wait "$pypid" 2>/dev/null
    exit 130
}
trap cleanup EXIT
trap stop INT TERM HUP

if [ "$build" = 1 ]; then
    if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/javac" ]; then
        JAVA_HOME=$(scripts/find-jdk.sh) || JAVA_HOME=
    fi
    export JAVA_HOME
    echo "bench-qemu: building jvirtd (mvn -o -q -pl jvirtd ${am[*]:-} install -DskipTests)" >&2
    if [ -z "$JAVA_HOME" ]; then
        args+=(--jvirtd-unavailable "build failed: no JDK >= 21 found")
    elif ! mvn -B -ntp -o -q -pl jvirtd "${am[@]}" install -DskipTests >"$work/build.log" 2>&1; then
        echo "bench-qemu: jvirtd BUILD FAILED; measuring libvirtd only. Last lines of the build log:" >&2
        grep -v '^WARNING' "$work/build.log" | tail -n 25 >&2
        first=$(grep -m1 -E '^\[ERROR\]' "$work/build.log" | cut -c1-300 || true)
        args+=(--jvirtd-unavailable "build failed: ${first:-see the build output above}")
    fi
fi

# In the background so that a signal to this script reaches the benchmark at once (see stop).
"$py" "$bench" --guest "$guest" --workdir "$work" "${args[@]}" &
pypid=$!
rc=0
wait "$pypid" || rc=$?
pypid=
exit "$rc"
