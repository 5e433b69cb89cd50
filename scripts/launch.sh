# Sourced by bin/*: starts a module's main class on a JDK >= 21 with the jars the build copied to target/lib.
# The JDK found is cached in target/jdk-home so that every start does not probe each installed JDK again.
jvirt_launch() {
    local module=$1 main=$2; shift 2
    local root; root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    local cache="$root/target/jdk-home" jdk=""
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        jdk=$JAVA_HOME
    elif [ -r "$cache" ] && [ -x "$(cat "$cache")/bin/java" ]; then
        jdk=$(cat "$cache")
    else
        . "$root/scripts/find-jdk.sh"
        jdk=$(jvirt_find_jdk)
        [ -n "$jdk" ] || { echo "$module: no JDK >= 21 found; set JAVA_HOME" >&2; exit 1; }
        mkdir -p "$root/target" && echo "$jdk" > "$cache"
    fi
    local jar; jar=$(ls "$root/$module/target/$module"-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1)
    if [ -z "$jar" ] || [ ! -d "$root/$module/target/lib" ]; then
        echo "$module: not built yet; run scripts/build-and-run.sh (or mvn install -DskipTests) first" >&2
        exit 1
    fi
    local cds=()
    if [ -r "$root/$module/target/app.jsa" ]; then
        cds=(-XX:SharedArchiveFile="$root/$module/target/app.jsa" -Xshare:auto)
    fi
    exec "$jdk/bin/java" ${JVIRT_JAVA_OPTS:-} "${cds[@]}" -cp "$jar:$root/$module/target/lib/*" "$main" "$@"
}
