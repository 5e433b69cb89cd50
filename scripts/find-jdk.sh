#!/usr/bin/env bash
# Prints the path of a JDK >= 21 (JAVA_HOME if it is one, else the newest under /usr/lib/jvm), or fails.
# Sourced by the other scripts and by bin/*: the machine's default java may be older.
jvirt_java_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}
jvirt_find_jdk() {
    local c v
    for c in "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/*; do
        [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
        v=$(jvirt_java_major "$c")
        [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null && { echo "$v $c"; }
    done | sort -n -r | head -n 1 | cut -d' ' -f2-
}
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    j=$(jvirt_find_jdk); [ -n "$j" ] || { echo "no JDK >= 21 found (set JAVA_HOME)" >&2; exit 1; }
    echo "$j"
fi
