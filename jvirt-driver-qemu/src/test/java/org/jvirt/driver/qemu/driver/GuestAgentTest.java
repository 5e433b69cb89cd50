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
