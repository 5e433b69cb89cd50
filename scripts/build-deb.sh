#!/usr/bin/env bash
# Builds the Debian package target/jvirt_<version>_amd64.deb with plain dpkg-deb: every tool in bin/
# (jvirtd, jvirsh, ...) as a launcher in /usr/bin, their jars in /usr/share/jvirt/lib, a Java runtime of
# their own in /usr/lib/jvirt/runtime (jlink'ed from the build JDK: Debian 12 has no Java 21), jvirtd's
# systemd units and init script, /etc/jvirt/jvirtd.conf, man pages made from the tools' own help, and bash
# completion for jvirsh. The package's files are in packaging/deb; docs/install.md says what goes where and why.
#
#   scripts/build-deb.sh [--no-build] [--fast]
#
#   --no-build   use the jars already built (default: mvn -o -q install -DskipTests -pl jvirtd,jvirsh -am)
#   --fast       gzip -1 instead of xz (the tests' choice: seconds instead of a minute; a larger file)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
. scripts/launch.sh

build=1
compress=(-Zxz)
for a in "$@"; do
    case $a in
        --no-build) build=0 ;;
        --fast) compress=(-Zgzip -z1) ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "build-deb: unknown option $a" >&2; exit 2 ;;
    esac
done

jdk=$(jvirt_jdk "$root")
[ -n "$jdk" ] && [ -x "$jdk/bin/jlink" ] || { echo "build-deb: no JDK >= 21 with jlink found; set JAVA_HOME" >&2; exit 1; }

# Every tool is a bin/ script that ends in `jvirt_launch MODULE MAIN-CLASS`: the package takes the same list.
tools=()
for f in bin/*; do
    line=$(grep -m1 -E '^jvirt_launch [^ ]+ [^ ]+' "$f" || true)
    [ -n "$line" ] && tools+=("${f#bin/} $(echo "$line" | cut -d' ' -f2,3)")
done
modules_csv=$(for t in "${tools[@]}"; do echo "$t" | cut -d' ' -f2; done | sort -u | paste -sd, -)

if [ "$build" = 1 ]; then
    echo "build-deb: building $modules_csv (mvn -o -q install -DskipTests)" >&2
    JAVA_HOME=$jdk mvn -B -ntp -o -q install -DskipTests -pl "$modules_csv" -am >&2
fi

version=""
for f in jvirtd/target/jvirtd-*.jar; do
    case $f in *-sources.jar | *-javadoc.jar | *-tests.jar) continue ;; esac
    version=${f#jvirtd/target/jvirtd-}; version=${version%.jar}
done
[ -n "$version" ] || { echo "build-deb: jvirtd is not built; run without --no-build" >&2; exit 1; }
debversion=${version/-/\~}   # 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT: sorts before the release 0.1.0
arch=amd64
out=target/jvirt_${debversion}_${arch}.deb
stage=target/deb/jvirt
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/usr/bin" "$stage/usr/share/jvirt/lib" "$stage/usr/lib/jvirt"

# --- the Java runtime: only the modules jvirt uses (jdeps over the jars, plus what is reached by name:
# SASL/GSSAPI providers, PKCS#11, SO_PEERCRED in jdk.net, jcmd for diagnostics). Kept between runs while the
# JDK and the module list are the same.
java_modules=java.base,java.desktop,java.logging,java.management,java.naming,java.security.jgss,java.security.sasl
java_modules+=,java.sql,java.xml,jdk.attach,jdk.charsets,jdk.crypto.cryptoki,jdk.jcmd,jdk.management,jdk.net
java_modules+=,jdk.security.auth,jdk.security.jgss,jdk.unsupported,jdk.zipfs
runtime=target/deb/runtime
stamp="$jdk $("$jdk/bin/java" -version 2>&1 | head -n1) $java_modules"
if [ ! -x "$runtime/bin/java" ] || [ "$(cat "$runtime.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "build-deb: jlink a runtime from $jdk" >&2
    rm -rf "$runtime"
    "$jdk/bin/jlink" --add-modules "$java_modules" --output "$runtime" --strip-debug --no-header-files \
        --no-man-pages --generate-cds-archive >&2
    # only for heaps over 32 GiB (no compressed oops): 15 MB a daemon this size never uses
    rm -f "$runtime/lib/server/classes_nocoops.jsa"
    echo "$stamp" >"$runtime.stamp"
fi
cp -a "$runtime" "$stage/usr/lib/jvirt/runtime"

# --- the tools: jars, and a launcher each with the same JVM options as bin/* (scripts/launch.sh)
for t in "${tools[@]}"; do
    read -r tool module main <<<"$t"
    opts=(--enable-native-access=ALL-UNNAMED)
    envs=()
    hosted=()
    jvirt_module_opts "$module"
    cp=""
    for jar in "$module/target/$module-$version.jar" "$module"/target/lib/*.jar; do
        cp -n "$jar" "$stage/usr/share/jvirt/lib/"
        cp+="${cp:+:}/usr/share/jvirt/lib/${jar##*/}"
    done
    # what it hosts in-process (jvirtd: jvirt-web, for web_listen): the jars its class path lacks, opened only
    # when configured (scripts/launch.sh)
    hpath=""
    for m in "${hosted[@]}"; do
        for jar in "$m/target/$m-$version.jar" "$m"/target/lib/*.jar; do
            case ":$cp:" in *":/usr/share/jvirt/lib/${jar##*/}:"*) continue ;; esac
            cp -n "$jar" "$stage/usr/share/jvirt/lib/"
            hpath+="${hpath:+:}/usr/share/jvirt/lib/${jar##*/}"
        done
    done
    [ -n "$hpath" ] && opts+=(-Djvirt.hosted.path="$hpath")
    exports=""
    for e in "${envs[@]}"; do exports+="export ${e%%=*}=\${${e%%=*}:-${e#*=}}"$'\n'; done
    cat >"$stage/usr/bin/$tool" <<LAUNCHER
