package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.NotFoundException;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.driver.qemu.testing.TestGuest;
import org.jvirt.flags.DomainXMLFlag;

/**
 * jvirtd killed with SIGKILL at random points while a client defines, starts, destroys and undefines real (TCG)
 * test guests and creates transient ones; after every restart the daemon must know exactly what the client was
 * told: every acknowledged guest is there with a valid config (persistent ones defined, running ones running,
 * taken back with their QEMU alive and its monitor answering), destroyed and undefined ones are gone, and no
 * QEMU runs that the daemon does not report. The one call in flight at the kill may have happened or not, but
 * nothing in between: a start cut short is either taken back running or cleaned up, its QEMU killed. That is
 * libvirt's rule: qemuProcessReconnect takes back every QEMU with a status file, except one whose state is still
 * paused/starting-up ("wasn't fully started yet, killing it"); libvirt writes that status file before QEMU even
 * execs, so it never leaves an unknown QEMU behind. Half the kills aim at a start in progress.
 *
 * <p>Knobs: {@code -Djvirt.soak.kills=N} (default 6), {@code -Djvirt.soak.seed=S} to replay a run (the seed is
 * printed). scripts/soak-kill9.sh runs a longer soak.
 */
class KillNineSoakTest {

    private static final int GUESTS = 3;

    /** What the client was last told about one name. */
    enum Known { ABSENT, DEFINED, RUNNING_PERSISTENT, RUNNING_TRANSIENT }

    /** The call in flight when the daemon died: afterwards the name must be in one of these states. */
    record InDoubt(String name, String op, Known before, Known after) {
    }

    private Path dir;
    private KillableDaemon daemon;
    private TestGuest.Artifacts guest;
    private final Map<String, Known> known = new TreeMap<>();
    private final Map<String, UUID> uuids = new HashMap<>();
    private final Map<String, Integer> outcomes = new TreeMap<>();
    /** when the current start call began (nanoTime), 0 when none is in progress */
    private final AtomicLong startBegan = new AtomicLong();

