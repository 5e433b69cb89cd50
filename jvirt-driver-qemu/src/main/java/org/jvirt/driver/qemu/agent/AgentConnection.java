package org.jvirt.driver.qemu.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;

/**
 * One exchange with qemu-ga over the host end of its virtio channel (a unix socket QEMU listens on): connect,
 * resynchronise with {@code guest-sync-delimited} (the agent may hold a half-read command or a stale reply from
 * an earlier client), send one command, read its reply. qemu-ga answers one command at a time, so callers hold
 * the domain's agent lock. Every wait is bounded; nothing waits on the guest forever unless asked to.
 */
final class AgentConnection implements AutoCloseable {

    /** libvirt's QEMU_AGENT_MAX_RESPONSE. */
    static final int MAX_RESPONSE = 10 * 1024 * 1024;

    /** The byte qemu-ga puts before its guest-sync-delimited reply, and that resets its parser when sent. */
    private static final int DELIMITER = 0xff;

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private AgentConnection(SocketChannel channel, Selector selector) {
        this.channel = channel;
        this.selector = selector;
    }

    static AgentConnection open(Path socket) {
        try {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ch.configureBlocking(false);
                Selector sel = Selector.open();
                ch.register(sel, SelectionKey.OP_READ);
                return new AgentConnection(ch, sel);
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.AGENT_UNRESPONSIVE,
                    "QEMU guest agent is not connected");
        }
    }

    /** guest-sync-delimited with a fresh id: replies before the delimiter, or with another id, are stale. */
    void sync(Duration timeout) {
        long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE >> 12);
        ObjectNode msg = QemuJson.mapper().createObjectNode().put("execute", "guest-sync-delimited");
        msg.putObject("arguments").put("id", id);
        long deadline = System.nanoTime() + timeout.toNanos();
        write(new byte[] {(byte) DELIMITER});
        send(msg);
        while (true) {
            if (!skipToDelimiter(deadline)) {
                throw notAvailable();
            }
            JsonNode reply = readReply(deadline);
            if (reply == null) {
                throw notAvailable();
            }
            if (reply.path("return").asLong(-1) == id) {
                return;
            }
        }
    }

    /** Sends a command and returns its "return" member; qemu-ga's error becomes libvirt's. */
    JsonNode execute(String command, ObjectNode arguments, Duration timeout) {
        ObjectNode msg = QemuJson.mapper().createObjectNode().put("execute", command);
        if (arguments != null) {
            msg.set("arguments", arguments);
        }
        send(msg);
        JsonNode reply = readReply(System.nanoTime() + timeout.toNanos());
        if (reply == null) {
            throw notAvailable();
        }
        return checked(command, reply);
    }

    /** Sends a raw JSON command (libvirt-qemu's passthrough) and returns the whole reply as QEMU's text. */
    String passthrough(JsonNode msg, Duration timeout) {
        send(msg);
        JsonNode reply = readReply(System.nanoTime() + timeout.toNanos());
        if (reply == null) {
            throw notAvailable();
        }
        checked(msg.path("execute").asText(), reply);
        return reply.toString();
    }

    /** Sends a command that has no reply (guest-shutdown): success is the guest going away. */
    void sendOnly(String command, ObjectNode arguments) {
        ObjectNode msg = QemuJson.mapper().createObjectNode().put("execute", command);
        if (arguments != null) {
            msg.set("arguments", arguments);
        }
        send(msg);
    }

    static JsonNode checked(String command, JsonNode reply) {
        JsonNode err = reply.get("error");
        if (err != null) {
            String desc = err.path("desc").asText(err.path("class").asText("unknown error"));
            VirtException e = VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "unable to execute QEMU agent command '%s': %s", command, desc);
            String klass = err.path("class").asText("");
            if (klass.equals("CommandNotFound") || klass.equals("CommandDisabled")) {
                throw new Unsupported(e);
            }
            throw e;
        }
        if (!reply.has("return")) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                    "unable to execute QEMU agent command '%s': %s", command, "no return value");
        }
        return reply.get("return");
    }

    /** qemu-ga does not have the command (libvirt's -2): some callers carry on without it. */
    static final class Unsupported extends RuntimeException {
        final transient VirtException error;

        Unsupported(VirtException error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    private void send(JsonNode msg) {
        write((msg.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            while (b.hasRemaining()) {
                if (channel.write(b) == 0) {
                    Thread.onSpinWait();
                }
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.AGENT_UNRESPONSIVE,
                    "QEMU guest agent is not connected");
        }
    }

    /** Drops input up to and including the delimiter; false on timeout or end of input. */
    private boolean skipToDelimiter(long deadline) {
        while (true) {
            byte[] have = pending.toByteArray();
            for (int i = 0; i < have.length; i++) {
                if ((have[i] & 0xff) == DELIMITER) {
                    pending.reset();
                    pending.write(have, i + 1, have.length - i - 1);
                    return true;
                }
            }
            pending.reset();
            if (!fill(deadline)) {
                return false;
            }
        }
    }

    /** The next JSON line (blank lines skipped), or null on timeout or end of input. */
    private JsonNode readReply(long deadline) {
        while (true) {
            byte[] have = pending.toByteArray();
            for (int i = 0; i < have.length; i++) {
                if (have[i] == '\n') {
                    String line = new String(have, 0, i, StandardCharsets.UTF_8).strip();
                    pending.reset();
                    pending.write(have, i + 1, have.length - i - 1);
                    if (line.isEmpty()) {
                        return readReply(deadline);
                    }
                    try {
                        return QemuJson.mapper().readTree(line);
                    } catch (IOException e) {
                        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                                "cannot parse json %s: %s", line, e.getMessage());
                    }
                }
            }
            if (!fill(deadline)) {
                return null;
            }
        }
    }

    /** Reads what is there, waiting until the deadline; false on timeout or end of input. */
    private boolean fill(long deadline) {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                selector.select(left);
                selector.selectedKeys().clear();
                int n = channel.read(buf);
                if (n < 0) {
                    return false;
                }
                if (n > 0) {
                    if (pending.size() + n > MAX_RESPONSE) {
                        // the guest controls the agent: a reply without end costs 10 MiB at most
                        pending.reset();
                        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                                "No complete agent response found in %d bytes: Numerical result out of range",
                                MAX_RESPONSE);
                    }
                    pending.write(buf.array(), 0, n);
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
    }

    private static VirtException notAvailable() {
        return VirtException.of(ErrorDomain.QEMU, ErrorNumber.AGENT_UNRESPONSIVE,
                "Guest agent not available for now");
    }

    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing held
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }
}
