package org.jvirt.driver.qemu.blockjob;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** qemu-img for a copy's destination: create it (as libvirt pre-creates it), or read the format of a reused one. */
final class QemuImg {

    private QemuImg() {
    }

    static void create(Path file, String format, long size, DiskChain.Image backing) {
        List<String> argv = new ArrayList<>(List.of("qemu-img", "create", "-q", "-f", format));
        if (backing != null) {
            argv.addAll(List.of("-b", backing.file(), "-F", backing.format()));
        }
        argv.add(file.toString());
        argv.add(Long.toString(size));
        run(argv, "failed to create copy target");
    }

    static String format(Path file) {
        String out = run(List.of("qemu-img", "info", "--output=json", "-U", file.toString()),
                "reused mirror destination format must be specified");
        try {
            return new ObjectMapper().readTree(out).path("format").asText("raw");
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "cannot read qemu-img info: %s",
                    e.getMessage());
        }
    }

    private static String run(List<String> argv, String what) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "%s: qemu-img timed out", what);
            }
            if (p.exitValue() != 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "%s: %s", what, out.trim());
            }
            return out;
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "%s: %s", what, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "%s: interrupted", what);
        }
    }
}
