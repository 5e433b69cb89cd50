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

# Appends module $1's own JVM options to the array opts, the environment it needs (NAME=VALUE) to the array
# envs, and the other modules it can host in-process to the array hosted. The one home
# of these settings: bin/* use them, and scripts/build-deb.sh writes them into the packaged launchers.
jvirt_module_opts() {
    case $1 in
        # A command-line tool lives for a few hundred milliseconds: C2 would never pay for itself (jvirt-osinfo's
        # tools included: C1 alone halves their CPU time, even for a listing that reads every database file).
        jvirsh | jvirt-install | jvirt-osinfo) opts+=(-XX:TieredStopAtLevel=1) ;;
        # A daemon's heap is mostly idle: start small and give memory back, rather than the JVM's default of
        # reserving a 64th of the host's RAM up front. Serial GC keeps the collector's own footprint small.
        # Measured with scripts/bench-daemon.sh (RSS idle / at 10 000 test domains, MiB; docs/install.md):
        # - C1 only (TieredStopAtLevel=1): C2's compiler threads, their arenas, its code and the part of
        #   libjvm.so it touches cost ~20 MiB idle; jvirtd's calls are short and I/O-bound (CPU per call at 32
        #   connections 20 -> 29 us, libvirtd's 66 us);
        # - TrimNativeHeapInterval and MALLOC_ARENA_MAX=2: without them glibc keeps what the JIT and the NIO
        #   buffers of a burst freed: 110 MiB of the 206 MiB at 10 000 domains were outside anything NMT counts.
        # - the ClassFile API's StackMapGenerator.processBlock stays interpreted: it is hot only while lambda
        #   classes are spun at start, and C1 compiling it took 6.6 MB of compiler arena, which the JVM's chunk
        #   pool keeps ~5 s: idle RSS 2 s after start 60.3 -> 56.1 MiB (jcmd Compiler.memory found it).
        # - no class data sharing (-Xshare:off) unless a start-up cache was asked for: the JDK's default CDS
        #   archive is mapped at a random address and relocated, so ~11 of its 14 MiB become private dirty
        #   pages; loading the ~1 700 JDK classes the daemon uses costs ~9 MiB of metaspace instead, and ~0.06 s
        #   of CPU at start: idle RSS 56.1 -> 53.3 MiB (3 runs each, private qemu:///session hold).
        jvirtd)
            opts+=(-XX:+UseSerialGC -Xms8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30
                -XX:TieredStopAtLevel=1 -XX:TrimNativeHeapInterval=1000 -XX:CompileCommand=quiet
                -XX:CompileCommand=exclude,jdk.internal.classfile.impl.StackMapGenerator::processBlock)
            case " ${opts[*]} ${JVIRT_JAVA_OPTS:-} " in
                *" -XX:AOTCache"* | *" -XX:SharedArchiveFile"* | *" -XX:AOTCacheOutput"* | *" -XX:ArchiveClassesAtExit"*) ;;
                *) opts+=(-Xshare:off) ;;
            esac
            envs+=(MALLOC_ARENA_MAX=2)
            # jvirtd runs jvirt-web in-process when jvirtd.conf sets web_listen or web_unix_sock (docs/web.md).
            # Its jars are not on the class path but named in -Djvirt.hosted.path, which jvirtd opens in a class
            # loader of its own only then: a daemon without web_* keys opens none of them.
            hosted+=(jvirt-web) ;;
    esac
}

jvirt_launch() {
    local module=$1 main=$2; shift 2
    local root=${BASH_SOURCE[0]%/*}/.. jdk jar="" f
    jvirt_jdk_into "$root"
    [ -n "$jdk" ] || { echo "$module: no JDK >= 21 found; set JAVA_HOME" >&2; exit 1; }
    for f in "$root/$module/target/$module"-*.jar; do
        case $f in *-tests.jar | *-sources.jar | *-javadoc.jar) continue ;; esac
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
    local envs=() hosted=() hpath="" h
    jvirt_module_opts "$module"
    for h in "${hosted[@]}"; do # a hosted module that is not built is left out: its feature then says so
        for f in "$root/$h/target/$h"-*.jar; do
            case $f in *-tests.jar | *-sources.jar | *-javadoc.jar) continue ;; esac
            [ -f "$f" ] && [ -d "$root/$h/target/lib" ] || continue
            hpath+="${hpath:+:}$f"
            # only the jars the module lacks: one copy of each class (the core API, the drivers) in the process
            for f in "$root/$h/target/lib"/*.jar; do
                [ -e "$root/$module/target/lib/${f##*/}" ] || hpath+=":$f"
            done
            break
        done
    done
    [ -n "$hpath" ] && opts+=(-Djvirt.hosted.path="$hpath")
    local name
    for f in "${envs[@]}"; do # a value the caller set wins
        name=${f%%=*}
        [ -n "${!name:-}" ] || export "$f"
    done
    exec "$jdk/bin/java" "${opts[@]}" ${JVIRT_JAVA_OPTS:-} -cp "$jar:$root/$module/target/lib/*" "$main" "$@"
}