    @BeforeEach
    void setUp() throws Exception {
        QemuTesting.assumeQemu();
        System.setProperty("jvirt.testguest.script", Path.of("..", "jvirt-driver-qemu", "src", "test", "sh",
                "make-test-guest.sh").toAbsolutePath().toString());
        guest = TestGuest.ensure();
        dir = QemuTesting.tempDir("jvk9-");
        daemon = new KillableDaemon(dir);
        for (int i = 0; i < GUESTS; i++) {
            known.put("k9-" + i, Known.ABSENT);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (dir != null) {
            for (long pid : qemuPids().keySet()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            QemuTesting.deleteTree(dir);
        }
    }

    @Test
    void everyAcknowledgedGuestSurvivesRepeatedKillNine() throws Exception {
        int kills = Integer.getInteger("jvirt.soak.kills", 6);
        long seed = Long.getLong("jvirt.soak.seed", System.nanoTime());
        System.out.println("kill -9 soak: " + kills + " kills, seed " + seed + " (-Djvirt.soak.seed to replay)");
        Random rnd = new Random(seed);
        daemon.start();
        int ops = 0;
        for (int round = 0; round < kills; round++) {
            boolean aimAtStart = round % 2 == 1;
            long delayMs = aimAtStart ? rnd.nextInt(600) : 500 + rnd.nextInt(3500);
            Connect c = Connect.open(daemon.uri());
            Thread killer = Thread.ofPlatform().name("killer").start(() -> killLater(aimAtStart, delayMs));
            while (step(c, rnd)) {
                ops++;
            }
            killer.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(!daemon.isAlive(), "the killer did not kill");
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // the daemon is gone
            }
            System.out.println("round " + round + ": killed " + (aimAtStart ? "aiming at a start" : "at random")
                    + " after " + ops + " calls" + (inFlight == null ? "" : ", in flight: " + inFlight));
            daemon.start();
            try (Connect again = Connect.open(daemon.uri())) {
                verify(again, inFlight);
            }
            inFlight = null;
        }
        // a clean end: everything stops, and no QEMU is left
        try (Connect c = Connect.open(daemon.uri())) {
            for (Domain d : c.listAllDomains()) {
                boolean persistent = d.isPersistent(); // asked first: a transient domain is gone once destroyed
                if (d.isActive()) {
                    d.destroy();
                }
                if (persistent) {
                    d.undefine();
                }
            }
            assertEquals(List.of(), c.listAllDomains());
        }
        awaitQemus(Set.of());
        System.out.println("kill -9 soak: " + ops + " calls, " + kills + " kills; outcomes " + outcomes);
    }

    /** The call the daemon died under, until the restart has been checked. */
    private InDoubt inFlight;

    /** Kills the daemon after {@code delayMs}; when aiming, counted from the next start call's beginning. */
    private void killLater(boolean aimAtStart, long delayMs) {
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            if (aimAtStart) {
                while (startBegan.get() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
            }
            Thread.sleep(delayMs);
            daemon.kill9();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One call on a random guest, chosen by what the client knows of it. False when the daemon died under it
     * ({@link #inFlight} then says which call: it may or may not have happened).
     */
    private boolean step(Connect c, Random rnd) {
        List<String> names = new ArrayList<>(known.keySet());
        String name = names.get(rnd.nextInt(names.size()));
        Known before = known.get(name);
        String op;
        Known after;
        switch (before) {
            case ABSENT -> {
                op = rnd.nextBoolean() ? "define" : "create";
                after = op.equals("define") ? Known.DEFINED : Known.RUNNING_TRANSIENT;
            }
            case DEFINED -> {
                op = rnd.nextInt(10) < 7 ? "start" : "undefine";
                after = op.equals("start") ? Known.RUNNING_PERSISTENT : Known.ABSENT;
            }
            case RUNNING_PERSISTENT -> {
                op = "destroy";
                after = Known.DEFINED;
            }
            default -> {
                op = "destroy";
                after = Known.ABSENT;
            }
        }
        inFlight = new InDoubt(name, op, before, after);
        try {
            switch (op) {
                case "define" -> uuids.put(name, c.domainDefineXML(xml(name)).getUUID());
                case "create" -> {
                    startBegan.set(System.nanoTime());
                    uuids.put(name, c.domainCreateXML(xml(name)).getUUID());
                }
                case "start" -> {
                    startBegan.set(System.nanoTime());
                    c.domainLookupByName(name).create();
                }
                case "undefine" -> {
                    c.domainLookupByName(name).undefine();
                    uuids.remove(name);
                }
                default -> {
                    c.domainLookupByName(name).destroy();
                    if (after == Known.ABSENT) {
                        uuids.remove(name);
                    }
                }
            }
        } catch (RuntimeException e) {
            startBegan.set(0);
            if (daemon.isAlive()) {
                sleepQuietly(300); // the error may be the daemon dying: give the kill time to show
            }
            if (daemon.isAlive()) {
                fail(op + " " + name + " (" + before + ") failed with the daemon alive: " + e + "\n" + daemon.log());
            }
            return false;
        }
        startBegan.set(0);
        known.put(name, after);
        inFlight = null;
        return true;
    }

    /** After a restart: what the daemon reports is what the client knows, give or take the call in flight. */
    private void verify(Connect c, InDoubt doubt) throws Exception {
        Map<String, Known> found = new TreeMap<>();
        for (String name : known.keySet()) {
            Known actual;
            Domain d;
            try {
                d = c.domainLookupByName(name);
            } catch (NotFoundException e) {
                found.put(name, Known.ABSENT);
                continue;
            }
            boolean active = d.isActive();
            boolean persistent = d.isPersistent();
            assertTrue(active || persistent, name + ": an inactive transient domain after restart");
            actual = !active ? Known.DEFINED : persistent ? Known.RUNNING_PERSISTENT : Known.RUNNING_TRANSIENT;
            found.put(name, actual);
            if (persistent) {
                String cfg = d.getXMLDesc(DomainXMLFlag.INACTIVE);
                assertTrue(cfg.contains("<name>" + name + "</name>") && cfg.contains(guest.kernel().toString()),
                        name + ": config\n" + cfg);
            }
            if (active) {
                assertEquals(DomainState.RUNNING, d.getInfo().state(), name + " " + d.getState());
                String st = d.qemuMonitorCommand("{\"execute\":\"query-status\"}");
                assertTrue(st.contains("\"running\""), name + ": " + st);
                assertTrue(d.getXMLDesc().contains("<name>" + name + "</name>"));
            }
            UUID u = uuids.get(name);
            if (u != null && (doubt == null || !doubt.name().equals(name))) {
                assertEquals(u, d.getUUID(), name + ": a different domain");
            }
        }
        for (Map.Entry<String, Known> e : found.entrySet()) {
            String name = e.getKey();
            Known expected = known.get(name);
            if (doubt != null && doubt.name().equals(name)) {
                assertTrue(e.getValue() == doubt.before() || e.getValue() == doubt.after(),
                        name + ": " + doubt + " left it " + e.getValue() + "\n" + daemon.log());
                String outcome = doubt.op() + (e.getValue() == doubt.after() ? " happened" : " undone");
                outcomes.merge(outcome, 1, Integer::sum);
                System.out.println("  " + doubt.op() + " " + name + " in flight: found " + e.getValue());
                if (e.getValue() == Known.ABSENT || e.getValue() == Known.DEFINED) {
                    uuids.remove(name);
                }
                if (e.getValue() != Known.ABSENT) {
                    uuids.put(name, c.domainLookupByName(name).getUUID());
                }
            } else {
                assertEquals(expected, e.getValue(), name + " after restart\n" + daemon.log());
            }
            known.put(name, e.getValue());
        }
        assertEquals(new TreeSet<>(found.entrySet().stream().filter(e -> e.getValue() != Known.ABSENT)
                .map(Map.Entry::getKey).toList()), names(c.listAllDomains()), "listAllDomains");
        Set<String> running = new TreeSet<>(found.entrySet().stream()
                .filter(e -> e.getValue() == Known.RUNNING_PERSISTENT || e.getValue() == Known.RUNNING_TRANSIENT)
                .map(Map.Entry::getKey).toList());
        awaitQemus(running);
        EnumMap<Known, Integer> counts = new EnumMap<>(Known.class);
        found.values().forEach(k -> counts.merge(k, 1, Integer::sum));
        System.out.println("  after restart: " + counts);
        daemon.log().lines().filter(l -> l.contains("Reconnect") || l.contains("reconnected to")
                || l.contains("not fully started") || l.contains("no status file records") || l.contains("is gone"))
                .forEach(l -> System.out.println("    jvirtd: " + l));
    }

    private static Set<String> names(List<Domain> doms) {
        Set<String> out = new TreeSet<>();
        doms.forEach(d -> out.add(d.getName()));
        return out;
    }

    /** The QEMUs of this daemon (they name its run directory), one per running guest and no other. */
    private void awaitQemus(Set<String> running) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Map<Long, String> qemus;
        while (true) {
            qemus = qemuPids();
            List<String> guests = new ArrayList<>(qemus.values());
            guests.sort(null);
            if (guests.equals(new ArrayList<>(running))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("qemu processes " + qemus + " but running guests " + running + "\n" + daemon.log());
            }
            Thread.sleep(100);
        }
    }

    /** pid to guest name of every live (not zombie) qemu-system process whose arguments name our directory. */
    private Map<Long, String> qemuPids() throws IOException {
        Map<Long, String> out = new TreeMap<>();
        String mark = dir.toString() + "/";
        try (var s = Files.list(Path.of("/proc"))) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                List<String> argv = cmdline(p);
                if (argv.isEmpty() || !argv.get(0).contains("qemu-system") || argv.stream().noneMatch(a ->
                        a.contains(mark)) || zombie(p)) {
                    continue;
                }
                int i = argv.indexOf("-name");
                String guestName = i >= 0 && i + 1 < argv.size()
                        ? argv.get(i + 1).replaceFirst("^guest=", "").replaceFirst(",.*", "") : "?";
                out.put(Long.parseLong(n), guestName);
            }
        }
        return out;
    }

    private static List<String> cmdline(Path proc) {
        try {
            String raw = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean zombie(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return state.equals("Z") || state.equals("X");
        } catch (IOException | RuntimeException e) {
            return true; // gone
        }
    }

    private String xml(String name) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>128</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0 no_timer_check quiet tg.net=0 tg.shell=0</cmdline>
                  </os>
                  <features><acpi/></features>
                  <on_poweroff>destroy</on_poweroff>
                </domain>
                """.formatted(name, guest.kernel(), guest.initrd());
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
