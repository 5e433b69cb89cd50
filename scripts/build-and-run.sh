#!/usr/bin/env bash
# The README's first command: builds jvirt (tests skipped) and runs the main job on the embedded default,
# the test driver: a short tour with bin/jvirsh of the objects test:///default holds. Where QEMU is installed
# the tour also shows what the real QEMU driver reports.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
JAVA_HOME=$(jvirt_find_jdk)
[ -n "$JAVA_HOME" ] || { echo "build-and-run.sh: no JDK >= 21 found; install one or set JAVA_HOME" >&2; exit 1; }
export JAVA_HOME
mvn -B -ntp -q install -DskipTests
scripts/train-startup.sh
URI=${JVIRT_URI:-test:///default}
echo "== bin/jvirsh -c $URI: version; list --all; dominfo test; net-list --all; pool-list --all"
bin/jvirsh -c "$URI" "version; list --all; dominfo test; net-list --all; pool-list --all"
