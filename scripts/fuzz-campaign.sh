#!/usr/bin/env bash
# The long fuzz campaign (issue 11): every decoder that reads untrusted input, TRIES inputs per property
# (default 1 000 000), through jqwik's jqwik.tries.default (CI runs the same properties with 200-500 tries):
#   jvirt-rpc          DecoderPropertiesTest          frames; XDR of every record type (random, mutated, truncated)
#   jvirtd             SessionDecoderPropertiesTest   bytes into a whole client session (framing, decode, dispatch)
#   jvirt-xml          XmlFuzzTest                    each of the 12 XML document kinds, mutated corpus documents
#   jvirt-driver-qemu  QmpReplyFuzzStandInTest        QMP greeting, replies and events from a QEMU stand-in
# Prints, per property: inputs, seconds, inputs/s, and whether it failed (a failure is a finding: jqwik prints
# the shrunk input and its seed in the module's target/surefire-reports/*-output.txt).
#
#   scripts/fuzz-campaign.sh [TRIES [MODULE...]]     e.g. scripts/fuzz-campaign.sh 100000 jvirt-rpc
set -euo pipefail
cd "$(dirname "$0")/.."
tries=${1:-1000000}
shift || true
declare -A tests=(
    [jvirt-rpc]=DecoderPropertiesTest
    [jvirtd]=SessionDecoderPropertiesTest
    [jvirt-xml]=XmlFuzzTest
    [jvirt-driver-qemu]=QmpReplyFuzzStandInTest
)
modules=("$@")
[ ${#modules[@]} -gt 0 ] || modules=(jvirt-rpc jvirtd jvirt-xml jvirt-driver-qemu)
if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME=$(scripts/find-jdk.sh)
    export JAVA_HOME
fi
mvn -B -ntp -q install -pl jvirtd -am -DskipTests
status=0
for m in "${modules[@]}"; do
    t=${tests[$m]}
    echo "== $m $t: $tries inputs per property"
    # -Xmx bounds the heap: a decoder that allocates what a length word claims fails here
    if ! mvn -B -ntp -q surefire:test -pl "$m" -Dtest="$t" -Dsurefire.failIfNoSpecifiedTests=false \
        -DargLine="-Djqwik.tries.default=$tries -Xmx512m" -Dsurefire.timeout=0; then
        status=1
    fi
    for x in "$m"/target/surefire-reports/TEST-*"$t".xml; do
        /usr/bin/python3 - "$x" "$tries" <<'PY'
import sys, xml.etree.ElementTree as ET
tries = int(sys.argv[2])
for tc in ET.parse(sys.argv[1]).getroot().iter("testcase"):
    t = float(tc.get("time", "0"))
    bad = tc.find("failure") is not None or tc.find("error") is not None
    print(f"  {tc.get('name'):55s} {tries:>9d} inputs {t:9.1f} s {tries / t if t else 0:>10.0f} inputs/s"
          f"{'  FAILED (finding)' if bad else ''}")
PY
    done
done
exit $status
