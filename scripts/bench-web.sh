#!/usr/bin/env bash
# jvirt-web: GET /metrics at 1 000 domains and GET /api/v1/domains at 10 000 (test driver), each beside the
# in-process API calls behind it; the VNC console's throughput and latency through the websocket proxy against a
# direct connection to the same real TCG guest. `scripts/bench-web.sh [metrics] [list] [console]` (all by default).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
JAVA_HOME=${JAVA_HOME:-$(jvirt_find_jdk)}
export JAVA_HOME
mvn -B -ntp -q -pl jvirt-web test-compile
mvn -B -ntp -q -pl jvirt-web exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.jvirt.web.WebBench \
    -Dexec.args="$*" -Djvirt.testguest.script="$PWD/jvirt-driver-qemu/src/test/sh/make-test-guest.sh"
