package org.jvirt.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jvirt.driver.qemu.testing.HostInNamespace;
import org.jvirt.driver.qemu.testing.HostInNamespace.Result;
import org.jvirt.install.cli.CliRunner;

/**
 * A jvirtd host in its own network namespace ({@link HostInNamespace}) with the three tools the install tests
 * run against it: real virt-install, jvirt-install (its Main in this JVM) and virsh.
 */
final class InstallHost implements AutoCloseable {
    private final HostInNamespace host;
    final Path dir;

    InstallHost() throws IOException, InterruptedException {
        host = new HostInNamespace("jvinst");
        dir = host.dir;
    }

    String uri() {
        return host.uri();
    }

    String log() {
        return host.log();
    }

    static Result run(List<String> cmd, int timeoutSeconds) throws IOException {
        return HostInNamespace.run(cmd, timeoutSeconds);
    }

    Result virtInstall(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virt-install", "--connect", uri()));
        cmd.addAll(args);
        return run(cmd, 300);
    }

    Result jvirtInstall(List<String> args) {
        List<String> all = new ArrayList<>(List.of("--connect", uri()));
        all.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = CliRunner.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Result virsh(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/virsh", "-c", uri()));
        cmd.addAll(List.of(args));
        return run(cmd, 120);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        host.close();
    }
}
