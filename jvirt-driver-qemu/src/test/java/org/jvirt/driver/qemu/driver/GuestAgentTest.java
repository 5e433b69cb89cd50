package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEvent;
import org.jvirt.event.DomainEventId;
import org.jvirt.event.EventRegistration;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainShutdownFlag;

/**
 * The guest agent for real: the test guest runs Debian's qemu-ga on the org.qemu.guest_agent.0 port of a
 * virt-install style guest. The driver follows the port (VSERPORT_CHANGE: the channel's state, agent lifecycle
 * events), passes commands through (libvirt-qemu's qemu-agent-command) and shuts the guest down through it.
 */
class GuestAgentTest extends FreshDriverTest {

    static final String AGENT_DEVICES = """
            <serial type='pty'><target type='isa-serial' port='0'><model name='isa-serial'/></target></serial>
            <console type='pty'><target type='serial' port='0'/></console>
            <channel type='unix'><source mode='bind'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
            """;

    private String xml(String name, String devices) throws Exception {
        return fx.guestXml(name, devices).replaceFirst("<serial type='file'>.*?</serial>", "");
    }

    @Test
    @Timeout(150)
    void agentConnectsAnswersAndShutsTheGuestDown() throws Exception {
        BlockingQueue<DomainEvent.AgentLifecycle> events = new LinkedBlockingQueue<>();
        try (Connect c = fx.open();
                EventRegistration reg = c.domainEventRegister(DomainEventId.AGENT_LIFECYCLE, null,
                        (dom, ev) -> events.add((DomainEvent.AgentLifecycle) ev))) {
            long t0 = System.nanoTime();
            Domain d = c.domainDefineXML(xml("ga1", AGENT_DEVICES)); // persistent: it stays to be looked at
            d.create();
            DomainEvent.AgentLifecycle connected = events.poll(90, TimeUnit.SECONDS);
            assertEquals(new DomainEvent.AgentLifecycle(1, 2), connected, "connected, reason channel");
            System.out.printf("MEASURE guest agent connected %d ms after createXML%n",
                    (System.nanoTime() - t0) / 1_000_000);
            assertTrue(d.getXMLDesc().contains("name='org.qemu.guest_agent.0' state='connected'"), d.getXMLDesc());

            assertEquals("{\"return\":{}}", d.qemuAgentCommand("{\"execute\":\"guest-ping\"}",
                    Domain.AGENT_COMMAND_DEFAULT));
            long p0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                d.qemuAgentCommand("{\"execute\":\"guest-ping\"}", -1);
            }
            System.out.printf("MEASURE guest-ping through qemuAgentCommand: %.1f ms per call (20 calls, TCG guest)%n",
                    (System.nanoTime() - p0) / 20e6);
            String info = d.qemuAgentCommand("{\"execute\":\"guest-info\"}", 10);
            assertTrue(info.contains("\"version\":\"7.2"), info);
            String os = d.qemuAgentCommand("{\"execute\":\"guest-get-osinfo\"}", Domain.AGENT_COMMAND_BLOCK);
            assertTrue(os.contains("\"id\":\"jvirt-testguest\""), os);
            VirtException bad = assertThrows(VirtException.class,
                    () -> d.qemuAgentCommand("{\"execute\":\"guest-no-such-command\"}", -1));
            assertEquals(ErrorNumber.INTERNAL_ERROR, bad.number());
            assertTrue(bad.getMessage().startsWith(
                    "internal error: unable to execute QEMU agent command 'guest-no-such-command': "), bad.getMessage());
            VirtException notJson = assertThrows(VirtException.class, () -> d.qemuAgentCommand("guest-ping", -1));
            assertTrue(notJson.getMessage().contains("cannot parse json guest-ping"), notJson.getMessage());

            // domtime: the guest's clock is the host's (rtc base=utc); set it, then re-read it from the RTC
            long host = java.time.Instant.now().getEpochSecond();
            assertTrue(Math.abs(d.getTime().getEpochSecond() - host) < 120, d.getTime() + " vs " + host);
            d.setTime(java.time.Instant.ofEpochSecond(2_000_000_000L, 5));
            long set = d.getTime().getEpochSecond();
            assertTrue(set >= 2_000_000_000L && set < 2_000_000_060L, "set: " + set);
            d.setTime(null, org.jvirt.flags.DomainSetTimeFlag.SYNC);
            long synced = d.getTime().getEpochSecond();
            assertTrue(synced >= 2_000_000_000L && synced < 2_000_000_120L, "qemu-ga wrote the RTC too: " + synced);

            // guestinfo: every category by default, one when asked; typed parameters named as libvirt's
            java.util.Map<String, Object> gi = d.getGuestInfo();
            assertEquals("jvirt-testguest", gi.get("os.id"), gi.toString());
            assertEquals("jvirt test guest 1", gi.get("os.pretty-name"), gi.toString());
            assertTrue(gi.containsKey("timezone.offset") && gi.containsKey("hostname") && gi.containsKey("fs.count")
                    && gi.containsKey("if.count") && gi.containsKey("user.count"), gi.toString());
            java.util.Map<String, Object> osOnly = d.getGuestInfo(org.jvirt.flags.DomainGuestInfoType.OS);
            assertTrue(osOnly.keySet().stream().allMatch(k -> k.startsWith("os.")), osOnly.toString());
            // guestvcpus: one vCPU, online, and the boot CPU cannot go offline
            assertEquals(java.util.Map.of("vcpus", "0", "online", "0", "offlinable", ""), d.getGuestVcpus());
            VirtException cpu0 = assertThrows(VirtException.class, () -> d.setGuestVcpus("0", false));
            assertEquals("Operation not supported: vCPU '0' is not offlinable", cpu0.getMessage());
            VirtException missing = assertThrows(VirtException.class, () -> d.setGuestVcpus("1-2", true));
            assertEquals("invalid argument: guest is missing vCPUs '1-2'", missing.getMessage());
            d.setGuestVcpus("0", true);

            // the guest's loopback, as qemu-ga reports it: down, without addresses (tg.net=0 leaves it so)
            java.util.List<org.jvirt.DomainInterface> ifaces = d.interfaceAddresses(org.jvirt.DomainInterfaceAddressesSource.AGENT);
            org.jvirt.DomainInterface lo = ifaces.stream().filter(i -> i.name().equals("lo")).findFirst()
                    .orElseThrow(() -> new AssertionError(ifaces.toString()));
            assertEquals(new org.jvirt.DomainInterface("lo", "00:00:00:00:00:00", java.util.List.of()), lo);
            VirtException arp = assertThrows(VirtException.class,
                    () -> d.interfaceAddresses(org.jvirt.DomainInterfaceAddressesSource.ARP));
            assertEquals(ErrorNumber.NO_SUPPORT, arp.number());

            long t1 = System.nanoTime();
            d.shutdown(DomainShutdownFlag.GUEST_AGENT);
            DriverFixture.waitState(d, DomainState.SHUTOFF, Duration.ofSeconds(60));
            System.out.printf("MEASURE shutdown --mode agent to shut off: %d ms%n",
                    (System.nanoTime() - t1) / 1_000_000);
            assertEquals("shutdown", d.getState().reasonName());
            assertTrue(d.getXMLDesc().contains("<target type='virtio' name='org.qemu.guest_agent.0'/>"),
                    "the inactive XML keeps no state or socket path: " + d.getXMLDesc());
            d.undefine();
        }
    }

    @Test
    @Timeout(150)
    void filesystemsPasswordsAndSshKeysThroughTheAgent() throws Exception {
        java.nio.file.Path img = fx.dir.resolve("data.raw");
        assertEquals(0, new ProcessBuilder("truncate", "-s", "32M", img.toString()).inheritIO().start().waitFor());
        assertEquals(0, new ProcessBuilder("mkfs.ext4", "-q", "-F", img.toString()).inheritIO().start().waitFor());
        String disk = "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + img
                + "'/><target dev='vdb' bus='virtio'/></disk>";
        try (Connect c = fx.open()) {
            Domain d = c.domainCreateXML(xml("ga4", disk + AGENT_DEVICES));
            try (GuestConsole con = GuestConsole.open(c, d)) {
                con.waitFor("TESTGUEST-READY token=" + fx.token, 0, Duration.ofSeconds(60));
                con.run("mkdir -p /mnt && mount -t ext4 /dev/vda /mnt", Duration.ofSeconds(30));
                DriverFixture.waitFor(Duration.ofSeconds(60), () -> agentUp(d), () -> "no agent");

                java.util.List<org.jvirt.DomainFSInfo> fs = d.getFSInfo();
                org.jvirt.DomainFSInfo mnt = fs.stream().filter(f -> f.mountpoint().equals("/mnt")).findFirst()
                        .orElseThrow(() -> new AssertionError(fs.toString()));
                assertEquals("ext4", mnt.fstype());
                assertEquals("vda", mnt.name());
                assertEquals(java.util.List.of("vdb"), mnt.devAliases(), "the guest's vda is the domain's vdb");

                assertEquals(1, d.fsFreeze(java.util.List.of("/mnt")));
                assertTrue(d.qemuAgentCommand("{\"execute\":\"guest-fsfreeze-status\"}", -1).contains("frozen"));
                VirtException some = assertThrows(VirtException.class, () -> d.fsThaw(java.util.List.of("/mnt")));
                assertEquals("argument unsupported: specifying mountpoints is not supported", some.getMessage());
                assertEquals(1, d.fsThaw(null));
                assertTrue(d.fsFreeze(null) >= 1);
                assertTrue(d.fsThaw(null) >= 1);
                d.fsTrim(null, 0);
                VirtException trimAt = assertThrows(VirtException.class, () -> d.fsTrim("/mnt", 0));
                assertEquals(ErrorNumber.ARGUMENT_UNSUPPORTED, trimAt.number());

                con.run("ip link set lo up", Duration.ofSeconds(30));
                org.jvirt.DomainInterface lo = d.interfaceAddresses(org.jvirt.DomainInterfaceAddressesSource.AGENT).stream()
                        .filter(i -> i.name().equals("lo")).findFirst().orElseThrow();
                assertTrue(lo.addrs().contains(new org.jvirt.DomainInterface.Address(0, "127.0.0.1", 8)), lo.toString());

                int mark = con.mark();
                d.setUserPassword("root", "s3cret-pw", false);
                con.waitFor("TESTGUEST-PASSWORD user=root", mark, Duration.ofSeconds(30));
                String shadow = con.run("cut -d: -f2 /etc/shadow", Duration.ofSeconds(30));
                assertTrue(shadow.startsWith("$6$"), "sha512-crypted in the guest: " + shadow);

                String k1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBkvpzJ0i9hc6KUVI6tA8/SynNNKeYlL1wWxRHIH0lQm one@test";
                String k2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE0nM5mYwlb1YoGkt9hG6pFNC9hW5VjnG1VBvzxXCJTi two@test";
                d.authorizedSSHKeysSet("root", java.util.List.of(k1));
                assertEquals(java.util.List.of(k1), d.authorizedSSHKeysGet("root"));
                d.authorizedSSHKeysSet("root", java.util.List.of(k2),
                        org.jvirt.flags.DomainAuthorizedSSHKeysSetFlag.APPEND);
                assertEquals(java.util.Set.of(k1, k2), java.util.Set.copyOf(d.authorizedSSHKeysGet("root")));
                d.authorizedSSHKeysSet("root", java.util.List.of(k1),
                        org.jvirt.flags.DomainAuthorizedSSHKeysSetFlag.REMOVE);
                assertEquals(java.util.List.of(k2), d.authorizedSSHKeysGet("root"));
                assertTrue(con.run("cat /root/.ssh/authorized_keys", Duration.ofSeconds(30)).contains("two@test"));
            }
            d.destroy();
        }
    }

    private static boolean agentUp(Domain d) {
        try {
            d.qemuAgentCommand("{\"execute\":\"guest-ping\"}", -1);
            return true;
        } catch (VirtException e) {
            return false;
        }
    }

    @Test
    @Timeout(60)
    void withoutAChannelOrARunningGuestTheAgentIsRefusedAsLibvirtDoes() throws Exception {
        try (Connect c = fx.open()) {
            Domain plain = c.domainCreateXML(xml("ga2", "<serial type='pty'><target port='0'/></serial>"),
                    DomainCreateFlag.START_PAUSED);
            plain.resume();
            VirtException none = assertThrows(VirtException.class, () -> plain.shutdown(DomainShutdownFlag.GUEST_AGENT));
            assertEquals(ErrorNumber.ARGUMENT_UNSUPPORTED, none.number());
            assertEquals("argument unsupported: QEMU guest agent is not configured", none.getMessage());
            VirtException cmd = assertThrows(VirtException.class,
                    () -> plain.qemuAgentCommand("{\"execute\":\"guest-ping\"}", -1));
            assertEquals(ErrorNumber.ARGUMENT_UNSUPPORTED, cmd.number());
            plain.destroy();

            Domain paused = c.domainCreateXML(xml("ga3", AGENT_DEVICES), DomainCreateFlag.START_PAUSED);
            VirtException notRunning = assertThrows(VirtException.class,
                    () -> paused.qemuAgentCommand("{\"execute\":\"guest-ping\"}", -1));
            assertEquals(ErrorNumber.OPERATION_INVALID, notRunning.number());
            assertEquals("Requested operation is not valid: domain is not running", notRunning.getMessage());
            paused.resume();
            // running, but qemu-ga has not opened its port yet: libvirt's "not connected"
            VirtException notConnected = assertThrows(VirtException.class,
                    () -> paused.qemuAgentCommand("{\"execute\":\"guest-ping\"}", -1));
            assertEquals(ErrorNumber.AGENT_UNRESPONSIVE, notConnected.number());
            assertEquals("Guest agent is not responding: QEMU guest agent is not connected",
                    notConnected.getMessage());
            paused.destroy();
        }
    }
}
