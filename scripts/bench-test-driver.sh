#!/usr/bin/env bash
# Side by side: the in-process test driver's hot paths on jvirt (JMH, jvirt-bench) and on libvirt's own test
# driver (python3-libvirt), in one run; prints both figures and the ratio (libvirt time / jvirt time).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
JAVA_HOME=${JAVA_HOME:-$(jvirt_find_jdk)}
export JAVA_HOME
mvn -B -ntp -q install -DskipTests -pl jvirt-bench -am
out=$(mktemp -d)
"$JAVA_HOME/bin/java" -cp "jvirt-bench/target/jvirt-bench-0.1.0-SNAPSHOT.jar:jvirt-bench/target/lib/*" \
    org.openjdk.jmh.Main TestDriverBenchmark -rf csv -rff "$out/jmh.csv" ${JMH_ARGS:-} >"$out/jmh.log"
/usr/bin/python3 jvirt-bench/src/main/python/test_driver_bench.py >"$out/libvirt.txt"
/usr/bin/python3 - "$out/jmh.csv" "$out/libvirt.txt" <<'PY'
import csv, sys
jv = {}
for row in csv.DictReader(open(sys.argv[1])):
    name = row["Benchmark"].rsplit(".", 1)[1]
    us = float(row["Score"]) * (1000.0 if row["Unit"].startswith("ms") else 1.0)
    jv[name] = us
lv = {}
for line in open(sys.argv[2]):
    k, v = line.split()
    lv[k.split("(")[0]] = float(v)
print("%-30s %14s %14s %8s" % ("operation", "jvirt us/op", "libvirt us/op", "ratio"))
for k in ["lookupAndInfo", "defineAndUndefine", "listAll", "suspendResumeEventsDelivered"]:
    if k in jv and k in lv:
        print("%-30s %14.3f %14.3f %7.1fx" % (k, jv[k], lv[k], lv[k] / jv[k]))
PY
