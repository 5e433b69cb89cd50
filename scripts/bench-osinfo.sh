#!/usr/bin/env bash
# The osinfo database, jvirt against libosinfo 1.10 on the installed osinfo-db, side by side:
#  1. whole commands (hyperfine): osinfo-query os short-id=debian11 (load + find) and osinfo-detect on a
#     Debian 11 netinst-like ISO made here with xorriso (load + detect), against bin/jvirt-osinfo-query and
#     bin/jvirt-osinfo-detect; and the full OS listing (every file read);
#  2. in a warm JVM (JMH, jvirt-bench OsinfoBenchmark): load + find, load + find + detect, load of every OS.
# Run after scripts/build-and-run.sh (or mvn install); RUNS sets hyperfine's run count.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q hyperfine >/dev/null; }
. scripts/find-jdk.sh
JAVA_HOME=${JAVA_HOME:-$(jvirt_find_jdk)}
export JAVA_HOME
out=$(mktemp -d /tmp/jvirt-bench-osinfo.XXXXXX)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/iso"
head -c 2048 /dev/zero > "$out/iso/boot.bin"
xorriso -as mkisofs -quiet -V "Debian 11.5.0 amd64 n" -b boot.bin -no-emul-boot -o "$out/debian.iso" "$out/iso"
iso=$out/debian.iso

hyperfine -N -w 3 -r "${RUNS:-20}" --export-csv "$out/find.csv" \
    -n "osinfo-query os short-id=debian11" "osinfo-query os short-id=debian11" \
    -n "jvirt-osinfo-query os short-id=debian11" "bin/jvirt-osinfo-query os short-id=debian11"
hyperfine -N -w 3 -r "${RUNS:-20}" --export-csv "$out/detect.csv" \
    -n "osinfo-detect ISO" "osinfo-detect $iso" \
    -n "jvirt-osinfo-detect ISO" "bin/jvirt-osinfo-detect $iso"
hyperfine -N -w 1 -r "${RUNS_ALL:-5}" --export-csv "$out/all.csv" \
    -n "osinfo-query os" "osinfo-query os" \
    -n "jvirt-osinfo-query os" "bin/jvirt-osinfo-query os"

mvn -B -ntp -q install -DskipTests -pl jvirt-bench -am
"$JAVA_HOME/bin/java" -cp "jvirt-bench/target/jvirt-bench-0.1.0-SNAPSHOT.jar:jvirt-bench/target/lib/*" \
    org.openjdk.jmh.Main OsinfoBenchmark -rf csv -rff "$out/jmh.csv" ${JMH_ARGS:-} >"$out/jmh.log"

/usr/bin/python3 - "$out" <<'PY'
import csv, os, sys
d = sys.argv[1]
print("\n%-45s %12s" % ("command (wall time, hyperfine mean)", "ms"))
for f in ["find.csv", "detect.csv", "all.csv"]:
    rows = list(csv.DictReader(open(os.path.join(d, f))))
    for r in rows:
        print("%-45s %12.1f" % (r["command"], float(r["mean"]) * 1000))
    print("%-45s %11.2fx" % ("  ratio jvirt / libosinfo", float(rows[1]["mean"]) / float(rows[0]["mean"])))
print("\n%-45s %12s" % ("in a warm JVM (JMH, fresh load each op)", "ms/op"))
for r in csv.DictReader(open(os.path.join(d, "jmh.csv"))):
    print("%-45s %12.2f" % (r["Benchmark"].rsplit(".", 1)[1], float(r["Score"])))
PY
