package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real virsh 9.0 against jvirtd over the unix socket and plain TCP, the read-only socket and events. */
class VirshInteropTest {

    private static DaemonFixture fx;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        fx = new DaemonFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static String uri(String transport) {
        return transport.equals("unix") ? fx.unixUri() : fx.tcpUri();
    }

    private static Tools.Result ok(Tools.Result r) {
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    /** dominfo through jvirtd has the security model and label lines (served since the table grew); CPU time aside. */
    @Test
    void dominfoShowsTheSecurityModelAndLabel() throws Exception {
        Tools.Result want = Tools.virsh("test:///default", "dominfo", "test");
        Tools.Result got = Tools.virsh(fx.unixUri(), "dominfo", "test");
        assertEquals(want.out().replaceAll("CPU time:.*", ""), got.out().replaceAll("CPU time:.*", ""));
        assertTrue(got.out().contains("Security model: testSecurity"), got::toString);
    }

    /** Tuning and host statistics through jvirtd print what real virsh prints against libvirt's test:///default. */
    @ParameterizedTest
    @ValueSource(strings = {"schedinfo test", "memtune test", "blkiotune test", "numatune test", "perf test",
        "schedinfo test --live", "memtune test --min-guarantee 1", "nodecpustats", "nodecpustats --cpu 1",
        "nodememstats", "nodecpumap --pretty", "freepages --all", "freepages 1 2M", "allocpages 4 1",
        "node-memory-tune", "domstats --balloon --vcpu test", "domjobinfo test",
        "vcpupin test", "emulatorpin test", "domtime test",
        "domiftune test testnet0", "domlaunchsecinfo test"})
    void tuningAndNodeStatsReadAsLibvirtsTestDriver(String command) throws Exception {
        String[] args = command.split(" ");
        Tools.Result want = Tools.virsh("test:///default", args);
        Tools.Result got = Tools.virsh(fx.unixUri(), args);
        assertEquals(want.toString(), got.toString());
    }

    /** virsh's checkpoint commands through jvirtd print what they print against libvirt's own test:///default. */
    @Test
    void checkpointCommandsReadAsLibvirtsTestDriver() throws Exception {
        Path r1 = fx.dir.resolve("chk-r1.xml");
        Path r2 = fx.dir.resolve("chk-r2.xml");
        Files.writeString(r1, "<domaincheckpoint><name>r1</name><description>root</description>"
                + "<creationTime>1700000000</creationTime></domaincheckpoint>");
        Files.writeString(r2, "<domaincheckpoint><name>r2</name><parent><name>r1</name></parent>"
                + "<creationTime>1700000100</creationTime><disks><disk name='vda' checkpoint='no'/></disks>"
                + "</domaincheckpoint>");
        String script = "checkpoint-create test " + r1 + " --redefine; checkpoint-create test " + r2 + " --redefine; "
                + "checkpoint-list test --parent; checkpoint-list test --tree; checkpoint-info test r1; "
                + "checkpoint-dumpxml test r2 --no-domain; checkpoint-parent test r2; checkpoint-list test --leaves "
                + "--name; checkpoint-delete test r1 --children; checkpoint-list test --name; "
                + "checkpoint-dumpxml test nosuch";
        Tools.Result want = Tools.virsh("test:///default", script);
        Tools.Result got = Tools.virsh(fx.unixUri(), script);
        assertEquals(want.toString(), got.toString());
        assertTrue(got.out().contains("Domain checkpoint r1 deleted"), got::toString);
    }

    /** IOThreads through jvirtd, changed and put back in one virsh run, as against libvirt's test:///default. */
    @Test
    void ioThreadsThroughTheDaemonAsLibvirtsTestDriver() throws Exception {
        String line = "iothreadinfo test; iothreadadd test 3; iothreadpin test 3 1; iothreadinfo test; "
                + "iothreadset test 3 --poll-max-ns 10 --poll-grow 2; domstats test --iothread; "
                + "iothreadadd test 3; iothreaddel test 3; iothreadinfo test --config; dumpxml test";
        Tools.Result want = Tools.virsh("test:///default", line);
        Tools.Result got = Tools.virsh(fx.unixUri(), line);
        assertEquals(want.toString(), got.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void listsAndShowsTheDefaultObjects(String transport) throws Exception {
        String u = uri(transport);
        assertTrue(ok(Tools.virsh(u, "list", "--all")).out().matches("(?s).*\\b1\\s+test\\s+running.*"));
        Tools.Result info = ok(Tools.virsh(u, "dominfo", "test"));
        assertTrue(info.out().contains("6695eb01-f6a4-8304-79aa-97f2502e193f"), info::toString);
        assertTrue(info.out().matches("(?s).*State:\\s+running.*"), info::toString);
        assertTrue(ok(Tools.virsh(u, "dumpxml", "test")).out().contains("<name>test</name>"));
        assertTrue(ok(Tools.virsh(u, "net-list", "--all")).out().matches("(?s).*default\\s+active.*"));
        assertTrue(ok(Tools.virsh(u, "net-info", "default")).out().matches("(?s).*Active:\\s+yes.*"));
        assertTrue(ok(Tools.virsh(u, "net-dumpxml", "default")).out().contains("<name>default</name>"));
        assertTrue(ok(Tools.virsh(u, "pool-list", "--all")).out().matches("(?s).*default-pool\\s+active.*"));
        assertTrue(ok(Tools.virsh(u, "pool-info", "default-pool")).out().matches("(?s).*State:\\s+running.*"));
        assertTrue(ok(Tools.virsh(u, "version")).out().contains("Running hypervisor: TEST"));
        assertTrue(ok(Tools.virsh(u, "nodeinfo")).out().matches("(?s).*CPU\\(s\\):\\s+16.*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void definesStartsDestroysUndefines(String transport) throws Exception {
        String u = uri(transport);
        String name = "jv-" + transport;
        Path xml = fx.dir.resolve(name + ".xml");
        Files.writeString(xml, "<domain type='test'><name>" + name + "</name><memory>65536</memory>"
                + "<vcpu>1</vcpu><os><type>hvm</type></os></domain>");
        ok(Tools.virsh(u, "define", xml.toString()));
        assertTrue(ok(Tools.virsh(u, "list", "--all")).out().matches("(?s).*" + name + "\\s+shut off.*"));
        ok(Tools.virsh(u, "start", name));
        assertTrue(ok(Tools.virsh(u, "domstate", name)).out().contains("running"));
        assertTrue(ok(Tools.virsh(u, "dumpxml", name)).out().contains("<name>" + name + "</name>"));
        ok(Tools.virsh(u, "destroy", name));
        assertTrue(ok(Tools.virsh(u, "domstate", name)).out().contains("shut off"));
        ok(Tools.virsh(u, "undefine", name));
        Tools.Result gone = Tools.virsh(u, "dominfo", name);
        assertEquals(1, gone.code());
        assertTrue(gone.err().contains("failed to get domain"), gone::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix", "tcp"})
    void createsAndInspectsVolumes(String transport) throws Exception {
        String u = uri(transport);
        String vol = "v-" + transport + ".img";
        ok(Tools.virsh(u, "vol-create-as", "default-pool", vol, "1M"));
        assertTrue(ok(Tools.virsh(u, "vol-list", "default-pool")).out().contains(vol));
        Tools.Result info = ok(Tools.virsh(u, "vol-info", "--pool", "default-pool", vol));
        assertTrue(info.out().matches("(?s).*Capacity:\\s+1\\.00 MiB.*"), info::toString);
        ok(Tools.virsh(u, "vol-delete", "--pool", "default-pool", vol));
    }

    @Test
    void readOnlySocketRefusesEveryModification() throws Exception {
        String ro = fx.roUri();
        assertTrue(ok(Tools.virsh(ro, "list", "--all")).out().contains("test"));
        Tools.Result suspend = Tools.virsh(ro, "suspend", "test");
        assertEquals(1, suspend.code());
        assertTrue(suspend.err().contains("operation forbidden: read only access prevents virDomainSuspend"),
                suspend::toString);
        Tools.Result destroy = Tools.virsh(ro, "net-destroy", "default");
        assertTrue(destroy.err().contains("operation forbidden: read only access prevents virNetworkDestroy"),
                destroy::toString);
        Tools.Result r = Tools.virsh("test+unix:///default?socket=" + fx.daemon.readOnlySocketPath(), "-r",
                "pool-destroy", "default-pool");
        assertTrue(r.err().contains("operation forbidden"), r::toString);
        assertTrue(ok(Tools.virsh(fx.unixUri(), "domstate", "test")).out().contains("running"));
    }

    @Test
    void virshEventReceivesLifecycleEventsOtherClientsCause() throws Exception {
        Path out = fx.dir.resolve("events.txt");
        Process ev = Tools.start(out, Tools.VIRSH.toString(), "-c", fx.unixUri(), "event", "--all", "--loop",
                "--timeout", "8");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            // 27 domain registrations, one per event id, before the events may be caused
            while (System.nanoTime() < deadline && fx.daemon.clientCount() < 1) {
                Thread.sleep(50);
            }
            Thread.sleep(1500);
            ok(Tools.virsh(fx.tcpUri(), "suspend", "test"));
            ok(Tools.virsh(fx.unixUri(), "resume", "test"));
            assertTrue(ev.waitFor(30, TimeUnit.SECONDS));
        } finally {
            ev.destroy();
        }
        String text = Files.readString(out);
        assertTrue(text.contains("event 'lifecycle' for domain 'test': Suspended Paused"), text);
        assertTrue(text.contains("event 'lifecycle' for domain 'test': Resumed Unpaused"), text);
    }
}
