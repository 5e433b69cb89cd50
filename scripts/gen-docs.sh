#!/usr/bin/env bash
# Regenerates what is derived from the code: docs/api-coverage.tsv, docs/support-matrix.md and the async mirror
# of the public API (jvirt-core/src/main/java/org/jvirt/async). Run after changing the public API or a driver;
# the async sources need a rebuild of jvirt-core afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
JAVA_HOME=${JAVA_HOME:-$(jvirt_find_jdk)}
export JAVA_HOME
mvn -B -ntp -q -pl jvirt-tests dependency:build-classpath -Dmdep.outputFile=target/gen-docs.cp >/dev/null
mvn -B -ntp -q -pl jvirt-tests compile >/dev/null
cp="jvirt-tests/target/classes:$(cat jvirt-tests/target/gen-docs.cp)"
"$JAVA_HOME/bin/java" -cp "$cp" org.jvirt.coverage.AsyncMirrorGenerator jvirt-core/src/main/java/org/jvirt/async
"$JAVA_HOME/bin/java" -cp "$cp" org.jvirt.coverage.ApiCoverage docs
