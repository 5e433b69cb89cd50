#!/usr/bin/env bash
# Records what bin/jvirsh, bin/jvirt-install, bin/jvirt-osinfo-* (and, on request, bin/jvirtd) load on a typical
# run into an AOT cache (JDK >= 25) or a CDS archive (JDK 21-24), so later starts skip class loading and linking.
# Run after the build; bin/* uses the result when it
# is newer than the jar and was made by the same JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/launch.sh
jdk=$(jvirt_jdk "$PWD")
major=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
JOBS="list --all; dominfo test; dumpxml test; suspend test; resume test; net-list --all; net-dumpxml default;
pool-list --all; vol-list default-pool; nodeinfo; destroy test; start test"

# Prints the JVM options that record module $1's cache, and notes the JDK it is made for.
record_opts() {
    local module=$1
    rm -f "$module/target/app.aot" "$module/target/app.jsa"
    if [ "$major" -ge 25 ]; then
        echo "$jdk" > "$module/target/app.aot.jdk"
        echo "-XX:AOTCacheOutput=$module/target/app.aot -Xlog:aot=off -Xlog:cds=off"
    else
        echo "$jdk" > "$module/target/app.jsa.jdk"
        echo "-XX:ArchiveClassesAtExit=$module/target/app.jsa -Xlog:cds=off"
    fi
}

# jvirtd: none by default. A daemon starts once and then lives on memory: its cache, mapped and relocated
# whole, cost 8 MiB of idle RSS (62 -> 70 MiB, scripts/bench-daemon.sh's configuration) for a second or
# so of start. JVIRT_TRAIN_DAEMON=1 records one anyway.
train_daemon=${JVIRT_TRAIN_DAEMON:-0}
rm -f jvirtd/target/app.aot jvirtd/target/app.aot.jdk jvirtd/target/app.jsa jvirtd/target/app.jsa.jdk

# A private daemon on a temporary socket, with no hypervisor driver held open (training must not touch
# the host's QEMU state): it serves jvirt-install's training run, and a few jvirsh sessions when its own cache
# is recorded (written when SIGTERM ends it cleanly).
dir=$(mktemp -d /tmp/jvirt-train.XXXXXX)
trap 'rm -rf "$dir"' EXIT
printf 'unix_sock_dir = "%s"\ndriver_uris = []\nlisten_tcp = 0\n' "$dir" > "$dir/jvirtd.conf"
daemon_opts=""
[ "$train_daemon" = 1 ] && daemon_opts="$(record_opts jvirtd)"
JVIRT_JAVA_OPTS="$daemon_opts" bin/jvirtd -f "$dir/jvirtd.conf" >"$dir/jvirtd.log" 2>&1 &
daemon=$!
for _ in $(seq 300); do
    [ -S "$dir/jvirt-sock" ] && break
    sleep 0.1
done
# jvirsh: one run on the test driver in-process, then the same through the daemon (the remote driver's classes:
# `jvirsh -c test+unix://...` skipped ~0.1 s of CPU with them in the cache)
JVIRT_JAVA_OPTS="$(record_opts jvirsh)" bin/jvirsh -c test:///default \
    "$JOBS; connect test+unix:///default?socket=$dir/jvirt-sock; $JOBS" >/dev/null 2>&1 || true
echo "train-startup: start-up cache for jvirsh written (JDK $major)"
if [ "$train_daemon" = 1 ]; then
    for _ in 1 2 3; do
        bin/jvirsh -c "test+unix:///default?socket=$dir/jvirt-sock" "$JOBS" >/dev/null 2>&1 || true
    done
fi
# jvirt-install: one --print-xml through the daemon (remote client, osinfo database, composition)
if [ -d jvirt-install/target/lib ]; then
    JVIRT_JAVA_OPTS="$(record_opts jvirt-install)" bin/jvirt-install --connect \
        "test+unix:///default?socket=$dir/jvirt-sock" --name train --osinfo debian11 --import --disk none \
        --print-xml >/dev/null 2>&1 || true
    echo "train-startup: start-up cache for jvirt-install written (JDK $major)"
fi
kill -TERM "$daemon"
wait "$daemon" || true
if [ "$train_daemon" = 1 ]; then
    echo "train-startup: start-up cache for jvirtd written (JDK $major)"
else
    echo "train-startup: no start-up cache for jvirtd (JVIRT_TRAIN_DAEMON=1 records one)"
fi

# jvirt-osinfo-query / -detect: a lookup and a detection over the installed osinfo database.
if [ -d jvirt-osinfo/target/lib ] && [ -d /usr/share/osinfo ]; then
    JVIRT_JAVA_OPTS="$(record_opts jvirt-osinfo)" bin/jvirt-osinfo-query os short-id=debian11 >/dev/null 2>&1 || true
    echo "train-startup: start-up cache for jvirt-osinfo written (JDK $major)"
fi
