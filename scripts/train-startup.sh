#!/usr/bin/env bash
# Records what bin/jvirsh, bin/jvirtd and bin/jvirt-install load on a typical run into an AOT cache (JDK >= 25)
# or a CDS archive (JDK 21-24), so later starts skip class loading and linking. Run after the build; bin/* uses
# the result when it is newer than the jar and was made by the same JDK.
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

# jvirsh: one in-process run on the test driver.
JVIRT_JAVA_OPTS="$(record_opts jvirsh)" bin/jvirsh -c test:///default "$JOBS" >/dev/null 2>&1 || true
echo "train-startup: start-up cache for jvirsh written (JDK $major)"

# jvirtd: a private daemon on a temporary socket, with no hypervisor driver held open (training must not touch
# the host's QEMU state), serving a few jvirsh sessions; it writes the cache when SIGTERM ends it cleanly.
dir=$(mktemp -d /tmp/jvirt-train.XXXXXX)
trap 'rm -rf "$dir"' EXIT
printf 'unix_sock_dir = "%s"\ndriver_uris = []\nlisten_tcp = 0\n' "$dir" > "$dir/jvirtd.conf"
JVIRT_JAVA_OPTS="$(record_opts jvirtd)" bin/jvirtd -f "$dir/jvirtd.conf" >"$dir/jvirtd.log" 2>&1 &
daemon=$!
for _ in $(seq 300); do
    [ -S "$dir/jvirt-sock" ] && break
    sleep 0.1
done
for _ in 1 2 3; do
    bin/jvirsh -c "test+unix:///default?socket=$dir/jvirt-sock" "$JOBS" >/dev/null 2>&1 || true
done
# jvirt-install: one --print-xml through the daemon (remote client, osinfo database, composition)
if [ -d jvirt-install/target/lib ]; then
    JVIRT_JAVA_OPTS="$(record_opts jvirt-install)" bin/jvirt-install --connect \
        "test+unix:///default?socket=$dir/jvirt-sock" --name train --osinfo debian11 --import --disk none \
        --print-xml >/dev/null 2>&1 || true
    echo "train-startup: start-up cache for jvirt-install written (JDK $major)"
fi
kill -TERM "$daemon"
wait "$daemon" || true
echo "train-startup: start-up cache for jvirtd written (JDK $major)"

# jvirt-osinfo-query / -detect: a lookup and a detection over the installed osinfo database.
if [ -d jvirt-osinfo/target/lib ] && [ -d /usr/share/osinfo ]; then
    JVIRT_JAVA_OPTS="$(record_opts jvirt-osinfo)" bin/jvirt-osinfo-query os short-id=debian11 >/dev/null 2>&1 || true
    echo "train-startup: start-up cache for jvirt-osinfo written (JDK $major)"
fi
