package org.jvirt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every example runs, on test:///default, and prints what its comments promise. */
class ExamplesTest {

    interface Example {
        void run(String uri, PrintStream out) throws Exception;
    }

    private static List<String> output(Example e) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        e.run("test:///default", new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void openConnection() throws Exception {
        List<String> out = output(OpenConnection::run);
        assertEquals("URI:        test:///default", out.get(0));
        assertTrue(out.get(2).startsWith("hypervisor: TEST "), out::toString);
        assertEquals("read-only:  OPERATION_DENIED (29): operation forbidden: read only access prevents virDomainSuspend",
                out.get(4));
    }

    @Test
    void listDomains() throws Exception {
        List<String> out = output(ListDomains::run);
        assertEquals(2, out.size(), out::toString);
        assertTrue(out.get(1).matches("test +RUNNING +2048 MiB +2"), out.get(1));
    }

    @Test
    void defineAndStart() throws Exception {
        List<String> out = output(DefineAndStart::run);
        assertTrue(out.get(0).matches("defined example-vm [0-9a-f-]{36}: SHUTOFF"), out.get(0));
        assertEquals(List.of("started: RUNNING, active true", "stopped: SHUTOFF", "undefined: NO_DOMAIN"),
                out.subList(1, 4));
    }

    @Test
    void watchEvents() throws Exception {
        assertEquals(List.of("test SUSPENDED Paused", "test RESUMED Unpaused"), output(WatchEvents::run));
    }
}
