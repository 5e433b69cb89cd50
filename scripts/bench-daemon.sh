#!/usr/bin/env bash
# Side by side: jvirtd and a private real libvirtd 9.0 (/usr/sbin/libvirtd, unprivileged, its own config and
# sockets), both serving test:///default on loopback TCP, driven by the same python3-libvirt client code in one
# run: RPC round trips on 1/8/32 connections, daemon CPU per call, connection open latency, define/undefine
# rate, listAllDomains at 10 000 domains, lifecycle event latency, daemon RSS. Prints a table (metric, jvirtd,
# libvirtd, ratio; ratio > 1 means jvirtd is better) and, with --json FILE, writes it as JSON.
#
#   scripts/bench-daemon.sh [--no-build] [--build-jvirtd-only] [--json FILE] [daemon_bench.py options...]
#
#   --no-build            use the jvirtd already built; default: first
#                         mvn -o -q -pl jvirtd -am install -DskipTests (~30 s), so that jvirtd and the modules
#                         it runs (rpc, remote, test driver...) are the working tree's, not stale jars
#   --build-jvirtd-only   build jvirtd alone (-pl jvirtd, no -am): faster, dependencies from ~/.m2
#   other options go to jvirt-bench/src/main/python/daemon_bench.py (--help lists them: --reps, --duration,
#   --domains, --transport unix, --daemons libvirtd, --quick, --keep, ...)
#
# If jvirtd does not build or start, the libvirtd column is still produced and the reason is printed. Takes
# about 3 minutes on 2 cores (see the "total" line). Exit status 0, or 3 when a daemon could not be measured.
set -euo pipefail
cd "$(dirname "$0")/.."
py=/usr/bin/python3 # not the pyenv python3 first on PATH: it has no libvirt module
bench=jvirt-bench/src/main/python/daemon_bench.py

build=1
am=(-am)
args=()
for a in "$@"; do
    case $a in
        --no-build) build=0 ;;
        --build-jvirtd-only) am=() ;;
        -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; echo; exec "$py" "$bench" --help ;;
        *) args+=("$a") ;;
    esac
done

if ! "$py" -c 'import libvirt' 2>/dev/null; then
    echo "bench-daemon: $py has no libvirt module (python3-libvirt)" >&2
    exit 1
fi
[ -x /usr/sbin/libvirtd ] || echo "bench-daemon: /usr/sbin/libvirtd missing: only jvirtd will be measured" >&2

work=$(mktemp -d /tmp/jvirt-daemon-bench.XXXXXX)
chmod 755 "$work"
cleanup() {
    # daemon_bench.py stops its daemons itself; this catches what a killed python left behind. Only pids it
    # recorded, and only if the process still is what was started (the pid may have been reused).
    local pid marker
    if [ -f "$work/pids" ]; then
        while read -r pid marker; do
            if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$marker"; then
                kill -TERM "$pid" 2>/dev/null || true
            fi
        done <"$work/pids"
        sleep 1
        while read -r pid marker; do
            if [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$marker"; then
                kill -KILL "$pid" 2>/dev/null || true
            fi
        done <"$work/pids"
    fi
    [ "${keep:-0}" = 1 ] && echo "bench-daemon: logs kept in $work" >&2 || rm -rf "$work"
}
keep=0
for a in "${args[@]}"; do [ "$a" = --keep ] && keep=1; done
pypid=
stop() {
    # forward to the benchmark (it stops its daemons on SIGTERM), wait for it, then clean up
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
    echo "bench-daemon: building jvirtd (mvn -o -q -pl jvirtd ${am[*]:-} install -DskipTests)" >&2
    if [ -z "$JAVA_HOME" ]; then
        args+=(--jvirtd-unavailable "build failed: no JDK >= 21 found")
    elif ! mvn -B -ntp -o -q -pl jvirtd "${am[@]}" install -DskipTests >"$work/build.log" 2>&1; then
        echo "bench-daemon: jvirtd BUILD FAILED; measuring libvirtd only. Last lines of the build log:" >&2
        grep -v '^WARNING' "$work/build.log" | tail -n 25 >&2
        first=$(grep -m1 -E '^\[ERROR\]' "$work/build.log" | cut -c1-300 || true)
        args+=(--jvirtd-unavailable "build failed: ${first:-see the build output above}")
    else
        scripts/train-startup.sh >&2 # a fresh jar makes the old start-up cache stale (ignored): record it again
    fi
fi

# In the background so that a signal to this script reaches the benchmark at once (see stop).
"$py" "$bench" --workdir "$work" "${args[@]}" &
pypid=$!
rc=0
wait "$pypid" || rc=$?
pypid=
exit "$rc"
