package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real python3-libvirt 9.0 against jvirtd: the core calls, errors and an event callback. */
class PythonInteropTest {

    private static DaemonFixture fx;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Tools.hasPythonLibvirt(), "no python3-libvirt for /usr/bin/python3");
        fx = new DaemonFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private static final String CORE = """
            import sys, libvirt
            c = libvirt.open(sys.argv[1])
            assert c.getType() == 'TEST', c.getType()
            assert c.getLibVersion() == 9000000
            assert [d.name() for d in c.listAllDomains()] == ['test']
            d = c.lookupByName('test')
            assert d.info()[0] == libvirt.VIR_DOMAIN_RUNNING
            assert d.UUIDString() == '6695eb01-f6a4-8304-79aa-97f2502e193f'
            x = "<domain type='test'><name>py1</name><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>"
            p = c.defineXML(x)
            p.create()
            assert p.isActive() == 1 and p.ID() > 0
            p.destroy()
            p.undefine()
            try:
                c.lookupByName('py1')
                raise SystemExit('still there')
            except libvirt.libvirtError as e:
                assert e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN, e.get_error_code()
                assert e.get_error_domain() == libvirt.VIR_FROM_TEST, e.get_error_domain()
                assert e.get_error_message().startswith('Domain not found'), e.get_error_message()
            assert [n.name() for n in c.listAllNetworks()] == ['default']
            assert c.networkLookupByName('default').isActive() == 1
            pool = c.storagePoolLookupByName('default-pool')
            assert pool.info()[0] == libvirt.VIR_STORAGE_POOL_RUNNING
            pool.createXML("<volume><name>pyv.img</name><capacity>1048576</capacity></volume>")
            assert 'pyv.img' in pool.listVolumes()
            pool.storageVolLookupByName('pyv.img').delete()
            assert c.getHostname()
            c.close()
            print('OK')
            """;

    @Test
    void coreCalls() throws Exception {
        for (String uri : new String[] {fx.unixUri(), fx.tcpUri()}) {
            Tools.Result r = Tools.python(CORE, uri);
            assertEquals("OK", r.out().strip(), r::toString);
        }
    }

    private static final String EVENTS = """
            import sys, threading, libvirt
            libvirt.virEventRegisterDefaultImpl()
            def loop():
                while True:
                    libvirt.virEventRunDefaultImpl()
            threading.Thread(target=loop, daemon=True).start()
            c = libvirt.open(sys.argv[1])
            got = []
            done = threading.Event()
            def cb(conn, dom, event, detail, opaque):
                got.append((dom.name(), event, detail))
                if len(got) == 2:
                    done.set()
            cid = c.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, cb, None)
            other = libvirt.open(sys.argv[2])
            d = other.lookupByName('test')
            d.suspend()
            d.resume()
            assert done.wait(10), got
            c.domainEventDeregisterAny(cid)
            assert got == [('test', libvirt.VIR_DOMAIN_EVENT_SUSPENDED, 0), ('test', libvirt.VIR_DOMAIN_EVENT_RESUMED, 0)], got
            print('OK')
            """;

    @Test
    void eventCallback() throws Exception {
        Tools.Result r = Tools.python(EVENTS, fx.unixUri(), fx.tcpUri());
        assertEquals("OK", r.out().strip(), r::toString);
    }
}