#!/bin/sh
# $tool, from the jvirt package (made by scripts/build-deb.sh): jvirt's own Java runtime and jars.
# JVIRT_JAVA_OPTS adds options for the Java VM.
${exports}# the start-up cache the postinst recorded for this runtime and these jars (a stale one is ignored)
aot=
[ -r /var/cache/jvirt/$tool.aot ] && aot="-XX:AOTCache=/var/cache/jvirt/$tool.aot -Xlog:aot=off -Xlog:cds=off"
exec /usr/lib/jvirt/runtime/bin/java ${opts[*]} \$aot \${JVIRT_JAVA_OPTS:-} \\
    -cp $cp \\
    $main "\$@"
LAUNCHER
    chmod 755 "$stage/usr/bin/$tool"
done

# --- man pages from each tool's help (bin/* run the same jars)
man_summary() {
    case $1 in
        jvirsh) echo "management user interface for jvirt and libvirt hosts, virsh's counterpart" ;;
        jvirtd) echo "management daemon for virtual machines, libvirtd's counterpart" ;;
        *) echo "jvirt's $1" ;;
    esac
}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
for t in "${tools[@]}"; do
    read -r tool module main <<<"$t"
    section=1; extra=()
    [ "$tool" = jvirtd ] && section=8
    [ "$tool" = jvirsh ] && extra=(--commands)
    mkdir -p "$stage/usr/share/man/man$section"
    JAVA_HOME=$jdk python3 scripts/help2man.py --name "$tool" --section "$section" --version "$version" \
        --summary "$(man_summary "$tool")" "${extra[@]}" "bin/$tool" "$stage/usr/share/man/man$section/$tool.$section"
    gzip -9n "$stage/usr/share/man/man$section/$tool.$section"
done

# --- configuration, services, completion, docs
p=packaging/deb
install -D -m 644 $p/jvirtd.conf "$stage/etc/jvirt/jvirtd.conf"
install -D -m 644 $p/jvirtd.default "$stage/etc/default/jvirtd"
install -D -m 755 $p/jvirtd.init "$stage/etc/init.d/jvirtd"
for u in $p/systemd/*; do install -D -m 644 "$u" "$stage/lib/systemd/system/${u##*/}"; done
install -D -m 644 $p/jvirsh.bash-completion "$stage/usr/share/bash-completion/completions/jvirsh"
install -D -m 644 $p/copyright "$stage/usr/share/doc/jvirt/copyright"
install -D -m 644 docs/install.md "$stage/usr/share/doc/jvirt/install.md"
printf 'jvirt (%s) unstable; urgency=medium\n\n  * Built from %s.\n\n -- jvirt <jvirt@localhost>  %s\n' \
    "$debversion" "$(git rev-parse --short HEAD 2>/dev/null || echo 'a source tree')" \
    "$(date -R -u -d "@$SOURCE_DATE_EPOCH")" | gzip -9n >"$stage/usr/share/doc/jvirt/changelog.Debian.gz"
mkdir -p "$stage/var/lib/jvirt"

for s in postinst prerm postrm; do install -m 755 $p/$s "$stage/DEBIAN/$s"; done
(cd "$stage" && find etc -type f | sed 's|^|/|' | sort) >"$stage/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$debversion/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" $p/control.in >"$stage/DEBIAN/control"
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | sort | xargs -d '\n' md5sum) \
    >"$stage/DEBIAN/md5sums"

dpkg-deb --root-owner-group "${compress[@]}" --build "$stage" "$out" >&2
echo "$out"
