#!/usr/bin/env bash
# The README's test command: installs what the tests need, then builds and runs every test.
# Usage: scripts/test.sh [extra maven args]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
JAVA_HOME=$(jvirt_find_jdk)
[ -n "$JAVA_HOME" ] || { echo "test.sh: no JDK >= 21 found; install one or set JAVA_HOME" >&2; exit 1; }
export JAVA_HOME
scripts/setup-test-deps.sh
echo "test.sh: JDK $JAVA_HOME"
exec mvn -B -ntp ${MAVEN_OPTS_EXTRA:-} install "$@"
