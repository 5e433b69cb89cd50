# Sourced by bin/*: starts a module's main class on a JDK >= 21 with the jars the build copied to target/lib.
# The JDK found is cached in target/jdk-home so that every start does not probe each installed JDK again.
# Start-up: where scripts/train-startup.sh left an AOT cache (JDK >= 25) or a CDS archive (older JDKs) newer
# than the module's jar, it is used; a stale one is ignored rather than trusted.
# The launch path uses shell builtins only: each command substitution or external program costs a fork (and an
# exec), a few milliseconds each, which jvirsh's start-up measures.

# Sets $jdk for the repository root $1.
jvirt_jdk_into() {
    local root=$1 cache="$1/target/jdk-home"
    jdk=""
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        jdk=$JAVA_HOME
        return
    fi
    [ -r "$cache" ] && read -r jdk <"$cache"
    if [ -z "$jdk" ] || [ ! -x "$jdk/bin/java" ]; then
        . "$root/scripts/find-jdk.sh"
        jdk=$(jvirt_find_jdk)
        [ -n "$jdk" ] && mkdir -p "$root/target" && echo "$jdk" >"$cache"
    fi
}

# Prints the JDK for the repository root $1 (for scripts; bin/* use jvirt_jdk_into).
jvirt_jdk() {
    local jdk
    jvirt_jdk_into "$1"
    echo "$jdk"
}

# Whether cache file $1 is newer than jar $2 and was made by JDK $3 (recorded in $1.jdk).
jvirt_cache_fits() {
    local made=""
    [ -r "$1" ] && [ "$1" -nt "$2" ] && [ -r "$1.jdk" ] && read -r made <"$1.jdk" && [ "$made" = "$3" ]
}

jvirt_launch() {
    local module=$1 main=$2; shift 2
    local root=${BASH_SOURCE[0]%/*}/.. jdk jar="" f
    jvirt_jdk_into "$root"
    [ -n "$jdk" ] || { echo "$module: no JDK >= 21 found; set JAVA_HOME" >&2; exit 1; }
    for f in "$root/$module/target/$module"-*.jar; do
        case $f in *-tests.jar | *-sources.jar) continue ;; esac
        [ -f "$f" ] && jar=$f && break
    done
    if [ -z "$jar" ] || [ ! -d "$root/$module/target/lib" ]; then
        echo "$module: not built yet; run scripts/build-and-run.sh (or mvn install -DskipTests) first" >&2
        exit 1
    fi
    local opts=(--enable-native-access=ALL-UNNAMED)
    local aot="$root/$module/target/app.aot" jsa="$root/$module/target/app.jsa"
    if jvirt_cache_fits "$aot" "$jar" "$jdk"; then
        opts+=(-XX:AOTCache="$aot" -Xlog:aot=off -Xlog:cds=off)
    elif jvirt_cache_fits "$jsa" "$jar" "$jdk"; then
        opts+=(-XX:SharedArchiveFile="$jsa" -Xlog:cds=off)
    fi
    # A command-line tool lives for a few hundred milliseconds: C2 would never pay for itself (jvirt-osinfo's
    # tools included: C1 alone halves their CPU time, even for a listing that reads every database file).
    case $module in jvirsh | jvirt-osinfo | jvirt-install) opts+=(-XX:TieredStopAtLevel=1) ;; esac
    # A daemon's heap is mostly idle: start small and give memory back, rather than the JVM's default of
    # reserving a 64th of the host's RAM up front. Serial GC keeps the collector's own footprint small.
    [ "$module" = jvirtd ] && opts+=(-XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30)
    exec "$jdk/bin/java" "${opts[@]}" ${JVIRT_JAVA_OPTS:-} -cp "$jar:$root/$module/target/lib/*" "$main" "$@"
}
