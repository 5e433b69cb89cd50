#!/usr/bin/env bash
# Live migration side by side: the test guest (TCG, 256 MiB) migrated back and forth between two private jvirtd
# daemons and between two private real libvirtd 9.0 daemons, by the same python3-libvirt client
# (virDomainMigrate3, VIR_MIGRATE_LIVE); prints the median time per migration and the ratio.
#
#   scripts/bench-migration.sh [--reps N]        (run after the build; jvirt-bench/src/main/python/migration_bench.py)
set -euo pipefail
cd "$(dirname "$0")/.."
py=/usr/bin/python3 # not the pyenv python3 first on PATH: it has no libvirt module
guest=$(jvirt-driver-qemu/src/test/sh/make-test-guest.sh cached | tail -n 1)
if [ ! -r "$guest/vmlinuz" ] || [ ! -r "$guest/initramfs.cpio.gz" ]; then
    echo "bench-migration: no test guest (make-test-guest.sh cached said: $guest)" >&2
    exit 1
fi
work=$(mktemp -d /tmp/jmb.XXXXXX) # short: libvirtd probes QEMU over a unix socket below it (107-byte limit)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
"$py" jvirt-bench/src/main/python/migration_bench.py --guest "$guest" --workdir "$work/run" "$@"
