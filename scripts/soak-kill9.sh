#!/usr/bin/env bash
# kill -9 soak of jvirtd with real (TCG) guests (issue 11): jvirtd's KillNineSoakTest at full size. A client
# defines, starts, destroys and undefines test guests and creates transient ones while jvirtd is killed with
# SIGKILL KILLS times (half of the kills aimed at a start in progress); after each restart every acknowledged
# guest must be there as acknowledged (running ones taken back, their QEMU answering), and no QEMU may run that
# jvirtd does not report. RUNS runs, each with its own random seed (printed, to replay one with SEED=...).
# The CI run uses 6 kills.
#
#   scripts/soak-kill9.sh [KILLS [RUNS]]      default 40 3;  SEED=S replays one run
#
# Uses the Maven repository in $MAVEN_OPTS (or ~/.m2); builds jvirtd and what it needs first (-am, tests skipped).
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-40}
runs=${2:-3}
if [ -z "${JAVA_HOME:-}" ]; then
    JAVA_HOME=$(scripts/find-jdk.sh)
    export JAVA_HOME
fi
mvn -B -ntp -q install -pl jvirtd -am -DskipTests
for run in $(seq 1 "$runs"); do
    seed=${SEED:-$(od -An -N6 -tu8 /dev/urandom | tr -d ' ')}
    echo "run $run of $runs: $kills kills, seed $seed"
    mvn -B -ntp -q surefire:test -pl jvirtd -Dtest=KillNineSoakTest -Dsurefire.failIfNoSpecifiedTests=false \
        -Djvirt.soak.kills="$kills" -Djvirt.soak.seed="$seed" \
        -DargLine="-Djvirt.soak.kills=$kills -Djvirt.soak.seed=$seed" \
        || { grep -h -E '^(kill -9|round|  )' jvirtd/target/surefire-reports/org.jvirt.daemon.KillNineSoakTest-output.txt; exit 1; }
    grep -h -E '^kill -9 soak' jvirtd/target/surefire-reports/org.jvirt.daemon.KillNineSoakTest-output.txt
done
