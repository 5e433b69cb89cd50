package org.jvirt.driver.test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainBlockStats;
import org.jvirt.DomainInterfaceStats;
import org.jvirt.DomainStatsRecord;
import org.jvirt.flags.DomainStatsFlag;
import org.jvirt.flags.DomainStatsType;
import org.jvirt.spi.DomainDriver;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.OpenRequest;
import org.jvirt.uri.ConnectURI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The statistics and guest queries on libvirt's real test driver and on ours: memory, block and interface
 * statistics, block info, bulk stats, NMI, the guest clock, core dumps, the connection's properties. Block and
 * interface counters come from the wall clock in both, so for them the relations between the fields are compared
 * (each is the same clock reading divided by a fixed number) and that the clock is today's.
 */
class StatsDifferentialTest {

    @BeforeAll
    static void needLibvirt() {
        assumeTrue(RealLibvirt.available(), "python3-libvirt not installed");
    }

    static final String PYDOM = DifferentialTest.PYDOM;

    /** The relations between testDomainBlockStats' fields, and whether its clock is within a day of ours. */
    static final String PY_HELPERS = """
            import time
            def blk(s):
                return [s[0] // 2 == s[1], s[0] // 3 == s[2], s[0] // 4 == s[3], s[0] // 200000 == s[4],
                        abs(s[0] / 100000 - time.time()) < 86400]
            def ifs(s):
                return [s[0] // 10 == s[1], s[0] // 100000 == s[2], s[0] // 200000 == s[3], s[0] // 2 == s[4],
                        s[0] // 11 == s[5], s[0] // 300000 == s[6], s[0] // 400000 == s[7],
                        abs(s[0] / 100000 - time.time()) < 86400]
            def stats(recs):
                return ['%s:%s' % (d.name(), ';'.join('%s=%s' % kv for kv in sorted(st.items()))) for d, st in recs]
            def clk(t):
                return '%d.%d' % (t['seconds'], t['nseconds'])
            def mem(m):
                return ';'.join('%s=%d' % kv for kv in sorted(m.items()))
            """;

    static List<Boolean> blk(DomainBlockStats s) {
        long b = s.rdReq();
        return List.of(b / 2 == s.rdBytes(), b / 3 == s.wrReq(), b / 4 == s.wrBytes(), b / 200000 == s.errs(),
                Math.abs(b / 100000.0 - System.currentTimeMillis() / 1000.0) < 86400);
    }

    static List<Boolean> ifs(DomainInterfaceStats s) {
        long b = s.rxBytes();
        return List.of(b / 10 == s.rxPackets(), b / 100000 == s.rxErrs(), b / 200000 == s.rxDrop(),
                b / 2 == s.txBytes(), b / 11 == s.txPackets(), b / 300000 == s.txErrs(), b / 400000 == s.txDrop(),
                Math.abs(b / 100000.0 - System.currentTimeMillis() / 1000.0) < 86400);
    }

    static List<String> stats(List<DomainStatsRecord> recs) {
        List<String> out = new ArrayList<>();
        for (DomainStatsRecord r : recs) {
            List<String> kv = new ArrayList<>();
            new TreeMap<>(r.params()).forEach((k, v) -> kv.add(k + "=" + v));
            out.add(r.domain().getName() + ":" + String.join(";", kv));
        }
        return out;
    }

    static String mem(Map<String, Long> m) {
        List<String> kv = new ArrayList<>();
        new TreeMap<>(m).forEach((k, v) -> kv.add(k + "=" + v));
        return String.join(";", kv);
    }

    /**
     * The driver entry points the public API does not reach yet (virDomainGetTime, virDomainSetTime,
     * virDomainCoreDump), called on a second driver connection to the same shared default state.
     */
    static <T> T spi(Function<DomainDriver, T> f) {
        DriverConnection dc = new TestDriver().open(new OpenRequest(ConnectURI.parse("test:///default"), null, false,
                null, EventSink.NONE)).orElseThrow();
        try {
            return f.apply(dc.domains());
        } finally {
            dc.close();
        }
    }

    static DomainRef ref(Domain d) {
        return new DomainRef(d.getName(), d.getUUID(), d.getID());
    }

