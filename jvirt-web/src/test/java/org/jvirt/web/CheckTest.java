package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.web.check.Check;

/**
 * The nagios plugin against the test driver: each domain state to its exit code, thresholds on CPU and memory,
 * perfdata in the plugin guidelines' syntax; and as a real process (exit codes as a monitoring system sees them).
 */
class CheckTest {

    private static final Pattern PERFDATA = Pattern.compile(
            "('[^']+'|[^ =']+)=-?[0-9.]+(s|%|B|KB|MB|TB|c)?(;[0-9.]*){0,4}");

    private record Run(int code, String line) {
    }

    private static Run check(String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int code = Check.run(args, new PrintStream(b, true, StandardCharsets.UTF_8));
        String line = b.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, line.lines().count(), line);
        if (line.contains(" | ")) {
            for (String p : line.substring(line.indexOf(" | ") + 3).split(" ")) {
                assertTrue(PERFDATA.matcher(p).matches(), "perfdata '" + p + "' in " + line);
            }
        }
        return new Run(code, line);
    }

    @Test
    void statesThresholdsAndPerfdata() {
        try (Connect c = Connect.open("test:///default")) {
            Run ok = check("-c", "test:///default", "-d", "test", "--interval", "0.2");
            assertEquals(Check.OK, ok.code(), ok.line());
            assertTrue(ok.line().startsWith("JVIRT OK - domain 'test' is running ("), ok.line());
            assertTrue(ok.line().contains("state=1;;;0;7"), ok.line());
            assertTrue(ok.line().contains(" vcpus=2"), ok.line());
            assertTrue(ok.line().contains(" memory=2147483648B;;;0;8589934592"), ok.line());

            // the test driver's guest has 2 of its 8 GiB: 25 %
            Run mem = check("-c", "test:///default", "-d", "test", "--interval", "0", "--mem-warn", "20");
            assertEquals(Check.WARNING, mem.code(), mem.line());
            Run memCrit = check("-c", "test:///default", "-d", "test", "--interval", "0", "--mem-warn", "20",
                    "--mem-crit", "25");
            assertEquals(Check.CRITICAL, memCrit.code(), memCrit.line());
            assertTrue(memCrit.line().contains("memory_used=25.00%;20.0;25.0;0;100"), memCrit.line());

            Domain d = c.domainLookupByName("test");
            d.suspend();
            Run paused = check("-c", "test:///default", "-d", "test", "--interval", "0");
            assertEquals(Check.WARNING, paused.code(), paused.line());
            assertTrue(paused.line().contains("is paused ("), paused.line());
            d.resume();
            d.destroy();
            Run off = check("-c", "test:///default", "-d", "test");
            assertEquals(Check.CRITICAL, off.code(), off.line());
            assertTrue(off.line().contains("is shutoff ("), off.line());
            d.create();

            Run missing = check("-c", "test:///default", "-d", "nope");
            assertEquals(Check.CRITICAL, missing.code(), missing.line());
            assertTrue(missing.line().contains("'nope' is not defined"), missing.line());
        }
        Run noDriver = check("-c", "nosuch:///x", "-d", "test");
        assertEquals(Check.UNKNOWN, noDriver.code(), noDriver.line());
        Run usage = check("-d", "test");
        assertEquals(Check.UNKNOWN, usage.code(), usage.line());
        Run badNumber = check("-c", "test:///default", "-d", "test", "--cpu-warn", "lots");
        assertEquals(Check.UNKNOWN, badNumber.code(), badNumber.line());
    }

    @Test
    void asAProcessItExitsWithTheCode() throws Exception {
        assertEquals(0, process("-c", "test:///default", "-d", "test", "--interval", "0.1"));
        assertEquals(2, process("-c", "test:///default", "-d", "absent"));
        assertEquals(3, process("-c", "test:///default"));
    }

    private static int process(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Check.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        assertTrue(out.startsWith("JVIRT "), out);
        return code;
    }
}
