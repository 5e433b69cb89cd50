package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * desc --edit and metadata --edit against real virsh: the editor is $EDITOR, so both run as processes with the
 * same environment and command line, and stdout, stderr and exit code must be equal. The editors are sed (a
 * change) and true (none).
 */
class DescMetadataEditTest {

    record Run(String out, String err, int rc) {
    }

    private static Run run(List<String> cmd, String editor, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LC_ALL", "C");
        pb.environment().put("EDITOR", editor);
        pb.environment().remove("VISUAL");
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + cmd);
        }
        return new Run(Files.readString(out), Files.readString(err), p.exitValue());
    }

    private static void sameAsVirsh(String line, String editor, Path dir) throws Exception {
        List<String> args = List.of("-c", "test:///default", line);
        List<String> virsh = new ArrayList<>(List.of(GoldenTest.VIRSH.toString()));
        virsh.addAll(args);
        List<String> jvirsh = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-cp", InteractiveShellTest.classpath(),
                "org.jvirt.shell.Main"));
        jvirsh.addAll(args);
        assertEquals(run(virsh, editor, dir), run(jvirsh, editor, dir), line + " with EDITOR=" + editor);
    }

    @Test
    void descriptionAndTitleEditedAndUnchanged(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(GoldenTest.VIRSH), "real virsh is not installed");
        String write = "sh -c 'printf \"new text\\n\" > \"$0\"'";
        sameAsVirsh("desc test --edit; desc test", write, dir);
        sameAsVirsh("desc test --title --edit; desc test --title", write, dir);
        sameAsVirsh("desc test --edit", "true", dir);
        sameAsVirsh("desc test --config --edit old words; desc test --config", "true", dir);
    }

    @Test
    void metadataEditedAndUnchanged(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(GoldenTest.VIRSH), "real virsh is not installed");
        String write = "sh -c 'printf \"<app><x/></app>\\n\" > \"$0\"'";
        sameAsVirsh("metadata test http://example.org/a --key a --edit; metadata test http://example.org/a", write,
                dir);
        sameAsVirsh("metadata test http://example.org/a --key a --edit", "true", dir);
        sameAsVirsh("metadata test http://example.org/a --edit", "true", dir);
    }
}