    static List<DifferentialTest.Scenario> scenarios() {
        List<DifferentialTest.Scenario> s = new ArrayList<>();
        s.add(new DifferentialTest.Scenario("memory statistics", PYDOM + PY_HELPERS + """
                d = c.lookupByName('test')
                t('mem', lambda: mem(d.memoryStats()))
                d.setMemory(1000001)
                t('odd', lambda: mem(d.memoryStats()))
                d1 = c.defineXML(DOM)
                t('inactive', lambda: mem(d1.memoryStats()))
                d1.create()
                t('noballoon', lambda: mem(d1.memoryStats()))
                """, (o, c) -> {
                Domain d = c.domainLookupByName("test");
                o.t("mem", () -> mem(d.memoryStats()));
                d.setMemory(1000001);
                o.t("odd", () -> mem(d.memoryStats()));
                Domain d1 = c.domainDefineXML(DifferentialTest.DOM);
                o.t("inactive", () -> mem(d1.memoryStats()));
                d1.create();
                o.t("noballoon", () -> mem(c.domainLookupByName("d1").memoryStats()));
            }));
        s.add(new DifferentialTest.Scenario("block statistics and info", PYDOM + PY_HELPERS + """
                d = c.lookupByName('test')
                t('vda', lambda: blk(d.blockStats('vda')))
                t('bypath', lambda: blk(d.blockStats('/guest/diskimage1')))
                t('empty', lambda: d.blockStats(''))
                t('nosuch', lambda: d.blockStats('vdb'))
                t('nosuchpath', lambda: d.blockStats('/nope'))
                t('info', lambda: d.blockInfo('vda', 0))
                t('infopath', lambda: d.blockInfo('/guest/diskimage1', 0))
                t('infonosuch', lambda: d.blockInfo('sda', 0))
                d1 = c.defineXML(DOM)
                t('inactive', lambda: d1.blockStats('vda'))
                t('infoinactive', lambda: d1.blockInfo('vda', 0))
                d2 = c.defineXML(DOM.replace('<name>d1</name>', '<name>d2</name>').replace('-000000000001', '-000000000002').replace('</devices>', "<disk type='file' device='cdrom'><target dev='hdc'/></disk></devices>"))
                t('infoempty', lambda: d2.blockInfo('hdc', 0))
                """, (o, c) -> {
                Domain d = c.domainLookupByName("test");
                o.t("vda", () -> blk(d.blockStats("vda")));
                o.t("bypath", () -> blk(d.blockStats("/guest/diskimage1")));
                o.t("empty", () -> d.blockStats(""));
                o.t("nosuch", () -> d.blockStats("vdb"));
                o.t("nosuchpath", () -> d.blockStats("/nope"));
                o.t("info", () -> info(d, "vda"));
                o.t("infopath", () -> info(d, "/guest/diskimage1"));
                o.t("infonosuch", () -> info(d, "sda"));
                Domain d1 = c.domainDefineXML(DifferentialTest.DOM);
                o.t("inactive", () -> d1.blockStats("vda"));
                o.t("infoinactive", () -> info(d1, "vda"));
                Domain d2 = c.domainDefineXML(DifferentialTest.DOM.replace("<name>d1</name>", "<name>d2</name>")
                        .replace("-000000000001", "-000000000002").replace("</devices>",
                                "<disk type='file' device='cdrom'><target dev='hdc'/></disk></devices>"));
                o.t("infoempty", () -> info(d2, "hdc"));
            }));
        s.add(new DifferentialTest.Scenario("interface statistics", PYDOM + PY_HELPERS + """
                d = c.lookupByName('test')
                t('byname', lambda: ifs(d.interfaceStats('testnet0')))
                t('bymac', lambda: ifs(d.interfaceStats('AA:BB:CC:DD:EE:FF')))
                t('nosuch', lambda: d.interfaceStats('vnet0'))
                t('nosuchmac', lambda: d.interfaceStats('52:54:00:00:00:01'))
                d1 = c.defineXML(DOM)
                t('inactive', lambda: d1.interfaceStats('testnet0'))
                d1.create()
                t('generated', lambda: ifs(d1.interfaceStats('testnet0')))
                """, (o, c) -> {
                Domain d = c.domainLookupByName("test");
                o.t("byname", () -> ifs(d.interfaceStats("testnet0")));
                o.t("bymac", () -> ifs(d.interfaceStats("AA:BB:CC:DD:EE:FF")));
                o.t("nosuch", () -> d.interfaceStats("vnet0"));
                o.t("nosuchmac", () -> d.interfaceStats("52:54:00:00:00:01"));
                Domain d1 = c.domainDefineXML(DifferentialTest.DOM);
                o.t("inactive", () -> d1.interfaceStats("testnet0"));
                d1.create();
                o.t("generated", () -> ifs(c.domainLookupByName("d1").interfaceStats("testnet0")));
            }));
        s.add(new DifferentialTest.Scenario("bulk statistics", PYDOM + PY_HELPERS + """
                d1 = c.defineXML(DOM)
                t('all', lambda: stats(c.getAllDomainStats(0, 0)))
                t('state', lambda: stats(c.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_STATE, 0)))
                t('iothread', lambda: stats(c.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_IOTHREAD, 0)))
                t('balloon', lambda: stats(c.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_BALLOON, 0)))
                t('enforced', lambda: c.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_BALLOON | libvirt.VIR_DOMAIN_STATS_VCPU | libvirt.VIR_DOMAIN_STATS_STATE, libvirt.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ENFORCE_STATS))
                t('active', lambda: stats(c.getAllDomainStats(0, libvirt.VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE)))
                t('shutoff', lambda: stats(c.getAllDomainStats(0, libvirt.VIR_CONNECT_GET_ALL_DOMAINS_STATS_SHUTOFF)))
                """, (o, c) -> {
                c.domainDefineXML(DifferentialTest.DOM);
                o.t("all", () -> stats(c.getAllDomainStats(EnumSet.noneOf(DomainStatsType.class))));
                o.t("state", () -> stats(c.getAllDomainStats(EnumSet.of(DomainStatsType.STATE))));
                o.t("iothread", () -> stats(c.getAllDomainStats(EnumSet.of(DomainStatsType.IOTHREAD))));
                o.t("balloon", () -> stats(c.getAllDomainStats(EnumSet.of(DomainStatsType.BALLOON))));
                o.t("enforced", () -> c.getAllDomainStats(EnumSet.of(DomainStatsType.BALLOON, DomainStatsType.VCPU,
                        DomainStatsType.STATE), DomainStatsFlag.ENFORCE_STATS));
                o.t("active", () -> stats(c.getAllDomainStats(EnumSet.noneOf(DomainStatsType.class),
                        DomainStatsFlag.ACTIVE)));
                o.t("shutoff", () -> stats(c.getAllDomainStats(EnumSet.noneOf(DomainStatsType.class),
                        DomainStatsFlag.SHUTOFF)));
            }));
        s.add(new DifferentialTest.Scenario("nmi and connection", PYDOM + """
                t('nmi', lambda: c.lookupByName('test').injectNMI(0))
                d1 = c.defineXML(DOM)
                t('nmiinactive', lambda: d1.injectNMI(0))
                t('alive', lambda: c.isAlive())
                t('secure', lambda: c.isSecure())
                t('encrypted', lambda: c.isEncrypted())
                """, (o, c) -> {
                o.run("nmi", () -> c.domainLookupByName("test").injectNMI());
                Domain d1 = c.domainDefineXML(DifferentialTest.DOM);
                o.run("nmiinactive", d1::injectNMI);
                o.t("alive", c::isAlive);
                o.t("secure", c::isSecure);
                o.t("encrypted", c::isEncrypted);
            }));
        s.add(new DifferentialTest.Scenario("guest clock", PYDOM + PY_HELPERS + """
                d = c.lookupByName('test')
                t('time', lambda: clk(d.getTime(0)))
                t('set', lambda: d.setTime({'seconds': 1000, 'nseconds': 5}, 0))
                t('after', lambda: clk(d.getTime(0)))
                t('sync', lambda: d.setTime({'seconds': 0, 'nseconds': 0}, libvirt.VIR_DOMAIN_TIME_SYNC))
                t('synced', lambda: clk(d.getTime(0)))
                t('badflag', lambda: d.setTime({'seconds': 1, 'nseconds': 0}, 4))
                d.suspend()
                t('paused', lambda: clk(d.getTime(0)))
                t('setpaused', lambda: d.setTime({'seconds': 7, 'nseconds': 0}, 0))
                d.resume()
                t('resumed', lambda: clk(d.getTime(0)))
                d1 = c.defineXML(DOM)
                t('inactive', lambda: clk(d1.getTime(0)))
                t('setinactive', lambda: d1.setTime({'seconds': 1, 'nseconds': 0}, 0))
                """, (o, c) -> {
                Domain d = c.domainLookupByName("test");
                o.t("time", () -> clock(d));
                o.run("set", () -> spi(dd -> {
                    dd.setTime(ref(d), 1000, 5, 0);
                    return null;
                }));
                o.t("after", () -> clock(d));
                o.run("sync", () -> spi(dd -> {
                    dd.setTime(ref(d), 0, 0, 1);
                    return null;
                }));
                o.t("synced", () -> clock(d));
                o.run("badflag", () -> spi(dd -> {
                    dd.setTime(ref(d), 1, 0, 4);
                    return null;
                }));
                d.suspend();
                o.t("paused", () -> clock(d));
                o.run("setpaused", () -> spi(dd -> {
                    dd.setTime(ref(d), 7, 0, 0);
                    return null;
                }));
                d.resume();
                o.t("resumed", () -> clock(d));
                Domain d1 = c.domainDefineXML(DifferentialTest.DOM);
                o.t("inactive", () -> clock(d1));
                o.run("setinactive", () -> spi(dd -> {
                    dd.setTime(ref(d1), 1, 0, 0);
                    return null;
                }));
            }));
        return s;
    }

