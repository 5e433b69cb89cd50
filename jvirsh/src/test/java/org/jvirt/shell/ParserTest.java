package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** virsh's option rules, checked without a connection. */
class ParserTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Shell sh = new Shell(CommandTable.standard(), new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void positionalWordsFillRequiredOptionsInOrder() {
        Invocation inv = sh.parser.parseArgv(List.of("setmem", "dom", "1024", "--config")).get(0);
        assertEquals("dom", inv.string("domain"));
        assertEquals("1024", inv.string("size"));
        assertTrue(inv.bool("config"));
    }

    @Test
    void namedFormsWithSpaceAndEquals() {
        Invocation inv = sh.parser.parseArgv(List.of("setmem", "--size=5", "--domain", "d")).get(0);
        assertEquals("d", inv.string("domain"));
        assertEquals("5", inv.string("size"));
    }

    @Test
    void unknownOptionIsRefusedWithVirshMessage() {
        assertThrows(Failed.class, () -> sh.parser.parseArgv(List.of("list", "--bogus")));
        assertEquals("error: command 'list' doesn't support option --bogus\n", errors());
    }

    @Test
    void abbreviationsAreNotOptions() {
        assertThrows(Failed.class, () -> sh.parser.parseArgv(List.of("list", "--ina")));
        assertTrue(errors().contains("doesn't support option --ina"));
    }

    @Test
    void missingRequiredOption() {
        assertThrows(Failed.class, () -> sh.parser.parseArgv(List.of("dominfo")));
        assertEquals("error: command 'dominfo' requires <domain> option\n", errors());
    }

    @Test
    void valueMissingAfterOption() {
        assertThrows(Failed.class, () -> sh.parser.parseArgv(List.of("dominfo", "--domain")));
        assertEquals("error: expected syntax: --domain <string>\n", errors());
    }

    @Test
    void boolWithValueAndRepeatedOption() {
        assertThrows(Failed.class, () -> sh.parser.parseArgv(List.of("list", "--all=yes")));
        assertThrows(Failed.class, () -> sh.parser.parseArgv(List.of("list", "--all", "--all")));
        assertEquals("error: invalid '=' after option --all\nerror: option --all already seen\n", errors());
    }

    @Test
    void doubleDashMakesDataOfTheRest() {
        Invocation inv = sh.parser.parseArgv(List.of("echo", "--", "--x", "y")).get(0);
        assertEquals(List.of("--x", "y"), inv.all("string"));
    }

    @Test
    void stringModeSplitsCommandsQuotesAndComments() {
        List<Invocation> cmds = sh.parser.parseString("echo 'a b' \"c;d\"; echo e # f");
        assertEquals(2, cmds.size());
        assertEquals(List.of("a b", "c;d"), cmds.get(0).all("string"));
        assertEquals(List.of("e"), cmds.get(1).all("string"));
    }

    @Test
    void helpOptionBecomesHelpCommand() {
        Invocation inv = sh.parser.parseArgv(List.of("dominfo", "--help")).get(0);
        assertEquals("help", inv.name());
        assertEquals("dominfo", inv.string("command"));
    }

    @Test
    void unknownCommand() {
        assertThrows(Failed.class, () -> sh.parser.parseString("frobnicate"));
        assertEquals("error: unknown command: 'frobnicate'\n", errors());
    }
}
