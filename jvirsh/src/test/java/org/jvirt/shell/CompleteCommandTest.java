package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code jvirsh complete -- WORDS}: what the bash completion script asks, answered as virsh answers. */
class CompleteCommandTest {

    private static List<String> complete(String... words) {
        String[] args = new String[words.length + 4];
        args[0] = "-c";
        args[1] = "test:///default";
        args[2] = "complete";
        args[3] = "--";
        System.arraycopy(words, 0, args, 4, words.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void commandNames() {
        List<String> got = complete("net-st");
        assertEquals(List.of("net-start"), got);
        assertTrue(complete("").contains("dominfo"));
        assertFalse(complete("").contains("complete"), "a hidden command is not offered");
    }

    @Test
    void optionNamesOfTheCommand() {
        assertEquals(List.of("--all"), complete("list", "--al"));
        List<String> opts = complete("list", "--all", "--");
        assertFalse(opts.contains("--all"), "an option given already is not offered again");
        assertTrue(opts.contains("--inactive"));
    }

    @Test
    void objectNamesFromTheConnection() {
        assertEquals(List.of("test"), complete("dominfo", ""));
        assertEquals(List.of("default"), complete("net-info", "def"));
        assertEquals(List.of(), complete("dominfo", "nosuch"));
    }
}
