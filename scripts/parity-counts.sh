#!/usr/bin/env bash
# The parity figures of issue 15, from the committed generated docs and the jvirsh sources:
#   functions of libvirt 9.0's 516 in the public API, REMOTE procedures jvirtd serves, and jvirsh handlers that
#   answer "not supported" by declaration (Unsupported.api). Run scripts/gen-docs.sh first after an API change.
set -euo pipefail
cd "$(dirname "$0")/.."
api=$(awk -F'\t' 'NR > 1 && $2 != "-" && $2 !~ /^n\/a/' docs/api-coverage.tsv | wc -l)
served=$(grep -o 'jvirtd serves [0-9]* of libvirt 9.0.s [0-9]* REMOTE procedures' docs/support-matrix.md || echo 'jvirtd serves: not in this matrix')
unsupported=$(grep -rho 'Unsupported\.api("[A-Za-z]*")' jvirsh/src/main/java | wc -l)
echo "public API functions: $api of 516"
echo "$served"
echo "jvirsh handlers answering not supported: $unsupported"
