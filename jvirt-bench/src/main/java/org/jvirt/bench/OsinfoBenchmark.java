package org.jvirt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jvirt.osinfo.Os;
import org.jvirt.osinfo.OsinfoDb;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The osinfo database from a fresh load each time, warm JVM: what jvirt-install pays per run for
 * "--osinfo debian11" (load + find) and for "--osinfo detect=on" on an ISO (load + find + detect), and a read of
 * every OS (what osinfo-query and virt-install's Python load on every run). scripts/bench-osinfo.sh sets these
 * beside the real tools' wall times.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class OsinfoBenchmark {
    private Path dir;
    private Path iso;

    @Setup(Level.Trial)
    public void makeIso() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("osinfo-bench");
        Path content = Files.createDirectories(dir.resolve("content"));
        Files.write(content.resolve("boot.bin"), new byte[2048]);
        iso = dir.resolve("debian.iso");
        Process p = new ProcessBuilder("xorriso", "-as", "mkisofs", "-quiet", "-V", "Debian 11.5.0 amd64 n",
                "-b", "boot.bin", "-no-emul-boot", "-o", iso.toString(), content.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("xorriso failed");
        }
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public Os loadFind() {
        return OsinfoDb.load(List.of(OsinfoDb.SYSTEM_DIR)).require("debian11");
    }

    @Benchmark
    public Object loadFindDetect() throws IOException {
        OsinfoDb db = OsinfoDb.load(List.of(OsinfoDb.SYSTEM_DIR));
        db.require("debian11").supportsDevice("virtio1.0-net");
        return db.detectMedia(iso).orElseThrow();
    }

    @Benchmark
    public int loadAll() {
        return OsinfoDb.load(List.of(OsinfoDb.SYSTEM_DIR)).all().size();
    }
}
