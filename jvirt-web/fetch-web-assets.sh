#!/usr/bin/env bash
# Build step (exec-maven-plugin, generate-resources): takes noVNC and xterm.js from the npm registry with
# `npm pack` at the versions the parent pom pins, and unpacks the files the browser needs into
# target/classes/org/jvirt/web/webroot/vendor/, so they are bundled into the jar. Nothing fetched is committed.
# The packs are kept in target/npm-cache between builds of the same versions.
set -euo pipefail
target=$1 novnc=$2 xterm=$3
cache="$target/npm-packs"
out="$target/classes/org/jvirt/web/webroot/vendor"
stamp="$out/.versions"
want="novnc=$novnc xterm=$xterm"
if [ -r "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi
command -v npm >/dev/null || { echo "fetch-web-assets: npm is needed to bundle noVNC and xterm.js" >&2; exit 1; }
mkdir -p "$cache"
pack() { # $1 = package@version; prints the tarball's path
    local name=${1%@*} ver=${1##*@} file
    file="$cache/$(echo "${name#@}" | tr / -)-$ver.tgz"
    if [ ! -s "$file" ]; then
        (cd "$cache" && npm pack --silent --cache "$cache/.npm" "$1" >/dev/null)
    fi
    [ -s "$file" ] || { echo "fetch-web-assets: npm pack $1 gave no $file" >&2; exit 1; }
    echo "$file"
}
novnc_tgz=$(pack "@novnc/novnc@$novnc")
xterm_tgz=$(pack "@xterm/xterm@$xterm")
rm -rf "$out" && mkdir -p "$out/novnc" "$out/xterm"
tar -xzf "$novnc_tgz" -C "$out/novnc" --strip-components=1 package/core package/vendor package/LICENSE.txt
tar -xzf "$xterm_tgz" -C "$out/xterm" --strip-components=1 package/lib/xterm.js package/css/xterm.css package/LICENSE
echo "$want" >"$stamp"
