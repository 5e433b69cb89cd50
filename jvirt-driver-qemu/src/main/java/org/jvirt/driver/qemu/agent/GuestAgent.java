package org.jvirt.driver.qemu.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.chardev.CharDevices;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.xml.domain.CharDeviceXml;

/**
 * A running guest's qemu-ga, as libvirt's qemu_agent.c uses it: available only while the domain runs and the
 * guest has the agent's virtio port open (the channel's state, from QEMU's VSERPORT_CHANGE), one command at a
 * time per guest, each resynchronised first, and bounded by a timeout. libvirt's words for each failure.
 */
public final class GuestAgent {

    /** libvirt's QEMU_AGENT_WAIT_TIME: how long a command waits by default (VIR_DOMAIN_QEMU_AGENT_COMMAND_DEFAULT). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK: no limit; a day stands for it. */
    public static final int TIMEOUT_BLOCK = -2;
    public static final int TIMEOUT_DEFAULT = -1;
    public static final int TIMEOUT_NOWAIT = 0;

    private final Map<DomainRun, ReentrantLock> locks = new WeakHashMap<>();

    /** Whether the agent can take a command now (libvirt's priv->agent != NULL): shutdown prefers it then. */
    public boolean isConnected(DomainObj dom) {
        synchronized (dom) {
            DomainRun run = dom.run();
            if (run == null || dom.state().state() != DomainState.RUNNING) {
                return false;
            }
            return CharDevices.agentChannel(run.liveDef()).map(c -> "connected".equals(c.targetAttr("state")))
                    .orElse(false);
        }
    }

    /** Runs one agent command and returns its "return" member. */
    public JsonNode execute(DomainObj dom, String command, ObjectNode arguments, Duration timeout) {
        try {
            return withAgent(dom, timeout, conn -> conn.execute(command, arguments, timeout));
        } catch (AgentConnection.Unsupported u) {
            throw u.error;
        }
    }

    /** As {@link #execute}, but null when qemu-ga lacks the command and {@code reportUnsupported} is false. */
    public JsonNode executeIfSupported(DomainObj dom, String command, ObjectNode arguments,
            boolean reportUnsupported) {
        try {
            return withAgent(dom, DEFAULT_TIMEOUT, conn -> conn.execute(command, arguments, DEFAULT_TIMEOUT));
        } catch (AgentConnection.Unsupported u) {
            if (reportUnsupported) {
                throw u.error;
            }
            return null;
        }
    }

    /** A command without reply (guest-shutdown): sent once the agent is in sync. */
    public void sendOnly(DomainObj dom, String command, ObjectNode arguments) {
        withAgent(dom, DEFAULT_TIMEOUT, conn -> {
            conn.sendOnly(command, arguments);
            return null;
        });
    }

    /** virDomainGetTime: guest-get-time's nanoseconds as libvirt's seconds and nanoseconds. */
    public long[] getTime(DomainObj dom) {
        dom.requireRun();
        long ns = execute(dom, "guest-get-time", null, DEFAULT_TIMEOUT).asLong();
        return new long[] {Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)};
    }

    /** virDomainSetTime: a given time, or with VIR_DOMAIN_TIME_SYNC (1) the guest's RTC (guest-set-time). */
    public void setTime(DomainObj dom, long seconds, int nseconds, int flags) {
        if ((flags & ~1) != 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x%x) in function qemuDomainSetTime", flags & ~1);
        }
        dom.requireRun();
        ObjectNode args = null;
        if ((flags & 1) == 0) {
            if (seconds > Long.MAX_VALUE / 1_000_000_000L) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                        "Time '%d' is too big for guest agent", seconds);
            }
            args = QemuJson.mapper().createObjectNode().put("time", seconds * 1_000_000_000L + nseconds);
        }
        execute(dom, "guest-set-time", args, DEFAULT_TIMEOUT);
    }

    /**
     * virDomainQemuAgentCommand: a JSON command as the user wrote it, the reply as qemu-ga wrote it.
     *
     * @param timeoutSeconds libvirt's timeout: -2 block, -1 default, 0 no wait, or seconds
     */
    public String passthrough(DomainObj dom, String commandJson, int timeoutSeconds) {
        JsonNode msg;
        try {
            msg = QemuJson.mapper().readTree(commandJson);
        } catch (IOException e) {
            msg = null;
        }
        if (!(msg instanceof ObjectNode) || !msg.hasNonNull("execute")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR, "cannot parse json %s: %s",
                    commandJson, "not a command object");
        }
        Duration timeout = switch (timeoutSeconds) {
            case TIMEOUT_BLOCK -> Duration.ofDays(1);
            case TIMEOUT_DEFAULT -> DEFAULT_TIMEOUT;
            case TIMEOUT_NOWAIT -> Duration.ofMillis(1);
            default -> {
                if (timeoutSeconds < TIMEOUT_BLOCK) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                            "guest agent timeout '%d' is less than the minimum '%d'", timeoutSeconds, -2);
                }
                yield Duration.ofSeconds(timeoutSeconds);
            }
        };
        JsonNode command = msg;
        try {
            return withAgent(dom, DEFAULT_TIMEOUT, conn -> conn.passthrough(command, timeout));
        } catch (AgentConnection.Unsupported u) {
            throw u.error;
        }
    }

    private <T> T withAgent(DomainObj dom, Duration syncTimeout, java.util.function.Function<AgentConnection, T> f) {
        DomainRun run;
        Path socket;
        synchronized (dom) {
            run = dom.run();
            if (run == null || dom.state().state() != DomainState.RUNNING) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID, "domain is not running");
            }
            CharDeviceXml channel = CharDevices.agentChannel(run.liveDef()).orElseThrow(() -> VirtException.of(
                    ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED, "QEMU guest agent is not configured"));
            String path = channel.sourceAttr(null, "path");
            if (path == null || !"connected".equals(channel.targetAttr("state"))) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.AGENT_UNRESPONSIVE,
                        "QEMU guest agent is not connected");
            }
            socket = Path.of(path);
        }
        ReentrantLock lock;
        synchronized (locks) {
            lock = locks.computeIfAbsent(run, r -> new ReentrantLock());
        }
        lock.lock();
        try (AgentConnection conn = AgentConnection.open(socket)) {
            conn.sync(syncTimeout.compareTo(DEFAULT_TIMEOUT) < 0 ? syncTimeout : DEFAULT_TIMEOUT);
            return f.apply(conn);
        } finally {
            lock.unlock();
        }
    }
}
