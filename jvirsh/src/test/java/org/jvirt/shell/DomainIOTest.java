package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the golden test cannot compare: screenshot's generated file name and content, and the small parsers. */
class DomainIOTest {

    private record Result(int rc, String out, String err) {
    }

    private static Result jvirsh(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(new String[] {"-c", "test:///default", line}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void screenshotWithoutFileNamesItAsVirshDoes(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Shell sh = new Shell(CommandTable.standard(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        sh.connname = "test:///default";
        sh.cwd = dir;
        boolean ok;
        try {
            ok = sh.runLine("screenshot test");
        } finally {
            sh.close();
        }
        Result r = new Result(ok ? 0 : 1, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertEquals(0, r.rc(), r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Screenshot saved to (test-\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d\\.png), with type of image/png\n")
                .matcher(r.out());
        assertTrue(m.find(), r.out());
        byte[] png = Files.readAllBytes(dir.resolve(m.group(1)));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    }

    @Test
    void escapeCharacters() {
        assertEquals(0x1d, DomainIO.escapeChar("^]"));
        assertEquals(0x01, DomainIO.escapeChar("^a"));
        assertEquals('x', DomainIO.escapeChar("x"));
    }

    @Test
    void macAddressesAreNormalizedAsLibvirtDoes() {
        assertEquals("01:02:03:0a:bb:cc", DomainIO.normalizeMac("1:2:3:A:bb:CC"));
        assertEquals("", DomainIO.normalizeMac("vnet0"));
        assertEquals("", DomainIO.normalizeMac("1:2:3:4:5"));
        assertEquals("", DomainIO.normalizeMac("1:2:3:4:5:123"));
    }

    @Test
    void progressLinesAreVirshs() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Shell sh = new Shell(CommandTable.standard(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        DomainIO.progress(sh, "Save", 50, 200);
        DomainIO.progress(sh, "Save", 1, 1_000_000);
        DomainIO.progress(sh, "Save", 0, 1);
        assertEquals("\rSave: [ 75 %]\rSave: [ 99 %]\rSave: [100 %]", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void consoleAnnouncesTheSessionThenOpensTheConsole() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Shell sh = new Shell(CommandTable.standard(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        sh.connname = "test:///default";
        sh.stdinTty = true;
        boolean ok;
        try {
            ok = sh.runLine("console test");
        } finally {
            sh.close();
        }
        assertTrue(out.toString(StandardCharsets.UTF_8)
                .startsWith("Connected to domain 'test'\nEscape character is ^] (Ctrl + ])\n"), out.toString());
        if (!ok) {
            // jvirt's test driver has no consoles: libvirt's refusal is what the user sees
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("virDomainOpenConsole"), err.toString());
        }
    }
}