    static List<Long> info(Domain d, String disk) {
        var i = d.getBlockInfo(disk);
        return List.of(i.capacity(), i.allocation(), i.physical());
    }

    /** The clock as "seconds.nseconds". */
    static String clock(Domain d) {
        long[] t = spi(dd -> dd.getTime(ref(d)));
        return t[0] + "." + t[1];
    }

    @TestFactory
    Stream<DynamicTest> sameAsLibvirt() {
        return DifferentialTest.dynamicTests(scenarios());
    }

    /** IOThreads exist only for domains of a node file (testParseDomains), with ids as the parser settles them. */
    @org.junit.jupiter.api.Test
    void iothreadStatsOfANodeFileSameAsLibvirt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path node = dir.resolve("node.xml");
        Files.writeString(node, """
                <node>
                  <domain type='test'>
                    <name>io</name>
                    <memory>65536</memory>
                    <iothreads>3</iothreads>
                    <iothreadids><iothread id='5'/><iothread id='2'/></iothreadids>
                    <os><type>hvm</type></os>
                  </domain>
                  <domain type='test'>
                    <name>off</name>
                    <memory>65536</memory>
                    <iothreads>1</iothreads>
                    <os><type>hvm</type></os>
                    <test:runstate xmlns:test='http://libvirt.org/schemas/domain/test/1.0'>5</test:runstate>
                  </domain>
                </node>
                """);
        Map<String, List<String>> real = RealLibvirt.run(PY_HELPERS + """
                c = libvirt.open('test://%s')
                t('all', lambda: sorted(stats(c.getAllDomainStats(0, 0))))
                t('iothread', lambda: sorted(stats(c.getAllDomainStats(libvirt.VIR_DOMAIN_STATS_IOTHREAD, 0))))
                """.formatted(node));
        try (Connect c = Connect.open("test://" + node)) {
            org.junit.jupiter.api.Assertions.assertEquals(real.get("all"), RealLibvirt.ours(
                    () -> stats(c.getAllDomainStats(EnumSet.noneOf(DomainStatsType.class)))));
            org.junit.jupiter.api.Assertions.assertEquals(real.get("iothread"), RealLibvirt.ours(
                    () -> stats(c.getAllDomainStats(EnumSet.of(DomainStatsType.IOTHREAD)))));
        }
    }

    /** Core dumps write files, so they get a directory of their own on each side. */
    @TestFactory
    Stream<DynamicTest> coreDumpSameAsLibvirt() throws Exception {
        Path dir = Files.createTempDirectory("jvirt-dump");
        dir.toFile().deleteOnExit();
        String py = PYDOM + """
                import os
                DIR = '%s'
                d = c.lookupByName('test')
                t('dump', lambda: d.coreDump(DIR + '/py.dump', 0))
                t('bytes', lambda: open(DIR + '/py.dump', 'rb').read().hex())
                t('mode', lambda: oct(os.stat(DIR + '/py.dump').st_mode & 0o777))
                t('kdump', lambda: d.coreDumpWithFormat(DIR + '/py2.dump', 1, 0))
                t('kdumpfile', lambda: os.path.exists(DIR + '/py2.dump'))
                t('badflag', lambda: d.coreDump(DIR + '/py3.dump', 2))
                t('nodir', lambda: d.coreDump(DIR + '/no/such/x.dump', 0))
                t('crash', lambda: d.coreDump(DIR + '/py4.dump', libvirt.VIR_DUMP_CRASH))
                t('state', lambda: d.state())
                t('again', lambda: d.coreDump(DIR + '/py5.dump', 0))
                """.formatted(dir);
        return DifferentialTest.dynamicTests(List.of(new DifferentialTest.Scenario("core dump", py, (o, c) -> {
            Domain d = c.domainLookupByName("test");
            o.run("dump", () -> d.coreDump(dir + "/j.dump"));
            o.t("bytes", () -> java.util.HexFormat.of().formatHex(read(dir.resolve("j.dump"))));
            o.t("mode", () -> "0o" + Integer.toOctalString(mode(dir.resolve("j.dump"))));
            o.run("kdump", () -> d.coreDumpWithFormat(dir + "/j2.dump", org.jvirt.DomainCoreDumpFormat.KDUMP_ZLIB));
            o.t("kdumpfile", () -> Files.exists(dir.resolve("j2.dump")));
            o.run("badflag", () -> d.coreDump(dir + "/j3.dump", org.jvirt.flags.DomainCoreDumpFlag.LIVE));
            o.run("nodir", () -> d.coreDump(dir + "/no/such/x.dump"));
            o.run("crash", () -> d.coreDump(dir + "/j4.dump", org.jvirt.flags.DomainCoreDumpFlag.CRASH));
            o.t("state", () -> DifferentialTest.st(d));
            o.run("again", () -> d.coreDump(dir + "/j5.dump"));
        })));
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int mode(Path p) {
        try {
            return (Integer) Files.getAttribute(p, "unix:mode") & 0777;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
