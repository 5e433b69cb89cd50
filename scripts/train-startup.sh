#!/usr/bin/env bash
# Records what bin/jvirsh loads on a typical run into an AOT cache (JDK >= 25) or a CDS archive (JDK 21-24),
# so later starts skip class loading and linking. Run after the build; bin/* uses the result when it is newer
# than the jar and was made by the same JDK.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/launch.sh
jdk=$(jvirt_jdk "$PWD")
major=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
module=jvirsh
jar=$(ls "$module/target/$module"-*.jar | head -n 1)
cp="$PWD/$jar:$PWD/$module/target/lib/*"
rm -f "$module/target/app.aot" "$module/target/app.jsa"
if [ "$major" -ge 25 ]; then
    "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -XX:AOTCacheOutput="$module/target/app.aot" -Xlog:aot=off -Xlog:cds=off -cp "$cp" \
        org.jvirt.shell.Main -c test:///default "list --all; dominfo test; net-list --all; pool-list --all" >/dev/null 2>&1 || true
    echo "$jdk" > "$module/target/app.aot.jdk"
else
    "$jdk/bin/java" --enable-native-access=ALL-UNNAMED -XX:ArchiveClassesAtExit="$module/target/app.jsa" -Xlog:cds=off -cp "$cp" \
        org.jvirt.shell.Main -c test:///default "list --all; dominfo test; net-list --all; pool-list --all" >/dev/null 2>&1 || true
    echo "$jdk" > "$module/target/app.jsa.jdk"
fi
echo "train-startup: start-up cache for $module written (JDK $major)"
