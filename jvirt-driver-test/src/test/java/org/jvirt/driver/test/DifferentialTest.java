package org.jvirt.driver.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jvirt.Connect;
import org.jvirt.DomainMetadataType;
import org.jvirt.NetworkUpdateCommand;
import org.jvirt.NetworkUpdateSection;
import org.jvirt.flags.CheckpointCreateFlag;
import org.jvirt.flags.CheckpointDeleteFlag;
import org.jvirt.flags.CheckpointListFlag;
import org.jvirt.flags.CheckpointXMLFlag;
import org.jvirt.flags.NetworkUpdateFlag;
import org.jvirt.flags.DomainMemoryModFlag;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.flags.DomainVcpuFlag;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.flags.ListDomainsFlag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The same step sequences on libvirt's real test driver and on ours: same values, errors and XML. */
class DifferentialTest {

    static final String DOM = "<domain type='test'><name>d1</name><uuid>11111111-2222-3333-4444-000000000001</uuid>"
            + "<memory unit='MiB'>512</memory><vcpu current='1'>4</vcpu><os><type>hvm</type></os>"
            + "<devices><disk type='file' device='disk'><source file='/x.img'/><target dev='vda' bus='virtio'/>"
            + "</disk><interface type='network'><mac address='52:54:00:11:22:33'/><source network='default'/>"
            + "</interface></devices></domain>";
    static final String PYDOM = "DOM = \"" + DOM + "\"\n";

    /** Collects our outcomes by label. */
    static final class Steps {
        final Connect c;
        final Map<String, List<String>> out = new LinkedHashMap<>();

        Steps(Connect c) {
            this.c = c;
        }

        void t(String label, Supplier<Object> f) {
            out.put(label, RealLibvirt.ours(f));
        }

        void run(String label, Runnable r) {
            t(label, () -> {
                r.run();
                return 0;
            });
        }
    }

    record Scenario(String name, String python, BiConsumer<Steps, Connect> java) {
    }

    @BeforeAll
    static void needLibvirt() {
        assumeTrue(RealLibvirt.available(), "python3-libvirt not installed");
    }

