#!/usr/bin/env bash
# Load soak of jvirtd's client limits (issue 11): CLIENTS clients x CALLS calls each against an in-process
# jvirtd on its unix socket, while STALLED more clients pipeline CONNECT_GET_CAPABILITIES and never read a reply.
# Passes when every reading client got every answer with no error and every stalled client was dropped by
# client_write_timeout; prints throughput and the reading clients' p50/p99/max call latency. It is
# jvirtd's LoadTest at full size (the CI run uses 60 x 200 with 10 stalled).
#
#   scripts/soak-load.sh [CLIENTS [CALLS [STALLED]]]      default 500 1000 50
#
# Uses the Maven repository in $MAVEN_OPTS (or ~/.m2); builds jvirtd and what it needs first (-am, tests skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-500}
calls=${2:-1000}
stalled=${3:-50}
if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME=$(scripts/find-jdk.sh)
    export JAVA_HOME
fi
mvn -B -ntp -q install -pl jvirtd -am -DskipTests
mvn -B -ntp -q surefire:test -pl jvirtd -Dtest=LoadTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Djvirt.load.clients="$clients" -Djvirt.load.calls="$calls" -Djvirt.load.stalled="$stalled" \
    -DargLine="-Djvirt.load.clients=$clients -Djvirt.load.calls=$calls -Djvirt.load.stalled=$stalled -Xmx1g"
grep -h '^load:' jvirtd/target/surefire-reports/org.jvirt.daemon.LoadTest-output.txt
