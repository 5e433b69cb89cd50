package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The interactive shell on a real pseudo-terminal: jvirsh runs in a tmux session, keys are sent with
 * {@code tmux send-keys} and the screen read back with {@code tmux capture-pane}. Checks tab completion of a
 * command name and of a domain name, history recall with Up, a line of two commands, Ctrl-C during
 * {@code event --loop}, and {@code quit}.
 */
class InteractiveShellTest {

    private static final long WAIT_MS = 20_000;

    private final String session = "jvirsh-test-" + ProcessHandle.current().pid();

    @Test
    void completionHistoryMultiCommandAndQuit() throws Exception {
        assumeTrue(onPath("tmux"), "tmux is not installed");
        Path cache = Files.createTempDirectory("jvirsh-cache");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the shell's exit status is printed after it ends, and the pane stays for it to be read; the wrapper
        // traps SIGINT (a trap, unlike an ignore, is not inherited) so that Ctrl-C reaches only jvirsh
        String script = "trap true INT; '" + java + "' --enable-native-access=ALL-UNNAMED -cp '" + classpath() + "' org.jvirt.shell.Main -c test:///default;"
                + " echo JVIRSH-EXIT=$?; sleep 60";
        try {
            tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "60",
                    "env", "XDG_CACHE_HOME=" + cache, "LC_ALL=C", "sh", "-c", script);
            await("the prompt", s -> lastLine(s).equals("jvirsh #"));

            // a command name completes with Tab
            keys("net-li", "Tab");
            await("command name completion", s -> lastLine(s).equals("jvirsh # net-list"));
            keys("Enter");
            await("net-list output", s -> s.contains(" default   active"));

            // a domain name completes with Tab
            keys("domstate te", "Tab");
            await("domain name completion", s -> lastLine(s).equals("jvirsh # domstate test"));
            keys("Enter");
            await("domstate output", s -> s.contains("\nrunning\n"));

            // Up recalls the previous lines, newest first
            keys("Up");
            await("history recall", s -> lastLine(s).equals("jvirsh # domstate test"));
            keys("Up");
            await("older history", s -> lastLine(s).equals("jvirsh # net-list"));
            keys("C-u");
            await("cleared line", s -> lastLine(s).equals("jvirsh #"));

            // two commands on one line
            keys("list; net-list", "Enter");
            await("both commands' output", s -> {
                int at = s.lastIndexOf("jvirsh # list; net-list");
                return at >= 0 && s.indexOf(" 1    test   running", at) > 0 && s.indexOf(" default   active", at) > 0;
            });

            // Ctrl-C ends a wait for events, not the shell; the wait starts right after the line is read
            keys("event --all --loop", "Enter");
            Thread.sleep(2000);
            keys("C-c");
            await("the interrupted event loop", s -> s.contains("event loop interrupted\nevents received: 0")
                    && lastLine(s).equals("jvirsh #"));

            keys("quit", "Enter");
            await("the shell's exit", s -> s.contains("JVIRSH-EXIT=0"));
        } finally {
            try {
                tmux("kill-session", "-t", session);
            } catch (IOException | AssertionError e) {
                // the session is gone already
            }
            try (Stream<Path> files = Files.walk(cache)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The last non-blank line of the screen, trailing blanks dropped. */
    private static String lastLine(String screen) {
        String[] lines = screen.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                return lines[i].stripTrailing();
            }
        }
        return "";
    }

    private void keys(String... keys) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("send-keys", "-t", session));
        a.addAll(List.of(keys));
        tmux(a.toArray(new String[0]));
    }

    private String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-t", session, "-S", "-200");
    }

    private void await(String what, Predicate<String> ok) throws IOException, InterruptedException {
        long end = System.currentTimeMillis() + WAIT_MS;
        String s = "";
        while (System.currentTimeMillis() < end) {
            s = screen();
            if (ok.test(s)) {
                return;
            }
            Thread.sleep(100);
        }
        fail("waiting for " + what + "; the screen shows:\n" + s);
    }

    private static String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("tmux");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int rc = p.waitFor();
        assertTrue(rc == 0, "tmux " + String.join(" ", args) + " failed: " + out);
        return out;
    }

    private static boolean onPath(String exe) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, exe))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The test JVM's class path, which holds jvirsh's classes and its dependencies. Surefire may pass it as a
     * manifest-only jar; its Class-Path entries are then spelled out, so that the child JVM does not depend on
     * that temporary jar.
     */
    static String classpath() throws IOException {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar") && Path.of(e).getFileName().toString().startsWith("surefirebooter")) {
                try (JarFile jar = new JarFile(e)) {
                    Manifest m = jar.getManifest();
                    String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (cp != null) {
                        for (String u : cp.trim().split("\\s+")) {
                            out.add(Path.of(URI.create(u)).toString());
                        }
                        continue;
                    }
                }
            }
            out.add(e);
        }
        return String.join(File.pathSeparator, out);
    }
}
