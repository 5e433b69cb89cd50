# Sourced by bin/*: starts a module's main class on a JDK >= 21 with the jars the build copied to target/lib.
# The JDK found is cached in target/jdk-home so that every start does not probe each installed JDK again.
# Start-up: where scripts/train-startup.sh left an AOT cache (JDK >= 25) or a CDS archive (older JDKs) newer
# than the module's jar, it is used; a stale one is ignored rather than trusted.
jvirt_jdk() {
    local root=$1 cache="$1/target/jdk-home" jdk=""
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        jdk=$JAVA_HOME
    elif [ -r "$cache" ] && [ -x "$(cat "$cache")/bin/java" ]; then
        jdk=$(cat "$cache")
    else
        . "$root/scripts/find-jdk.sh"
        jdk=$(jvirt_find_jdk)
        [ -n "$jdk" ] && mkdir -p "$root/target" && echo "$jdk" > "$cache"
    fi
    echo "$jdk"
}

jvirt_launch() {
    local module=$1 main=$2; shift 2
    local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    local jdk; jdk=$(jvirt_jdk "$root")
    [ -n "$jdk" ] || { echo "$module: no JDK >= 21 found; set JAVA_HOME" >&2; exit 1; }
    local jar; jar=$(ls "$root/$module/target/$module"-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1)
    if [ -z "$jar" ] || [ ! -d "$root/$module/target/lib" ]; then
        echo "$module: not built yet; run scripts/build-and-run.sh (or mvn install -DskipTests) first" >&2
        exit 1
    fi
    local opts=(--enable-native-access=ALL-UNNAMED)
    local aot="$root/$module/target/app.aot" jsa="$root/$module/target/app.jsa"
    if [ -r "$aot" ] && [ "$aot" -nt "$jar" ] && [ "$(cat "$aot.jdk" 2>/dev/null)" = "$jdk" ]; then
        opts+=(-XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off)
    elif [ -r "$jsa" ] && [ "$jsa" -nt "$jar" ] && [ "$(cat "$jsa.jdk" 2>/dev/null)" = "$jdk" ]; then
        opts+=(-XX:SharedArchiveFile="$jsa" -Xlog:cds=off)
    fi
    # A command-line tool lives for a few hundred milliseconds: C2 would never pay for itself.
    [ "$module" = jvirsh ] && opts+=(-XX:TieredStopAtLevel=1)
    # A daemon's heap is mostly idle: start small and give memory back, rather than the JVM's default of
    # reserving a 64th of the host's RAM up front. Serial GC keeps the collector's own footprint small.
    [ "$module" = jvirtd ] && opts+=(-XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30)
    exec "$jdk/bin/java" "${opts[@]}" ${JVIRT_JAVA_OPTS:-} -cp "$jar:$root/$module/target/lib/*" "$main" "$@"
}
