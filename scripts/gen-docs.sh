#!/usr/bin/env bash
# Regenerates docs/api-coverage.tsv and docs/support-matrix.md from the code (after mvn install).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
JAVA_HOME=${JAVA_HOME:-$(jvirt_find_jdk)}
export JAVA_HOME
mvn -B -ntp -q -pl jvirt-tests dependency:build-classpath -Dmdep.outputFile=target/gen-docs.cp >/dev/null
exec "$JAVA_HOME/bin/java" -cp "jvirt-tests/target/classes:$(cat jvirt-tests/target/gen-docs.cp)" \
    org.jvirt.coverage.ApiCoverage docs
