package org.jvirt.driver.qemu.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Base64;
import org.jvirt.Connect;
import org.jvirt.driver.qemu.monitor.QmpCommandException;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.xml.domain.DiskXml;

/**
 * A hot-plugged encrypted disk's secret: the same {@code secret} object a cold start creates from a file, here
 * added through the monitor ({@code object-add} with {@code format=base64,data=...}: QMP is a private socket, and
 * the monitor logs no command), before the block nodes that use it, and deleted with them.
 */
public final class QmpSecrets {

    private static final ObjectMapper JSON = new ObjectMapper();

    private QmpSecrets() {
    }

    /** Adds disk {@code d}'s secret object (if it is encrypted), runs {@code body}, and takes it back if that fails. */
    public static void around(QmpMonitor mon, DiskXml d, String formatNode, String secretUri, Runnable body) {
        LuksEncryption enc = LuksEncryption.of(d).orElse(null);
        if (enc == null) {
            body.run();
            return;
        }
        String id = LuksEncryption.objectId(formatNode);
        byte[] value;
        try (Connect c = Connect.open(secretUri)) {
            value = enc.value(c);
        }
        ObjectNode args = JSON.createObjectNode().put("qom-type", "secret").put("id", id).put("format", "base64")
                .put("data", Base64.getEncoder().encodeToString(value));
        Arrays.fill(value, (byte) 0);
        mon.execute("object-add", args);
        try {
            body.run();
        } catch (RuntimeException e) {
            release(mon, formatNode);
            throw e;
        }
    }

    /** Deletes the secret object of format node {@code formatNode}, if QEMU has one. */
    public static void release(QmpMonitor mon, String formatNode) {
        String id = LuksEncryption.objectId(formatNode);
        try {
            JsonNode objs = mon.execute("qom-list", JSON.createObjectNode().put("path", "/objects"));
            for (JsonNode o : objs) {
                if (id.equals(o.path("name").asText())) {
                    mon.execute("object-del", JSON.createObjectNode().put("id", id));
                }
            }
        } catch (QmpCommandException e) {
            // the block nodes are gone; a secret object left over holds nothing QEMU uses
        }
    }
}