    static List<Scenario> scenarios() {
        List<Scenario> s = new ArrayList<>();
        s.add(new Scenario("default domain xml", """
                t('xml', lambda: c.lookupByName('test').XMLDesc(0))
                t('state', lambda: c.lookupByName('test').state())
                t('id', lambda: c.lookupByName('test').ID())
                """, (o, c) -> {
                o.t("xml", () -> c.domainLookupByName("test").getXMLDesc());
                o.t("state", () -> {
                    var st = c.domainLookupByName("test").getState();
                    return List.of(st.state().code(), st.reason());
                });
                o.t("id", () -> c.domainLookupByName("test").getID());
            }));
        s.add(new Scenario("default network pool xml", """
                t('net', lambda: c.networkLookupByName('default').XMLDesc(0))
                t('pool', lambda: c.storagePoolLookupByName('default-pool').XMLDesc(0))
                t('poolinfo', lambda: c.storagePoolLookupByName('default-pool').info())
                t('bridge', lambda: c.networkLookupByName('default').bridgeName())
                """, (o, c) -> {
                o.t("net", () -> c.networkLookupByName("default").getXMLDesc());
                o.t("pool", () -> c.storagePoolLookupByName("default-pool").getXMLDesc());
                o.t("poolinfo", () -> {
                    var i = c.storagePoolLookupByName("default-pool").getInfo();
                    return List.of(i.state().code(), i.capacity(), i.allocation(), i.available());
                });
                o.t("bridge", () -> c.networkLookupByName("default").getBridgeName());
            }));
        s.add(new Scenario("host info", """
                t('type', lambda: c.getType())
                t('ver', lambda: c.getVersion())
                t('node', lambda: c.getInfo())
                t('cells', lambda: c.getCellsFreeMemory(0, 5))
                t('cellsbad', lambda: c.getCellsFreeMemory(7, 1))
                t('free', lambda: c.getFreeMemory())
                t('maxv', lambda: c.getMaxVcpus(None))
                t('sysinfo', lambda: c.getSysinfo(0))
                t('caps', lambda: c.getCapabilities())
                t('hostname', lambda: c.getHostname())
                """, (o, c) -> {
                o.t("type", c::getType);
                o.t("ver", c::getVersion);
                o.t("node", () -> {
                    var n = c.nodeGetInfo();
                    return List.of(n.model(), n.memoryKiB() / 1024, n.cpus(), n.mhz(), n.nodes(), n.sockets(),
                            n.cores(), n.threads());
                });
                o.t("cells", () -> c.nodeGetCellsFreeMemory(0, 5));
                o.t("cellsbad", () -> c.nodeGetCellsFreeMemory(7, 1));
                o.t("free", c::nodeGetFreeMemory);
                o.t("maxv", () -> c.getMaxVcpus(null));
                o.t("sysinfo", c::getSysinfo);
                o.t("caps", c::getCapabilities);
                o.t("hostname", c::getHostname);
            }));
        s.add(new Scenario("lookup errors", """
                t('name', lambda: c.lookupByName('nope'))
                t('id', lambda: c.lookupByID(42))
                t('uuid', lambda: c.lookupByUUIDString('6695eb01-f6a4-8304-79aa-97f2502e1930'))
                t('net', lambda: c.networkLookupByName('nope'))
                t('pool', lambda: c.storagePoolLookupByName('nope'))
                t('dev', lambda: c.nodeDeviceLookupByName('nope'))
                t('iface', lambda: c.interfaceLookupByName('nope'))
                t('ifacemac', lambda: c.interfaceLookupByMACString('00:00:00:00:00:01'))
                """, (o, c) -> {
                o.t("name", () -> c.domainLookupByName("nope"));
                o.t("id", () -> c.domainLookupByID(42));
                o.t("uuid", () -> c.domainLookupByUUIDString("6695eb01-f6a4-8304-79aa-97f2502e1930"));
                o.t("net", () -> c.networkLookupByName("nope"));
                o.t("pool", () -> c.storagePoolLookupByName("nope"));
                o.t("dev", () -> c.nodeDeviceLookupByName("nope"));
                o.t("iface", () -> c.interfaceLookupByName("nope"));
                o.t("ifacemac", () -> c.interfaceLookupByMACString("00:00:00:00:00:01"));
            }));
        s.add(new Scenario("define and dumpxml", PYDOM + """
                d = c.defineXML(DOM)
                t('xml', lambda: d.XMLDesc(0))
                t('state', lambda: d.state())
                t('persistent', lambda: d.isPersistent())
                t('active', lambda: d.isActive())
                t('id', lambda: d.ID())
                t('info', lambda: d.info()[:4])
                """, (o, c) -> {
                var d = c.domainDefineXML(DOM);
                o.t("xml", d::getXMLDesc);
                o.t("state", () -> List.of(d.getState().state().code(), d.getState().reason()));
                o.t("persistent", d::isPersistent);
                o.t("active", d::isActive);
                o.t("id", d::getID);
                o.t("info", () -> {
                    var i = d.getInfo();
                    return List.of(i.state().code(), i.maxMemKiB(), i.memoryKiB(), i.nrVirtCpu());
                });
            }));
        s.add(new Scenario("start stop cycle", PYDOM + """
                d = c.defineXML(DOM)
                t('create', lambda: d.create())
                t('id', lambda: c.lookupByName('d1').ID())
                t('xml', lambda: d.XMLDesc(0))
                t('create2', lambda: d.create())
                t('suspend', lambda: d.suspend())
                t('s1', lambda: d.state())
                t('suspend2', lambda: d.suspend())
                t('resume', lambda: d.resume())
                t('s2', lambda: d.state())
                t('resume2', lambda: d.resume())
                t('reboot', lambda: d.reboot())
                t('s3', lambda: d.state())
                t('reset', lambda: d.reset())
                t('shutdown', lambda: d.shutdown())
                t('s4', lambda: d.state())
                t('shutdown2', lambda: d.shutdown())
                t('destroy', lambda: d.destroy())
                t('reboot2', lambda: d.reboot())
                t('create3', lambda: d.create())
                t('destroy2', lambda: d.destroy())
                t('s5', lambda: d.state())
                """, (o, c) -> {
                var d = c.domainDefineXML(DOM);
                o.run("create", () -> d.create());
                o.t("id", () -> c.domainLookupByName("d1").getID());
                o.t("xml", d::getXMLDesc);
                o.run("create2", () -> d.create());
                o.run("suspend", d::suspend);
                o.t("s1", () -> st(d));
                o.run("suspend2", d::suspend);
                o.run("resume", d::resume);
                o.t("s2", () -> st(d));
                o.run("resume2", d::resume);
                o.run("reboot", () -> d.reboot());
                o.t("s3", () -> st(d));
                o.run("reset", d::reset);
                o.run("shutdown", () -> d.shutdown());
                o.t("s4", () -> st(d));
                o.run("shutdown2", () -> d.shutdown());
                o.run("destroy", () -> d.destroy());
                o.run("reboot2", () -> d.reboot());
                o.run("create3", () -> d.create());
                o.run("destroy2", () -> d.destroy());
                o.t("s5", () -> st(d));
            }));
        s.add(new Scenario("transient domain", PYDOM + """
                d = c.createXML(DOM, 0)
                t('persistent', lambda: d.isPersistent())
                t('xml', lambda: d.XMLDesc(0))
                t('again', lambda: c.createXML(DOM, 0))
                t('msave', lambda: d.managedSave())
                t('destroy', lambda: d.destroy())
                t('gone', lambda: c.lookupByName('d1'))
                t('list', lambda: [x.name() for x in c.listAllDomains(0)])
                """, (o, c) -> {
                var d = c.domainCreateXML(DOM);
                o.t("persistent", d::isPersistent);
                o.t("xml", d::getXMLDesc);
                o.t("again", () -> c.domainCreateXML(DOM));
                o.run("msave", () -> d.managedSave());
                o.run("destroy", () -> d.destroy());
                o.t("gone", () -> c.domainLookupByName("d1"));
                o.t("list", () -> c.listAllDomains().stream().map(x -> x.getName()).toList());
            }));
        s.add(new Scenario("duplicates", PYDOM + """
                d = c.defineXML(DOM)
                t('dupuuid', lambda: c.defineXML(DOM.replace('<name>d1</name>', '<name>d2</name>')))
                t('dupname', lambda: c.defineXML(DOM.replace('000000000001', '000000000002')))
                t('createlive', lambda: c.createXML(DOM.replace('000000000001', '000000000002'), 0))
                t('runningtest', lambda: c.createXML(DOM.replace('<name>d1</name>', '<name>test</name>').replace('11111111-2222-3333-4444-000000000001', '6695eb01-f6a4-8304-79aa-97f2502e193f'), 0))
                t('redefine', lambda: c.defineXML(DOM).name())
                t('count', lambda: c.numOfDefinedDomains())
                """, (o, c) -> {
                c.domainDefineXML(DOM);
                o.t("dupuuid", () -> c.domainDefineXML(DOM.replace("<name>d1</name>", "<name>d2</name>")));
                o.t("dupname", () -> c.domainDefineXML(DOM.replace("000000000001", "000000000002")));
                o.t("createlive", () -> c.domainCreateXML(DOM.replace("000000000001", "000000000002")));
                o.t("runningtest", () -> c.domainCreateXML(DOM.replace("<name>d1</name>", "<name>test</name>")
                        .replace("11111111-2222-3333-4444-000000000001", "6695eb01-f6a4-8304-79aa-97f2502e193f")));
                o.t("redefine", () -> c.domainDefineXML(DOM).getName());
                o.t("count", c::numOfDefinedDomains);
            }));
        s.add(new Scenario("bad xml", """
                t('root', lambda: c.defineXML('<network/>'))
                t('noname', lambda: c.defineXML("<domain type='test'><memory>1024</memory></domain>"))
                t('notype', lambda: c.defineXML("<domain><name>a</name><memory>1024</memory><os><type>hvm</type></os></domain>"))
                t('nomem', lambda: c.defineXML("<domain type='test'><name>a</name><os><type>hvm</type></os></domain>"))
                t('noos', lambda: c.defineXML("<domain type='test'><name>a</name><memory>1024</memory></domain>"))
                t('slash', lambda: c.defineXML("<domain type='test'><name>a/b</name><memory>1024</memory><os><type>hvm</type></os></domain>"))
                t('count', lambda: c.numOfDefinedDomains())
                """, (o, c) -> {
                o.t("root", () -> c.domainDefineXML("<network/>"));
                o.t("noname", () -> c.domainDefineXML("<domain type='test'><memory>1024</memory></domain>"));
                o.t("notype", () -> c.domainDefineXML(
                        "<domain><name>a</name><memory>1024</memory><os><type>hvm</type></os></domain>"));
                o.t("nomem", () -> c.domainDefineXML(
                        "<domain type='test'><name>a</name><os><type>hvm</type></os></domain>"));
                o.t("noos", () -> c.domainDefineXML(
                        "<domain type='test'><name>a</name><memory>1024</memory></domain>"));
                o.t("slash", () -> c.domainDefineXML(
                        "<domain type='test'><name>a/b</name><memory>1024</memory><os><type>hvm</type></os></domain>"));
                o.t("count", c::numOfDefinedDomains);
            }));
        s.add(new Scenario("memory", PYDOM + """
                d = c.defineXML(DOM)
                t('both', lambda: d.setMemoryFlags(1024, 3))
                t('live-inactive', lambda: d.setMemoryFlags(1024, 1))
                t('cfg', lambda: d.setMemoryFlags(1024, 2))
                t('hi', lambda: d.setMemoryFlags(99999999, 0))
                t('max', lambda: d.setMemoryFlags(2048, 4))
                t('maxmem', lambda: d.maxMemory())
                t('xml', lambda: d.XMLDesc(0))
                t('start', lambda: d.create())
                t('maxlive', lambda: d.setMemoryFlags(4096, 5))
                t('live', lambda: d.setMemoryFlags(1000, 1))
                t('info', lambda: d.info()[:4])
                t('inactivexml', lambda: d.XMLDesc(2))
                t('tmem', lambda: c.lookupByName('test').setMemory(1024))
                """, (o, c) -> {
                var d = c.domainDefineXML(DOM);
                o.run("both", () -> d.setMemory(1024, DomainMemoryModFlag.LIVE, DomainMemoryModFlag.CONFIG));
                o.run("live-inactive", () -> d.setMemory(1024, DomainMemoryModFlag.LIVE));
                o.run("cfg", () -> d.setMemory(1024, DomainMemoryModFlag.CONFIG));
                o.run("hi", () -> d.setMemory(99999999));
                o.run("max", () -> d.setMemory(2048, DomainMemoryModFlag.MAXIMUM));
                o.t("maxmem", d::getMaxMemory);
                o.t("xml", d::getXMLDesc);
                o.run("start", () -> d.create());
                o.run("maxlive", () -> d.setMemory(4096, DomainMemoryModFlag.LIVE, DomainMemoryModFlag.MAXIMUM));
                o.run("live", () -> d.setMemory(1000, DomainMemoryModFlag.LIVE));
                o.t("info", () -> {
                    var i = d.getInfo();
                    return List.of(i.state().code(), i.maxMemKiB(), i.memoryKiB(), i.nrVirtCpu());
                });
                o.t("inactivexml", () -> d.getXMLDesc(DomainXMLFlag.INACTIVE));
                o.run("tmem", () -> c.domainLookupByName("test").setMemory(1024));
            }));
        s.add(new Scenario("vcpus", PYDOM + """
                d = c.defineXML(DOM)
                t('max', lambda: d.maxVcpus())
                t('cur', lambda: d.vcpusFlags(0))
                t('cfgmax', lambda: d.vcpusFlags(2 | 4))
                t('set', lambda: d.setVcpusFlags(3, 0))
                t('toomany', lambda: d.setVcpusFlags(40, 0))
                t('overmax', lambda: d.setVcpusFlags(5, 0))
                t('setmax', lambda: d.setVcpusFlags(2, 4))
                t('setmaxcfg', lambda: d.setVcpusFlags(2, 4 | 2))
                t('zero', lambda: d.setVcpusFlags(0, 0))
                t('maxzero', lambda: d.setVcpusFlags(0, 4))
                t('guestcfg', lambda: d.setVcpusFlags(1, 8 | 2))
                t('guest', lambda: d.setVcpusFlags(1, 8))
                t('xml', lambda: d.XMLDesc(0))
                t('vcpus-inactive', lambda: d.vcpus())
                t('start', lambda: d.create())
                t('live', lambda: d.setVcpusFlags(1, 1))
                t('after', lambda: d.vcpusFlags(1))
                t('cfg', lambda: d.vcpusFlags(2))
                t('n', lambda: len(d.vcpus()[0]))
                """, (o, c) -> {
                var d = c.domainDefineXML(DOM);
                o.t("max", d::getMaxVcpus);
                o.t("cur", () -> d.getVcpusFlags());
                o.t("cfgmax", () -> d.getVcpusFlags(DomainVcpuFlag.CONFIG, DomainVcpuFlag.MAXIMUM));
                o.run("set", () -> d.setVcpus(3));
                o.run("toomany", () -> d.setVcpus(40));
                o.run("overmax", () -> d.setVcpus(5));
                o.run("setmax", () -> d.setVcpus(2, DomainVcpuFlag.MAXIMUM));
                o.run("setmaxcfg", () -> d.setVcpus(2, DomainVcpuFlag.MAXIMUM, DomainVcpuFlag.CONFIG));
                o.run("zero", () -> d.setVcpus(0));
                o.run("maxzero", () -> d.setVcpus(0, DomainVcpuFlag.MAXIMUM));
                o.run("guestcfg", () -> d.setVcpus(1, DomainVcpuFlag.GUEST, DomainVcpuFlag.CONFIG));
                o.run("guest", () -> d.setVcpus(1, DomainVcpuFlag.GUEST));
                o.t("xml", d::getXMLDesc);
                o.t("vcpus-inactive", d::getVcpus);
                o.run("start", () -> d.create());
                o.run("live", () -> d.setVcpus(1, DomainVcpuFlag.LIVE));
                o.t("after", () -> d.getVcpusFlags(DomainVcpuFlag.LIVE));
                o.t("cfg", () -> d.getVcpusFlags(DomainVcpuFlag.CONFIG));
                o.t("n", () -> d.getVcpus().size());
            }));
        s.add(new Scenario("managed save", PYDOM + """
                d = c.defineXML(DOM)
                t('inactive', lambda: d.managedSave())
                d.create()
                t('msave', lambda: d.managedSave())
                t('has', lambda: d.hasManagedSaveImage())
                t('state', lambda: d.state())
                t('list', lambda: [x.name() for x in c.listAllDomains(256)])
                t('undef', lambda: d.undefine())
                t('start', lambda: d.create())
                t('has2', lambda: d.hasManagedSaveImage())
                t('state2', lambda: d.state())
                d.managedSave()
                t('remove', lambda: d.managedSaveRemove())
                t('has3', lambda: d.hasManagedSaveImage())
                """, (o, c) -> {
                var d = c.domainDefineXML(DOM);
                o.run("inactive", () -> d.managedSave());
                d.create();
                o.run("msave", () -> d.managedSave());
                o.t("has", d::hasManagedSaveImage);
                o.t("state", () -> st(d));
                o.t("list", () -> c.listAllDomains(ListDomainsFlag.MANAGEDSAVE).stream().map(x -> x.getName())
                        .toList());
                o.run("undef", () -> d.undefine());
                o.run("start", () -> d.create());
                o.t("has2", d::hasManagedSaveImage);
                o.t("state2", () -> st(d));
                d.managedSave();
                o.run("remove", d::managedSaveRemove);
                o.t("has3", d::hasManagedSaveImage);
            }));
        s.add(new Scenario("save restore", PYDOM + """
                import tempfile, os
                p = tempfile.mktemp()
                d = c.defineXML(DOM)
                t('inactive', lambda: d.save(p))
                d.create()
                t('dxml', lambda: d.saveFlags(p, '<x/>', 0))
                t('save', lambda: d.save(p))
                t('state', lambda: d.state())
                t('imgxml', lambda: c.saveImageGetXMLDesc(p, 0))
                t('restore', lambda: c.restore(p))
                t('state2', lambda: d.state())
                t('restore2', lambda: c.restore(p))
                t('missing', lambda: c.restore('/nonexistent/img'))
                open(p, 'w').write('garbage-garbage-garbage')
                t('magic', lambda: c.restore(p))
                os.unlink(p)
                """, (o, c) -> {
                try {
                    String p = java.nio.file.Files.createTempFile("jv", ".img").toString();
                    var d = c.domainDefineXML(DOM);
                    o.run("inactive", () -> d.save(p, null));
                    d.create();
                    o.run("dxml", () -> d.save(p, "<x/>"));
                    o.run("save", () -> d.save(p, null));
                    o.t("state", () -> st(d));
                    o.t("imgxml", () -> c.domainSaveImageGetXMLDesc(p));
                    o.run("restore", () -> c.domainRestore(p, null));
                    o.t("state2", () -> st(d));
                    o.run("restore2", () -> c.domainRestore(p, null));
                    o.run("missing", () -> c.domainRestore("/nonexistent/img", null));
                    java.nio.file.Files.writeString(java.nio.file.Path.of(p), "garbage-garbage-garbage");
                    o.run("magic", () -> c.domainRestore(p, null));
                    java.nio.file.Files.delete(java.nio.file.Path.of(p));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        s.add(new Scenario("rename", PYDOM + """
                d = c.defineXML(DOM)
                t('running', lambda: c.lookupByName('test').rename('x'))
                t('taken', lambda: d.rename('test'))
                t('ok', lambda: d.rename('d9'))
                t('old', lambda: c.lookupByName('d1'))
                t('new', lambda: c.lookupByName('d9').UUIDString())
                """, (o, c) -> {
                var d = c.domainDefineXML(DOM);
                o.run("running", () -> c.domainLookupByName("test").rename("x"));
                o.run("taken", () -> d.rename("test"));
                o.run("ok", () -> d.rename("d9"));
                o.t("old", () -> c.domainLookupByName("d1"));
                o.t("new", () -> c.domainLookupByName("d9").getUUIDString());
            }));
        s.add(new Scenario("metadata", PYDOM + """
                d = c.defineXML(DOM)
                t('none', lambda: d.metadata(0, None))
                t('setdesc', lambda: d.setMetadata(0, 'hello', None, None))
                t('desc', lambda: d.metadata(0, None))
                t('settitle', lambda: d.setMetadata(1, 'T', None, None))
                t('title', lambda: d.metadata(1, None))
                t('setel', lambda: d.setMetadata(2, '<foo a="1"><bar/></foo>', 'app', 'http://app.example/'))
                t('el', lambda: d.metadata(2, 'http://app.example/'))
                t('missing', lambda: d.metadata(2, 'http://other/'))
                t('xml', lambda: d.XMLDesc(0))
                t('live', lambda: d.setMetadata(0, 'x', None, None, 1))
                t('clear', lambda: d.setMetadata(0, None, None, None))
                t('after', lambda: d.metadata(0, None))
                """, (o, c) -> {
                var d = c.domainDefineXML(DOM);
                o.t("none", () -> d.getMetadata(DomainMetadataType.DESCRIPTION, null));
                o.run("setdesc", () -> d.setMetadata(DomainMetadataType.DESCRIPTION, "hello", null, null));
                o.t("desc", () -> d.getMetadata(DomainMetadataType.DESCRIPTION, null));
                o.run("settitle", () -> d.setMetadata(DomainMetadataType.TITLE, "T", null, null));
                o.t("title", () -> d.getMetadata(DomainMetadataType.TITLE, null));
                o.run("setel", () -> d.setMetadata(DomainMetadataType.ELEMENT, "<foo a=\"1\"><bar/></foo>", "app",
                        "http://app.example/"));
                o.t("el", () -> d.getMetadata(DomainMetadataType.ELEMENT, "http://app.example/"));
                o.t("missing", () -> d.getMetadata(DomainMetadataType.ELEMENT, "http://other/"));
                o.t("xml", d::getXMLDesc);
                o.run("live", () -> d.setMetadata(DomainMetadataType.DESCRIPTION, "x", null, null,
                        DomainModificationImpact.LIVE));
                o.run("clear", () -> d.setMetadata(DomainMetadataType.DESCRIPTION, null, null, null));
                o.t("after", () -> d.getMetadata(DomainMetadataType.DESCRIPTION, null));
            }));
        s.add(new Scenario("list filters", PYDOM + """
                d = c.defineXML(DOM)
                d.setAutostart(1)
                def names(f): return [x.name() for x in c.listAllDomains(f)]
                for f in [0, 1, 2, 4, 8, 16, 32, 64, 128, 1024, 2048, 4096, 8192, 1|2, 16|64]:
                    t('f%d' % f, lambda: names(f))
                t('num', lambda: c.numOfDomains())
                t('ids', lambda: c.listDomainsID())
                t('defined', lambda: c.listDefinedDomains())
                t('auto', lambda: d.autostart())
                """, (o, c) -> {
                var d = c.domainDefineXML(DOM);
                d.setAutostart(true);
                for (int f : new int[]{0, 1, 2, 4, 8, 16, 32, 64, 128, 1024, 2048, 4096, 8192, 3, 80}) {
                    List<ListDomainsFlag> fl = new ArrayList<>();
                    for (ListDomainsFlag x : ListDomainsFlag.values()) {
                        if ((f & x.bit()) != 0) {
                            fl.add(x);
                        }
                    }
                    o.t("f" + f, () -> c.listAllDomains(fl.toArray(ListDomainsFlag[]::new)).stream()
                            .map(x -> x.getName()).toList());
                }
                o.t("num", c::numOfDomains);
                o.t("ids", c::listDomains);
                o.t("defined", c::listDefinedDomains);
                o.t("auto", d::getAutostart);
            }));
        s.add(new Scenario("undefine running", PYDOM + """
                d = c.defineXML(DOM)
                d.create()
                t('undef', lambda: d.undefine())
                t('persistent', lambda: d.isPersistent())
                t('destroy', lambda: d.destroy())
                t('gone', lambda: c.lookupByName('d1'))
                t('undef-test', lambda: c.lookupByName('test').undefine())
                t('test-persistent', lambda: c.lookupByName('test').isPersistent())
                """, (o, c) -> {
                var d = c.domainDefineXML(DOM);
                d.create();
                o.run("undef", () -> d.undefine());
                o.t("persistent", d::isPersistent);
                o.run("destroy", () -> d.destroy());
                o.t("gone", () -> c.domainLookupByName("d1"));
                o.run("undef-test", () -> c.domainLookupByName("test").undefine());
                o.t("test-persistent", () -> c.domainLookupByName("test").isPersistent());
            }));
        s.add(new Scenario("flags refused", PYDOM + """
                d = c.defineXML(DOM)
                t('paused', lambda: d.createWithFlags(1))
                t('shutdownflag', lambda: c.lookupByName('test').shutdownFlags(1))
                t('hostname-inactive', lambda: d.hostname())
                t('hostname', lambda: c.lookupByName('test').hostname())
                t('ostype', lambda: d.OSType())
                t('updated', lambda: d.isUpdated())
                """, (o, c) -> {
                var d = c.domainDefineXML(DOM);
                o.run("paused", () -> d.create(org.jvirt.flags.DomainCreateFlag.START_PAUSED));
                o.run("shutdownflag", () -> c.domainLookupByName("test")
                        .shutdown(org.jvirt.flags.DomainShutdownFlag.ACPI_POWER_BTN));
                o.t("hostname-inactive", d::getHostname);
                o.t("hostname", () -> c.domainLookupByName("test").getHostname());
                o.t("ostype", d::getOSType);
                o.t("updated", d::isUpdated);
            }));
        s.add(new Scenario("snapshots", PYDOM + """
                d = c.defineXML(DOM)
                t('nocur', lambda: d.snapshotCurrent())
                t('hascur', lambda: d.hasCurrentSnapshot())
                s1 = d.snapshotCreateXML('<domainsnapshot><name>s1</name></domainsnapshot>', 0)
                d.create()
                s2 = d.snapshotCreateXML('<domainsnapshot><name>s2</name></domainsnapshot>', 0)
                s3 = d.snapshotCreateXML('<domainsnapshot><name>s3</name></domainsnapshot>', 0)
                t('cur', lambda: d.snapshotCurrent().getName())
                t('parent', lambda: s3.getParent().getName())
                t('noparent', lambda: s1.getParent())
                t('all', lambda: [x.getName() for x in d.listAllSnapshots(0)])
                t('roots', lambda: [x.getName() for x in d.listAllSnapshots(1)])
                t('leaves', lambda: [x.getName() for x in d.listAllSnapshots(4)])
                t('inactive', lambda: [x.getName() for x in d.listAllSnapshots(32)])
                t('active', lambda: [x.getName() for x in d.listAllSnapshots(64)])
                t('children', lambda: [x.getName() for x in s1.listAllChildren(0)])
                t('desc', lambda: [x.getName() for x in s1.listAllChildren(1)])
                t('iscur', lambda: s3.isCurrent())
                t('meta', lambda: s3.hasMetadata())
                t('undef-running', lambda: d.isActive())
                t('revert', lambda: d.revertToSnapshot(s1, 0))
                t('state', lambda: d.state())
                t('cur2', lambda: d.snapshotCurrent().getName())
                t('undef', lambda: d.undefine())
                t('del', lambda: s2.delete(0))
                t('parent3', lambda: s3.getParent().getName())
                t('delchildren', lambda: s1.delete(1))
                t('count', lambda: len(d.listAllSnapshots(0)))
                t('lookup', lambda: d.snapshotLookupByName('s1'))
                t('hasfilter', lambda: [x.name() for x in c.listAllDomains(8192)])
                """, (o, c) -> {
                var d = c.domainDefineXML(DOM);
                o.t("nocur", d::snapshotCurrent);
                o.t("hascur", d::hasCurrentSnapshot);
                var s1 = d.snapshotCreateXML("<domainsnapshot><name>s1</name></domainsnapshot>");
                d.create();
                var s2 = d.snapshotCreateXML("<domainsnapshot><name>s2</name></domainsnapshot>");
                var s3 = d.snapshotCreateXML("<domainsnapshot><name>s3</name></domainsnapshot>");
                o.t("cur", () -> d.snapshotCurrent().getName());
                o.t("parent", () -> s3.getParent().getName());
                o.t("noparent", s1::getParent);
                o.t("all", () -> d.listAllSnapshots().stream().map(x -> x.getName()).toList());
                o.t("roots", () -> d.listAllSnapshots(org.jvirt.flags.SnapshotListFlag.ROOTS).stream()
                        .map(x -> x.getName()).toList());
                o.t("leaves", () -> d.listAllSnapshots(org.jvirt.flags.SnapshotListFlag.LEAVES).stream()
                        .map(x -> x.getName()).toList());
                o.t("inactive", () -> d.listAllSnapshots(org.jvirt.flags.SnapshotListFlag.INACTIVE).stream()
                        .map(x -> x.getName()).toList());
                o.t("active", () -> d.listAllSnapshots(org.jvirt.flags.SnapshotListFlag.ACTIVE).stream()
                        .map(x -> x.getName()).toList());
                o.t("children", () -> s1.listAllChildren().stream().map(x -> x.getName()).toList());
                o.t("desc", () -> s1.listAllChildren(org.jvirt.flags.SnapshotListFlag.DESCENDANTS).stream()
                        .map(x -> x.getName()).toList());
                o.t("iscur", s3::isCurrent);
                o.t("meta", s3::hasMetadata);
                o.t("undef-running", d::isActive);
                o.run("revert", () -> s1.revert());
                o.t("state", () -> st(d));
                o.t("cur2", () -> d.snapshotCurrent().getName());
                o.run("undef", () -> d.undefine());
                o.run("del", () -> s2.delete());
                o.t("parent3", () -> s3.getParent().getName());
                o.run("delchildren", () -> s1.delete(org.jvirt.flags.SnapshotDeleteFlag.CHILDREN));
                o.t("count", () -> d.listAllSnapshots().size());
                o.t("lookup", () -> d.snapshotLookupByName("s1"));
                o.t("hasfilter", () -> c.listAllDomains(ListDomainsFlag.NO_SNAPSHOT).stream().map(x -> x.getName())
                        .toList());
            }));
        s.add(new Scenario("checkpoints", PYDOM + """
                import re
                def x(s): return re.sub('<creationTime>[0-9]+</creationTime>', '', s)
                def names(l): return [k.getName() for k in l]
                d = c.lookupByName('test')
                t('none', lambda: names(d.listAllCheckpoints(0)))
                t('nolookup', lambda: d.checkpointLookupByName('c1'))
                c1 = d.checkpointCreateXML('<domaincheckpoint><name>c1</name><description> a "q" &amp; \\'b\\' </description></domaincheckpoint>', 0)
                c2 = d.checkpointCreateXML('<domaincheckpoint><name>c2</name><disks><disk name="/guest/diskimage1" bitmap="bm2"/></disks></domaincheckpoint>', 0)
                t('xml1', lambda: x(c1.getXMLDesc(0)))
                t('xml2', lambda: x(c2.getXMLDesc(2)))
                t('xmlsize', lambda: x(c2.getXMLDesc(6)))
                t('dup', lambda: d.checkpointCreateXML('<domaincheckpoint><name>c1</name></domaincheckpoint>', 0))
                t('nodisk', lambda: d.checkpointCreateXML('<domaincheckpoint><disks><disk name="vdz"/></disks></domaincheckpoint>', 0))
                t('toomany', lambda: d.checkpointCreateXML('<domaincheckpoint><disks><disk name="vda"/><disk name="vdb"/></disks></domaincheckpoint>', 0))
                t('parent', lambda: c2.getParent().getName())
                t('noparent', lambda: c1.getParent())
                c3 = d.checkpointCreateXML('<domaincheckpoint><name>c3</name><parent><name>c1</name></parent><creationTime>1700000000</creationTime><disks><disk name="vda" checkpoint="no"/></disks></domaincheckpoint>', 1)
                t('xml3', lambda: c3.getXMLDesc(0))
                t('all', lambda: names(d.listAllCheckpoints(0)))
                t('roots', lambda: names(d.listAllCheckpoints(1)))
                t('leaves', lambda: names(d.listAllCheckpoints(4)))
                t('noleaves', lambda: names(d.listAllCheckpoints(8)))
                t('topo', lambda: names(d.listAllCheckpoints(2)))
                t('children', lambda: names(c1.listAllChildren(0)))
                t('desc', lambda: names(c1.listAllChildren(1)))
                t('redef-noname', lambda: d.checkpointCreateXML('<domaincheckpoint><creationTime>1</creationTime></domaincheckpoint>', 1))
                t('redef-notime', lambda: d.checkpointCreateXML('<domaincheckpoint><name>c4</name></domaincheckpoint>', 1))
                t('redef-self', lambda: d.checkpointCreateXML('<domaincheckpoint><name>c4</name><parent><name>c4</name></parent><creationTime>1</creationTime></domaincheckpoint>', 1))
                t('redef-missing', lambda: d.checkpointCreateXML('<domaincheckpoint><name>c4</name><parent><name>zz</name></parent><creationTime>1</creationTime></domaincheckpoint>', 1))
                t('redef-cycle', lambda: d.checkpointCreateXML('<domaincheckpoint><name>c1</name><parent><name>c3</name></parent><creationTime>1</creationTime></domaincheckpoint>', 1))
                t('redef-uuid', lambda: d.checkpointCreateXML('<domaincheckpoint><name>c4</name><creationTime>1</creationTime>' + DOM + '</domaincheckpoint>', 1))
                t('redef-domain', lambda: d.checkpointCreateXML('<domaincheckpoint><name>c4</name><creationTime>7</creationTime>' + DOM.replace('11111111-2222-3333-4444-000000000001', '6695eb01-f6a4-8304-79aa-97f2502e193f') + '</domaincheckpoint>', 1).getXMLDesc(0))
                t('redef-existing', lambda: d.checkpointCreateXML('<domaincheckpoint><name>c1</name><description>new</description><creationTime>5</creationTime></domaincheckpoint>', 1).getXMLDesc(0))
                t('children2', lambda: names(c1.listAllChildren(0)))
                t('validate', lambda: d.checkpointCreateXML('<domaincheckpoint/>', 4))
                t('validate2', lambda: d.checkpointCreateXML('<domaincheckpoint/>', 5))
                t('quiesce-redefine', lambda: d.checkpointCreateXML('<domaincheckpoint/>', 3))
                t('snap', lambda: d.snapshotCreateXML('<domainsnapshot/>', 0))
                t('has', lambda: [k.name() for k in c.listAllDomains(16384)])
                t('hasnot', lambda: [k.name() for k in c.listAllDomains(32768)])
                t('delboth', lambda: c1.delete(5))
                t('del', lambda: c1.delete(0))
                t('parent2', lambda: c2.getParent())
                t('roots2', lambda: names(d.listAllCheckpoints(1)))
                c5 = d.checkpointCreateXML('<domaincheckpoint><name>c5</name></domaincheckpoint>', 0)
                t('parent5', lambda: c5.getParent().getName())
                t('delonly', lambda: c2.delete(4))
                t('after-delonly', lambda: names(d.listAllCheckpoints(0)))
                t('delmeta', lambda: c2.delete(3))
                t('after-delmeta', lambda: names(d.listAllCheckpoints(0)))
                t('gone', lambda: c2.getXMLDesc(0))
                d2 = c.defineXML(DOM)
                t('inactive', lambda: d2.checkpointCreateXML('<domaincheckpoint/>', 0))
                d2.create()
                t('ro-disk', lambda: d2.checkpointCreateXML('<domaincheckpoint/>', 0) and None)
                d3 = c.createXML(DOM.replace('d1', 'd3').replace('000000000001', '000000000003').replace("<disk type='file' device='disk'><source file='/x.img'/><target dev='vda' bus='virtio'/></disk>", "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>"), 0)
                t('nodisks', lambda: x(d3.checkpointCreateXML('<domaincheckpoint><name>e</name></domaincheckpoint>', 0).getXMLDesc(2)))
                t('emptydisk', lambda: d3.checkpointCreateXML('<domaincheckpoint><disks><disk name="hdc"/></disks></domaincheckpoint>', 0))
                """, (o, c) -> {
                java.util.function.UnaryOperator<String> x = v -> v.replaceAll("<creationTime>[0-9]+</creationTime>", "");
                java.util.function.Function<java.util.List<org.jvirt.DomainCheckpoint>, Object> names =
                        l -> l.stream().map(org.jvirt.DomainCheckpoint::getName).toList();
                var d = c.domainLookupByName("test");
                o.t("none", () -> names.apply(d.listAllCheckpoints()));
                o.t("nolookup", () -> d.checkpointLookupByName("c1"));
                var c1 = d.checkpointCreateXML("<domaincheckpoint><name>c1</name><description> a \"q\" &amp; 'b' "
                        + "</description></domaincheckpoint>");
                var c2 = d.checkpointCreateXML("<domaincheckpoint><name>c2</name><disks><disk name=\"/guest/diskimage1\" "
                        + "bitmap=\"bm2\"/></disks></domaincheckpoint>");
                o.t("xml1", () -> x.apply(c1.getXMLDesc()));
                o.t("xml2", () -> x.apply(c2.getXMLDesc(CheckpointXMLFlag.NO_DOMAIN)));
                o.t("xmlsize", () -> x.apply(c2.getXMLDesc(CheckpointXMLFlag.NO_DOMAIN, CheckpointXMLFlag.SIZE)));
                o.t("dup", () -> d.checkpointCreateXML("<domaincheckpoint><name>c1</name></domaincheckpoint>"));
                o.t("nodisk", () -> d.checkpointCreateXML(
                        "<domaincheckpoint><disks><disk name=\"vdz\"/></disks></domaincheckpoint>"));
                o.t("toomany", () -> d.checkpointCreateXML("<domaincheckpoint><disks><disk name=\"vda\"/>"
                        + "<disk name=\"vdb\"/></disks></domaincheckpoint>"));
                o.t("parent", () -> c2.getParent().getName());
                o.t("noparent", c1::getParent);
                var c3 = d.checkpointCreateXML("<domaincheckpoint><name>c3</name><parent><name>c1</name></parent>"
                        + "<creationTime>1700000000</creationTime><disks><disk name=\"vda\" checkpoint=\"no\"/></disks>"
                        + "</domaincheckpoint>", CheckpointCreateFlag.REDEFINE);
                o.t("xml3", () -> c3.getXMLDesc());
                o.t("all", () -> names.apply(d.listAllCheckpoints()));
                o.t("roots", () -> names.apply(d.listAllCheckpoints(CheckpointListFlag.ROOTS)));
                o.t("leaves", () -> names.apply(d.listAllCheckpoints(CheckpointListFlag.LEAVES)));
                o.t("noleaves", () -> names.apply(d.listAllCheckpoints(CheckpointListFlag.NO_LEAVES)));
                o.t("topo", () -> names.apply(d.listAllCheckpoints(CheckpointListFlag.TOPOLOGICAL)));
                o.t("children", () -> names.apply(c1.listAllChildren()));
                o.t("desc", () -> names.apply(c1.listAllChildren(CheckpointListFlag.DESCENDANTS)));
                o.t("redef-noname", () -> d.checkpointCreateXML(
                        "<domaincheckpoint><creationTime>1</creationTime></domaincheckpoint>", CheckpointCreateFlag.REDEFINE));
                o.t("redef-notime", () -> d.checkpointCreateXML("<domaincheckpoint><name>c4</name></domaincheckpoint>",
                        CheckpointCreateFlag.REDEFINE));
                o.t("redef-self", () -> d.checkpointCreateXML("<domaincheckpoint><name>c4</name><parent><name>c4</name>"
                        + "</parent><creationTime>1</creationTime></domaincheckpoint>", CheckpointCreateFlag.REDEFINE));
                o.t("redef-missing", () -> d.checkpointCreateXML("<domaincheckpoint><name>c4</name><parent><name>zz"
                        + "</name></parent><creationTime>1</creationTime></domaincheckpoint>", CheckpointCreateFlag.REDEFINE));
                o.t("redef-cycle", () -> d.checkpointCreateXML("<domaincheckpoint><name>c1</name><parent><name>c3"
                        + "</name></parent><creationTime>1</creationTime></domaincheckpoint>", CheckpointCreateFlag.REDEFINE));
                o.t("redef-uuid", () -> d.checkpointCreateXML("<domaincheckpoint><name>c4</name><creationTime>1"
                        + "</creationTime>" + DOM + "</domaincheckpoint>", CheckpointCreateFlag.REDEFINE));
                o.t("redef-domain", () -> d.checkpointCreateXML("<domaincheckpoint><name>c4</name><creationTime>7"
                        + "</creationTime>" + DOM.replace("11111111-2222-3333-4444-000000000001",
                        "6695eb01-f6a4-8304-79aa-97f2502e193f") + "</domaincheckpoint>", CheckpointCreateFlag.REDEFINE)
                        .getXMLDesc());
                o.t("redef-existing", () -> d.checkpointCreateXML("<domaincheckpoint><name>c1</name><description>new"
                        + "</description><creationTime>5</creationTime></domaincheckpoint>", CheckpointCreateFlag.REDEFINE)
                        .getXMLDesc());
                o.t("children2", () -> names.apply(c1.listAllChildren()));
                o.t("validate", () -> d.checkpointCreateXML("<domaincheckpoint/>", CheckpointCreateFlag.REDEFINE_VALIDATE));
                o.t("validate2", () -> d.checkpointCreateXML("<domaincheckpoint/>", CheckpointCreateFlag.REDEFINE,
                        CheckpointCreateFlag.REDEFINE_VALIDATE));
                o.t("quiesce-redefine", () -> d.checkpointCreateXML("<domaincheckpoint/>", CheckpointCreateFlag.REDEFINE,
                        CheckpointCreateFlag.QUIESCE));
                o.t("snap", () -> d.snapshotCreateXML("<domainsnapshot/>"));
                o.t("has", () -> c.listAllDomains(ListDomainsFlag.HAS_CHECKPOINT).stream().map(k -> k.getName()).toList());
                o.t("hasnot", () -> c.listAllDomains(ListDomainsFlag.NO_CHECKPOINT).stream().map(k -> k.getName()).toList());
                o.run("delboth", () -> c1.delete(CheckpointDeleteFlag.CHILDREN, CheckpointDeleteFlag.CHILDREN_ONLY));
                o.run("del", () -> c1.delete());
                o.t("parent2", c2::getParent);
                o.t("roots2", () -> names.apply(d.listAllCheckpoints(CheckpointListFlag.ROOTS)));
                var c5 = d.checkpointCreateXML("<domaincheckpoint><name>c5</name></domaincheckpoint>");
                o.t("parent5", () -> c5.getParent().getName());
                o.run("delonly", () -> c2.delete(CheckpointDeleteFlag.CHILDREN_ONLY));
                o.t("after-delonly", () -> names.apply(d.listAllCheckpoints()));
                o.run("delmeta", () -> c2.delete(CheckpointDeleteFlag.CHILDREN, CheckpointDeleteFlag.METADATA_ONLY));
                o.t("after-delmeta", () -> names.apply(d.listAllCheckpoints()));
                o.t("gone", () -> c2.getXMLDesc());
                var d2 = c.domainDefineXML(DOM);
                o.t("inactive", () -> d2.checkpointCreateXML("<domaincheckpoint/>"));
                d2.create();
                o.t("ro-disk", () -> {
                    d2.checkpointCreateXML("<domaincheckpoint/>");
                    return 0;
                });
                var d3 = c.domainCreateXML(DOM.replace("d1", "d3").replace("000000000001", "000000000003").replace(
                        "<disk type='file' device='disk'><source file='/x.img'/><target dev='vda' bus='virtio'/></disk>",
                        "<disk type='file' device='cdrom'><target dev='hdc' bus='ide'/></disk>"));
                o.t("nodisks", () -> x.apply(d3.checkpointCreateXML("<domaincheckpoint><name>e</name></domaincheckpoint>")
                        .getXMLDesc(CheckpointXMLFlag.NO_DOMAIN)));
                o.t("emptydisk", () -> d3.checkpointCreateXML(
                        "<domaincheckpoint><disks><disk name=\"hdc\"/></disks></domaincheckpoint>"));
            }));
        s.add(new Scenario("networks", """
                NOIP = "<network><name>n2</name><uuid>22222222-2222-3333-4444-000000000001</uuid><bridge name='br5'/><forward/></network>"
                t('noip', lambda: c.networkDefineXML(NOIP))
                t('twodevs', lambda: c.networkDefineXML(NOIP.replace('<forward/>', "<forward mode='route'><interface dev='a'/><interface dev='b'/></forward><ip address='10.0.0.1' prefix='24'/>")))
                t('openbridge', lambda: c.networkDefineXML(NOIP.replace('<forward/>', "<forward mode='private'/>")))
                NET = NOIP.replace('<forward/>', "<forward/><ip address='192.168.5.1' netmask='255.255.255.0'/>")
                n = c.networkDefineXML(NET)
                t('xml', lambda: n.XMLDesc(0))
                t('active', lambda: n.isActive())
                t('defined', lambda: c.listDefinedNetworks())
                t('create', lambda: n.create())
                t('create2', lambda: n.create())
                t('undef', lambda: n.undefine())
                t('list', lambda: c.listNetworks())
                t('num', lambda: c.numOfNetworks())
                t('dup', lambda: c.networkDefineXML(NET.replace('n2', 'n3')))
                t('dupname', lambda: c.networkDefineXML(NET.replace('000000000001', '000000000002')))
                t('destroy', lambda: n.destroy())
                t('auto', lambda: n.setAutostart(1))
                t('getauto', lambda: n.autostart())
                t('filter', lambda: [x.name() for x in c.listAllNetworks(16)])
                t('undef2', lambda: n.undefine())
                t('nobridge', lambda: c.networkCreateXML("<network><name>n4</name></network>").bridgeName())
                t('createxml-dup', lambda: c.networkCreateXML("<network><name>default</name><uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid></network>"))
                """, (o, c) -> {
                String noip = "<network><name>n2</name><uuid>22222222-2222-3333-4444-000000000001</uuid>"
                        + "<bridge name='br5'/><forward/></network>";
                o.t("noip", () -> c.networkDefineXML(noip));
                o.t("twodevs", () -> c.networkDefineXML(noip.replace("<forward/>", "<forward mode='route'>"
                        + "<interface dev='a'/><interface dev='b'/></forward><ip address='10.0.0.1' prefix='24'/>")));
                o.t("openbridge", () -> c.networkDefineXML(noip.replace("<forward/>", "<forward mode='private'/>")));
                String net = noip.replace("<forward/>",
                        "<forward/><ip address='192.168.5.1' netmask='255.255.255.0'/>");
                var n = c.networkDefineXML(net);
                o.t("xml", n::getXMLDesc);
                o.t("active", n::isActive);
                o.t("defined", c::listDefinedNetworks);
                o.run("create", n::create);
                o.run("create2", n::create);
                o.run("undef", n::undefine);
                o.t("list", c::listNetworks);
                o.t("num", c::numOfNetworks);
                o.t("dup", () -> c.networkDefineXML(net.replace("n2", "n3")));
                o.t("dupname", () -> c.networkDefineXML(net.replace("000000000001", "000000000002")));
                o.run("destroy", n::destroy);
                o.run("auto", () -> n.setAutostart(true));
                o.t("getauto", n::getAutostart);
                o.t("filter", () -> c.listAllNetworks(org.jvirt.flags.ListNetworksFlag.AUTOSTART).stream()
                        .map(x -> x.getName()).toList());
                o.run("undef2", n::undefine);
                o.t("nobridge", () -> c.networkCreateXML("<network><name>n4</name></network>").getBridgeName());
                o.t("createxml-dup", () -> c.networkCreateXML("<network><name>default</name>"
                        + "<uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid></network>"));
            }));
        s.add(new Scenario("network update", """
                n = c.networkLookupByName('default')
                H = "<host mac='00:16:3E:77:e2:ed' name='foo' ip='192.168.122.10'/>"
                R = "<range start='192.168.122.100' end='192.168.122.110'/>"
                t('add', lambda: n.update(3, 4, -1, H, 3))
                t('dup', lambda: n.update(3, 4, -1, H.replace('foo', 'bar'), 0))
                t('xml', lambda: n.XMLDesc(0))
                t('modify', lambda: n.update(1, 4, -1, H.replace('.10', '.12'), 0))
                t('modify-none', lambda: n.update(1, 4, -1, "<host name='zzz' ip='192.168.122.99'/>", 0))
                t('xml2', lambda: n.XMLDesc(0))
                t('del', lambda: n.update(2, 4, -1, "<host name='foo'/>", 0))
                t('del2', lambda: n.update(2, 4, -1, "<host name='foo'/>", 0))
                t('delempty', lambda: n.update(2, 4, -1, "<host/>", 0))
                t('wrongel', lambda: n.update(3, 4, -1, R, 0))
                t('wrongel-badidx', lambda: n.update(3, 4, 7, R, 0))
                t('badidx', lambda: n.update(3, 4, 7, H, 0))
                t('nomac', lambda: n.update(3, 4, -1, "<host ip='192.168.122.11'/>", 0))
                t('noip', lambda: n.update(3, 4, -1, "<host name='x'/>", 0))
                t('badmac', lambda: n.update(3, 4, -1, "<host mac='zz' ip='192.168.122.11'/>", 0))
                t('mcast', lambda: n.update(3, 4, -1, "<host mac='01:00:00:00:00:01' ip='192.168.122.11'/>", 0))
                t('badname', lambda: n.update(3, 4, -1, "<host name='-x' ip='192.168.122.11'/>", 0))
                t('badip', lambda: n.update(3, 4, -1, "<host name='x' ip='1.2.3.x'/>", 0))
                t('v6', lambda: n.update(3, 4, -1, "<host name='x' ip='fe80::1'/>", 0))
                t('rfirst', lambda: n.update(4, 5, -1, R, 0))
                t('rdup', lambda: n.update(3, 5, -1, R, 0))
                t('rmod', lambda: n.update(1, 5, -1, R, 0))
                t('rnostart', lambda: n.update(3, 5, -1, "<range end='192.168.122.5'/>", 0))
                t('xml3', lambda: n.XMLDesc(0))
                t('rdel', lambda: n.update(2, 5, -1, R, 0))
                t('rdel2', lambda: n.update(2, 5, -1, R, 0))
                t('bridge', lambda: n.update(3, 1, -1, "<bridge name='x'/>", 0))
                t('ip', lambda: n.update(3, 3, -1, "<ip address='10.0.0.1'/>", 0))
                i = c.networkDefineXML("<network><name>n7</name><uuid>77777777-2222-3333-4444-000000000001</uuid><ip address='10.1.0.1' prefix='24'/></network>")
                t('inactive-live', lambda: i.update(3, 4, -1, "<host name='a' ip='10.1.0.5'/>", 1))
                t('inactive', lambda: i.update(3, 4, -1, "<host name='a' ip='10.1.0.5'/>", 0))
                t('ixml', lambda: i.XMLDesc(0))
                tr = c.networkCreateXML("<network><name>n8</name><uuid>88888888-2222-3333-4444-000000000001</uuid><ip address='10.2.0.1' prefix='24'/></network>")
                t('transient-config', lambda: tr.update(3, 4, -1, "<host name='a' ip='10.2.0.5'/>", 2))
                t('transient', lambda: tr.update(3, 4, -1, "<host name='a' ip='10.2.0.5'/>", 0))
                t('trxml', lambda: tr.XMLDesc(0))
                """, (o, c) -> {
                var n = c.networkLookupByName("default");
                String h = "<host mac='00:16:3E:77:e2:ed' name='foo' ip='192.168.122.10'/>";
                String r = "<range start='192.168.122.100' end='192.168.122.110'/>";
                NetworkUpdateCommand add = NetworkUpdateCommand.ADD_LAST;
                NetworkUpdateCommand first = NetworkUpdateCommand.ADD_FIRST;
                NetworkUpdateCommand mod = NetworkUpdateCommand.MODIFY;
                NetworkUpdateCommand del = NetworkUpdateCommand.DELETE;
                NetworkUpdateSection host = NetworkUpdateSection.IP_DHCP_HOST;
                NetworkUpdateSection range = NetworkUpdateSection.IP_DHCP_RANGE;
                o.run("add", () -> n.update(add, host, -1, h, NetworkUpdateFlag.AFFECT_LIVE,
                        NetworkUpdateFlag.AFFECT_CONFIG));
                o.run("dup", () -> n.update(add, host, -1, h.replace("foo", "bar")));
                o.t("xml", n::getXMLDesc);
                o.run("modify", () -> n.update(mod, host, -1, h.replace(".10", ".12")));
                o.run("modify-none", () -> n.update(mod, host, -1, "<host name='zzz' ip='192.168.122.99'/>"));
                o.t("xml2", n::getXMLDesc);
                o.run("del", () -> n.update(del, host, -1, "<host name='foo'/>"));
                o.run("del2", () -> n.update(del, host, -1, "<host name='foo'/>"));
                o.run("delempty", () -> n.update(del, host, -1, "<host/>"));
                o.run("wrongel", () -> n.update(add, host, -1, r));
                o.run("wrongel-badidx", () -> n.update(add, host, 7, r));
                o.run("badidx", () -> n.update(add, host, 7, h));
                o.run("nomac", () -> n.update(add, host, -1, "<host ip='192.168.122.11'/>"));
                o.run("noip", () -> n.update(add, host, -1, "<host name='x'/>"));
                o.run("badmac", () -> n.update(add, host, -1, "<host mac='zz' ip='192.168.122.11'/>"));
                o.run("mcast", () -> n.update(add, host, -1,
                        "<host mac='01:00:00:00:00:01' ip='192.168.122.11'/>"));
                o.run("badname", () -> n.update(add, host, -1, "<host name='-x' ip='192.168.122.11'/>"));
                o.run("badip", () -> n.update(add, host, -1, "<host name='x' ip='1.2.3.x'/>"));
                o.run("v6", () -> n.update(add, host, -1, "<host name='x' ip='fe80::1'/>"));
                o.run("rfirst", () -> n.update(first, range, -1, r));
                o.run("rdup", () -> n.update(add, range, -1, r));
                o.run("rmod", () -> n.update(mod, range, -1, r));
                o.run("rnostart", () -> n.update(add, range, -1, "<range end='192.168.122.5'/>"));
                o.t("xml3", n::getXMLDesc);
                o.run("rdel", () -> n.update(del, range, -1, r));
                o.run("rdel2", () -> n.update(del, range, -1, r));
                o.run("bridge", () -> n.update(add, NetworkUpdateSection.BRIDGE, -1, "<bridge name='x'/>"));
                o.run("ip", () -> n.update(add, NetworkUpdateSection.IP, -1, "<ip address='10.0.0.1'/>"));
                var i = c.networkDefineXML("<network><name>n7</name><uuid>77777777-2222-3333-4444-000000000001"
                        + "</uuid><ip address='10.1.0.1' prefix='24'/></network>");
                o.run("inactive-live", () -> i.update(add, host, -1, "<host name='a' ip='10.1.0.5'/>",
                        NetworkUpdateFlag.AFFECT_LIVE));
                o.run("inactive", () -> i.update(add, host, -1, "<host name='a' ip='10.1.0.5'/>"));
                o.t("ixml", i::getXMLDesc);
                var tr = c.networkCreateXML("<network><name>n8</name><uuid>88888888-2222-3333-4444-000000000001"
                        + "</uuid><ip address='10.2.0.1' prefix='24'/></network>");
                o.run("transient-config", () -> tr.update(add, host, -1, "<host name='a' ip='10.2.0.5'/>",
                        NetworkUpdateFlag.AFFECT_CONFIG));
                o.run("transient", () -> tr.update(add, host, -1, "<host name='a' ip='10.2.0.5'/>"));
                o.t("trxml", tr::getXMLDesc);
            }));
        s.add(new Scenario("storage", """
                POOL = "<pool type='dir'><name>p2</name><uuid>33333333-2222-3333-4444-000000000001</uuid><target><path>/p2</path></target></pool>"
                VOL = "<volume><name>v1</name><capacity>1000000</capacity><allocation>1000</allocation></volume>"
                p = c.storagePoolDefineXML(POOL, 0)
                t('xml', lambda: p.XMLDesc(0))
                t('info', lambda: p.info())
                t('vol-inactive', lambda: p.createXML(VOL, 0))
                t('listvols-inactive', lambda: p.listVolumes())
                t('build', lambda: p.build(0))
                t('create', lambda: p.create(0))
                t('create2', lambda: p.create(0))
                t('undef', lambda: p.undefine())
                v = p.createXML(VOL, 0)
                t('volxml', lambda: v.XMLDesc(0))
                t('volinfo', lambda: v.info())
                t('path', lambda: v.path())
                t('key', lambda: v.key())
                t('again', lambda: p.createXML(VOL, 0))
                t('big', lambda: p.createXML(VOL.replace('v1', 'v2').replace('<allocation>1000', '<allocation>999999999999999'), 0))
                t('pinfo', lambda: p.info())
                t('bykey', lambda: c.storageVolLookupByKey('/p2/v1').name())
                t('bypath', lambda: c.storageVolLookupByPath('/p2/nope'))
                t('byname', lambda: p.storageVolLookupByName('nope'))
                t('vols', lambda: p.listVolumes())
                t('refresh', lambda: p.refresh(0))
                t('del', lambda: v.delete(0))
                t('pinfo2', lambda: p.info())
                t('destroy', lambda: p.destroy())
                t('destroy2', lambda: p.destroy())
                t('delete', lambda: p.delete(0))
                t('pools', lambda: c.listDefinedStoragePools())
                t('dupuuid', lambda: c.storagePoolDefineXML(POOL.replace('<name>p2', '<name>p3'), 0))
                """, (o, c) -> {
                String pool = "<pool type='dir'><name>p2</name><uuid>33333333-2222-3333-4444-000000000001</uuid>"
                        + "<target><path>/p2</path></target></pool>";
                String vol = "<volume><name>v1</name><capacity>1000000</capacity><allocation>1000</allocation>"
                        + "</volume>";
                var p = c.storagePoolDefineXML(pool);
                o.t("xml", p::getXMLDesc);
                o.t("info", () -> poolInfo(p));
                o.t("vol-inactive", () -> p.storageVolCreateXML(vol));
                o.t("listvols-inactive", p::listVolumes);
                o.run("build", () -> p.build());
                o.run("create", () -> p.create());
                o.run("create2", () -> p.create());
                o.run("undef", p::undefine);
                var v = p.storageVolCreateXML(vol);
                o.t("volxml", v::getXMLDesc);
                o.t("volinfo", () -> {
                    var i = v.getInfo();
                    return List.of(i.type().code(), i.capacity(), i.allocation());
                });
                o.t("path", v::getPath);
                o.t("key", v::getKey);
                o.t("again", () -> p.storageVolCreateXML(vol));
                o.t("big", () -> p.storageVolCreateXML(vol.replace("v1", "v2")
                        .replace("<allocation>1000", "<allocation>999999999999999")));
                o.t("pinfo", () -> poolInfo(p));
                o.t("bykey", () -> c.storageVolLookupByKey("/p2/v1").getName());
                o.t("bypath", () -> c.storageVolLookupByPath("/p2/nope"));
                o.t("byname", () -> p.storageVolLookupByName("nope"));
                o.t("vols", p::listVolumes);
                o.run("refresh", () -> p.refresh());
                o.run("del", () -> v.delete());
                o.t("pinfo2", () -> poolInfo(p));
                o.run("destroy", p::destroy);
                o.run("destroy2", p::destroy);
                o.run("delete", () -> p.delete());
                o.t("pools", c::listDefinedStoragePools);
                o.t("dupuuid", () -> c.storagePoolDefineXML(pool.replace("<name>p2", "<name>p3")));
            }));
        s.add(new Scenario("node devices", """
                t('list', lambda: [x.name() for x in c.listAllDevices(0)])
                t('num', lambda: c.numOfDevices(None, 0))
                t('scsi', lambda: c.listDevices('scsi_host', 0))
                t('fc', lambda: c.listDevices('fc_host', 0))
                t('vports', lambda: c.listDevices('vports', 0))
                t('xml', lambda: c.nodeDeviceLookupByName('scsi_host1').XMLDesc(0))
                t('parent', lambda: c.nodeDeviceLookupByName('scsi_host11').parent())
                t('caps', lambda: c.nodeDeviceLookupByName('scsi_host1').listCaps())
                t('ncaps', lambda: c.nodeDeviceLookupByName('computer').numOfCaps())
                for name in ['computer', 'scsi_host1', 'scsi_host2', 'scsi_host11']:
                    t('xml-' + name, lambda: c.nodeDeviceLookupByName(name).XMLDesc(0))
                """, (o, c) -> {
                o.t("list", () -> c.listAllNodeDevices().stream().map(x -> x.getName()).toList());
                o.t("num", () -> c.nodeNumOfDevices(null));
                o.t("scsi", () -> c.nodeListDevices("scsi_host"));
                o.t("fc", () -> c.nodeListDevices("fc_host"));
                o.t("vports", () -> c.nodeListDevices("vports"));
                o.t("xml", () -> c.nodeDeviceLookupByName("scsi_host1").getXMLDesc());
                o.t("parent", () -> c.nodeDeviceLookupByName("scsi_host11").getParent());
                o.t("caps", () -> c.nodeDeviceLookupByName("scsi_host1").listCaps());
                o.t("ncaps", () -> c.nodeDeviceLookupByName("computer").numOfCaps());
                for (String name : List.of("computer", "scsi_host1", "scsi_host2", "scsi_host11")) {
                    o.t("xml-" + name, () -> c.nodeDeviceLookupByName(name).getXMLDesc());
                }
            }));
        s.add(new Scenario("interfaces", """
                t('list', lambda: c.listInterfaces())
                t('xml', lambda: c.interfaceLookupByName('eth1').XMLDesc(0))
                t('mac', lambda: c.interfaceLookupByMACString('aa:bb:cc:dd:ee:ff').name())
                t('commit0', lambda: c.changeCommit(0))
                t('rollback0', lambda: c.changeRollback(0))
                t('begin', lambda: c.changeBegin(0))
                t('begin2', lambda: c.changeBegin(0))
                i = c.lookupByName('test') if False else None
                t('define', lambda: c.interfaceDefineXML("<interface type='ethernet' name='eth2'><mac address='aa:bb:cc:dd:ee:01'/></interface>", 0).name())
                t('defined', lambda: c.listDefinedInterfaces())
                t('create', lambda: c.interfaceLookupByName('eth2').create(0))
                t('create2', lambda: c.interfaceLookupByName('eth2').create(0))
                t('rollback', lambda: c.changeRollback(0))
                t('after', lambda: [x.name() for x in c.listAllInterfaces(0)])
                t('destroy', lambda: c.interfaceLookupByName('eth1').destroy(0))
                t('destroy2', lambda: c.interfaceLookupByName('eth1').destroy(0))
                t('active', lambda: c.interfaceLookupByName('eth1').isActive())
                """, (o, c) -> {
                o.t("list", c::listInterfaces);
                o.t("xml", () -> c.interfaceLookupByName("eth1").getXMLDesc(false));
                o.t("mac", () -> c.interfaceLookupByMACString("aa:bb:cc:dd:ee:ff").getName());
                o.run("commit0", c::interfaceChangeCommit);
                o.run("rollback0", c::interfaceChangeRollback);
                o.run("begin", c::interfaceChangeBegin);
                o.run("begin2", c::interfaceChangeBegin);
                o.t("define", () -> c.interfaceDefineXML("<interface type='ethernet' name='eth2'>"
                        + "<mac address='aa:bb:cc:dd:ee:01'/></interface>").getName());
                o.t("defined", c::listDefinedInterfaces);
                o.run("create", () -> c.interfaceLookupByName("eth2").create());
                o.run("create2", () -> c.interfaceLookupByName("eth2").create());
                o.run("rollback", c::interfaceChangeRollback);
                o.t("after", () -> c.listAllInterfaces().stream().map(x -> x.getName()).toList());
                o.run("destroy", () -> c.interfaceLookupByName("eth1").destroy());
                o.run("destroy2", () -> c.interfaceLookupByName("eth1").destroy());
                o.t("active", () -> c.interfaceLookupByName("eth1").isActive());
            }));
        s.add(new Scenario("unsupported kinds", """
                t('secrets', lambda: c.listAllSecrets(0))
                t('nwfilters', lambda: c.listAllNWFilters(0))
                """, (o, c) -> {
                o.t("secrets", () -> c.listAllSecrets());
                o.t("nwfilters", () -> c.listAllNWFilters());
            }));
        s.add(new Scenario("domain stats", PYDOM + """
                d = c.defineXML(DOM)
                t('states', lambda: ['%s=%s' % (dom.name(), st['state.state']) for dom, st in c.getAllDomainStats(1, 0)])
                t('active', lambda: [dom.name() for dom, st in c.getAllDomainStats(1, 1)])
                """, (o, c) -> {
                c.domainDefineXML(DOM);
                o.t("states", () -> c.getAllDomainStats(java.util.EnumSet.of(org.jvirt.flags.DomainStatsType.STATE))
                        .stream().map(r -> r.domain().getName() + "=" + r.params().get("state.state")).toList());
                o.t("active", () -> c.getAllDomainStats(java.util.EnumSet.of(org.jvirt.flags.DomainStatsType.STATE),
                        org.jvirt.flags.DomainStatsFlag.ACTIVE).stream().map(r -> r.domain().getName()).toList());
            }));
        return s;
    }

    static List<Integer> st(org.jvirt.Domain d) {
        var s = d.getState();
        return List.of(s.state().code(), s.reason());
    }

    static List<Long> poolInfo(org.jvirt.StoragePool p) {
        var i = p.getInfo();
        return List.of((long) i.state().code(), i.capacity(), i.allocation(), i.available());
    }

    @TestFactory
    Stream<DynamicTest> sameAsLibvirt() {
        return dynamicTests(scenarios());
    }

    /** One test per scenario: its steps on libvirt's test driver and on ours, outcomes compared step by step. */
    static Stream<DynamicTest> dynamicTests(List<Scenario> scenarios) {
        return scenarios.stream().map(sc -> DynamicTest.dynamicTest(sc.name(), () -> {
            Map<String, List<String>> real = RealLibvirt.run(sc.python());
            Map<String, List<String>> ours;
            try (Connect c = Connect.open("test:///default")) {
                Steps o = new Steps(c);
                sc.java().accept(o, c);
                ours = o.out;
            }
            assertEquals(real.keySet(), ours.keySet(), "same steps");
            List<String> diffs = new ArrayList<>();
            for (String k : real.keySet()) {
                if (!RealLibvirt.same(real.get(k), ours.get(k))) {
                    diffs.add(k + ":\n  libvirt: " + real.get(k) + "\n  jvirt:   " + ours.get(k));
                }
            }
            assertTrue(diffs.isEmpty(), String.join("\n", diffs));
        }));
    }
}
