package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainIOThreadInfo;
import org.jvirt.DomainIOThreadParams;
import org.jvirt.ErrorNumber;
import org.jvirt.TypedParameter;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.testing.QemuTesting;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.flags.DomainXMLFlag;

/**
 * IOThreads of one booted test guest (TCG) with {@code <iothreads>2</iothreads>}, IOThread 2 pinned to CPU 0 and
 * a virtio disk on IOThread 1:
 * live add, pin, polling and worker-pool settings and delete, each checked against what QEMU reports
 * (query-iothreads, qom-get) and the thread's real affinity; the persistent config alongside; libvirt's errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class IOThreadsGuestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DomainModificationImpact CONFIG = DomainModificationImpact.CONFIG;

    private DriverFixture fx;
    private Connect conn;
    private Domain dom;

    @BeforeAll
    void bootGuest() throws Exception {
        QemuTesting.assumeQemu();
        fx = new DriverFixture();
        conn = fx.open();
        Path disk = fx.dir.resolve("iot-disk.img");
        assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "raw", disk.toString(), "4M")
                .inheritIO().start().waitFor());
        String xml = fx.guestXml("iot", "<disk type='file' device='disk'><driver name='qemu' type='raw' iothread='1'/>"
                + "<source file='" + disk + "'/><target dev='vda' bus='virtio'/></disk>")
                .replace("<vcpu>1</vcpu>", "<vcpu>1</vcpu><iothreads>2</iothreads>"
                        + "<cputune><iothreadpin iothread='2' cpuset='0'/></cputune>");
        dom = conn.domainDefineXML(xml);
        dom.create();
        fx.waitReady("iot");
    }

    @AfterAll
    void tearDown() throws Exception {
        try {
            if (dom != null) {
                if (dom.isActive()) {
                    dom.destroy();
                }
                dom.undefine();
            }
            if (conn != null) {
                conn.close();
            }
            if (fx != null) {
                fx.assertNoQemu();
            }
        } finally {
            if (fx != null) {
                fx.close();
            }
        }
    }

    private JsonNode qmp(String command, String args) throws Exception {
        String cmd = "{\"execute\":\"" + command + "\"" + (args == null ? "" : ",\"arguments\":" + args) + "}";
        return JSON.readTree(dom.qemuMonitorCommand(cmd)).path("return");
    }

    private JsonNode qemuIOThread(String id) throws Exception {
        for (JsonNode t : qmp("query-iothreads", null)) {
            if (t.path("id").asText().equals(id)) {
                return t;
            }
        }
        return null;
    }

    /** The ids, sorted: a running guest's come in QEMU's order (query-iothreads), as libvirt passes them on. */
    private static List<Integer> ids(List<DomainIOThreadInfo> info) {
        return info.stream().map(DomainIOThreadInfo::iothreadId).sorted().toList();
    }

    private static BitSet affinity(List<DomainIOThreadInfo> info, int id) {
        return info.stream().filter(i -> i.iothreadId() == id).findFirst().orElseThrow().cpumap();
    }

    private static BitSet online() throws Exception {
        return org.jvirt.conf.CpuSets.parse(Files.readString(Path.of("/sys/devices/system/cpu/online")).trim(), 8192);
    }

    @Test
    void liveAddPinTuneAndDelete() throws Exception {
        List<DomainIOThreadInfo> start = dom.getIOThreadInfo();
        assertEquals(List.of(1, 2), ids(start));
        assertEquals(online(), affinity(start, 1), "an unpinned IOThread runs where QEMU may");
        BitSet first = new BitSet();
        first.set(0);
        assertEquals(first, affinity(start, 2), "the definition's iothreadpin is applied as the guest starts");

        dom.addIOThread(5);
        assertTrue(qemuIOThread("iothread5") != null, qmp("query-iothreads", null).toString());
        assertEquals(List.of(1, 2, 5), ids(dom.getIOThreadInfo()));
        assertTrue(dom.getXMLDesc().contains("<iothread id='5'/>"), dom.getXMLDesc());
        assertFalse(dom.getXMLDesc(DomainXMLFlag.INACTIVE).contains("iothreadids"), "LIVE only");

        BitSet cpu0 = new BitSet();
        cpu0.set(0);
        dom.pinIOThread(5, cpu0);
        long tid = qemuIOThread("iothread5").path("thread-id").asLong();
        String status = Files.readString(Path.of("/proc/" + tid + "/status"));
        assertTrue(status.contains("Cpus_allowed_list:\t0\n"), status);
        assertEquals(cpu0, affinity(dom.getIOThreadInfo(), 5));
        assertTrue(dom.getXMLDesc().contains("<iothreadpin iothread='5' cpuset='0'/>"), dom.getXMLDesc());

        dom.setIOThreadParams(5, List.of(TypedParameter.ofUllong(DomainIOThreadParams.POLL_MAX_NS, 1000),
                TypedParameter.ofUint(DomainIOThreadParams.POLL_GROW, 2)));
        JsonNode t5 = qemuIOThread("iothread5");
        assertEquals(1000, t5.path("poll-max-ns").asLong(), t5.toString());
        assertEquals(2, t5.path("poll-grow").asLong(), t5.toString());

        dom.setIOThreadParams(5, List.of(TypedParameter.ofInt(DomainIOThreadParams.THREAD_POOL_MIN, 1),
                TypedParameter.ofInt(DomainIOThreadParams.THREAD_POOL_MAX, 4)));
        assertEquals(4, qmp("qom-get", "{\"path\":\"/objects/iothread5\",\"property\":\"thread-pool-max\"}").asLong());
        assertEquals(1, qmp("qom-get", "{\"path\":\"/objects/iothread5\",\"property\":\"thread-pool-min\"}").asLong());
        assertTrue(dom.getXMLDesc().contains("<iothread id='5' thread_pool_min='1' thread_pool_max='4'/>"),
                dom.getXMLDesc());

        VirtException inUse = assertThrows(VirtException.class, () -> dom.delIOThread(1));
        assertEquals("invalid argument: cannot remove IOThread 1 since it is being used by disk 'vda'",
                inUse.getMessage());

        dom.delIOThread(5);
        assertEquals(null, qemuIOThread("iothread5"));
        assertEquals(List.of(1, 2), ids(dom.getIOThreadInfo()));
        assertFalse(dom.getXMLDesc().contains("<iothreadpin iothread='5'"), dom.getXMLDesc());
    }

    @Test
    void persistentConfigAndErrors() throws Exception {
        dom.addIOThread(3, CONFIG);
        assertEquals(List.of(1, 2, 3), ids(dom.getIOThreadInfo(CONFIG)));
        assertEquals(online(), affinity(dom.getIOThreadInfo(CONFIG), 3));
        assertTrue(dom.getXMLDesc(DomainXMLFlag.INACTIVE).contains("<iothread id='3'/>"));
        assertEquals(null, qemuIOThread("iothread3"), "CONFIG only");

        VirtException dup = assertThrows(VirtException.class, () -> dom.addIOThread(3, CONFIG));
        assertEquals("invalid argument: an IOThread is already using iothread_id '3'", dup.getMessage());
        VirtException poll = assertThrows(VirtException.class, () -> dom.setIOThreadParams(2,
                List.of(TypedParameter.ofUllong(DomainIOThreadParams.POLL_MAX_NS, 10)), CONFIG));
        assertEquals(ErrorNumber.OPERATION_UNSUPPORTED.code(), poll.error().code());
        assertTrue(poll.getMessage().endsWith("configuring persistent polling values is not supported"),
                poll.getMessage());
        BitSet cpu0 = new BitSet();
        cpu0.set(0);
        VirtException missing = assertThrows(VirtException.class, () -> dom.pinIOThread(9, cpu0));
        assertEquals("invalid argument: iothread 9 not found", missing.getMessage());
        VirtException zero = assertThrows(VirtException.class, () -> dom.addIOThread(0));
        assertEquals("invalid argument: invalid value of 0 for iothread_id", zero.getMessage());
        VirtException pool = assertThrows(VirtException.class, () -> dom.setIOThreadParams(2,
                List.of(TypedParameter.ofInt(DomainIOThreadParams.THREAD_POOL_MAX, 0))));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED.code(), pool.error().code());

        dom.pinIOThread(3, cpu0, CONFIG);
        assertTrue(dom.getXMLDesc(DomainXMLFlag.INACTIVE).contains("<iothreadpin iothread='3' cpuset='0'/>"));
        dom.delIOThread(3, CONFIG);
        assertEquals(List.of(1, 2), ids(dom.getIOThreadInfo(CONFIG)));
        assertFalse(dom.getXMLDesc(DomainXMLFlag.INACTIVE).contains("<iothreadpin iothread='3'"));
    }
}
