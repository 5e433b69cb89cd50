#!/usr/bin/env bash
# Start-up of a whole `jvirsh -c test:///default list --all` process against real virsh's, side by side
# (hyperfine; installed through apt when missing). Run after scripts/build-and-run.sh, which also trains the
# start-up cache; the plain-JVM figure (no cache) is shown too.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q hyperfine >/dev/null; }
. scripts/launch.sh
jdk=$(jvirt_jdk "$PWD")
cp="$PWD/jvirsh/target/jvirsh-0.1.0-SNAPSHOT.jar:$PWD/jvirsh/target/lib/*"
hyperfine -N -w 3 -r "${RUNS:-20}" \
    -n virsh "virsh -c test:///default list --all" \
    -n "bin/jvirsh (AOT/CDS cache, C1)" "bin/jvirsh -c test:///default list --all" \
    -n "jvirsh, plain JVM" "$jdk/bin/java -cp $cp org.jvirt.shell.Main -c test:///default list --all"
