package org.jvirt.driver.qemu.chardev;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.xml.domain.CharDeviceXml;
import org.jvirt.xml.domain.DomainXml;

/**
 * The chardev backends as QEMU reports them, and what the live definition shows of them: the pty QEMU
 * allocated ({@code <source path>}, and {@code tty} on a console) and whether the guest has a virtio channel
 * open ({@code <target state='connected|disconnected'>}), as libvirt's qemuProcessRefreshChardev* do.
 */
public final class ChardevState {

    /**
     * One backend.
     *
     * @param filename     QEMU's description: {@code pty:/dev/pts/3}, {@code unix:/path,server=on}, ...
     * @param frontendOpen whether the guest side has the device open (a virtio port the guest opened)
     */
    public record Backend(String filename, boolean frontendOpen) {
        /** The pty's path, or null for another kind of backend. */
        public String pty() {
            return filename.startsWith("pty:") ? filename.substring(4) : null;
        }
    }

    private ChardevState() {
    }

    /** Every backend by its id ({@code charserial0}, ...). */
    public static Map<String, Backend> query(QmpMonitor monitor) {
        Map<String, Backend> m = new HashMap<>();
        for (JsonNode c : monitor.execute("query-chardev")) {
            m.put(c.path("label").asText(), new Backend(c.path("filename").asText(""),
                    c.path("frontend-open").asBoolean(false)));
        }
        return m;
    }

    /** Writes pty paths and channel states into the run's live definition; called once QEMU is up. */
    public static void refresh(DomainObj dom, DomainRun run) {
        Map<String, Backend> backends = query(run.process().monitor());
        synchronized (dom) {
            apply(run.liveDef(), backends);
        }
    }

    static void apply(DomainXml live, Map<String, Backend> backends) {
        for (CharDeviceXml c : CharDevices.all(live)) {
            if (c.alias() == null) {
                continue;
            }
            Backend b = backends.get("char" + c.alias());
            if (b == null) {
                continue;
            }
            String pty = b.pty();
            if (pty != null && (c.type() == null || c.type().equals("pty"))) {
                c.sourcePath(pty);
                if (c.deviceKind().equals("console")) {
                    c.tty(pty);
                }
            }
            if (c.deviceKind().equals("channel") && "virtio".equals(c.targetType())) {
                c.targetAttr("state", b.frontendOpen() ? "connected" : "disconnected");
            }
        }
    }

    /**
     * VSERPORT_CHANGE: a guest opened or closed a virtio port. Updates the channel's state and returns the
     * channel, or null when the port is not a channel of this run.
     */
    public static CharDeviceXml onPortChange(DomainObj dom, DomainRun run, String id, boolean open) {
        synchronized (dom) {
            if (dom.run() != run || id == null) {
                return null;
            }
            CharDeviceXml c = CharDevices.byAlias(run.liveDef(), id).orElse(null);
            if (c == null || !c.deviceKind().equals("channel")) {
                return null;
            }
            c.targetAttr("state", open ? "connected" : "disconnected");
            return c;
        }
    }
}
