package org.jvirt.driver.qemu.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jvirt.Connect;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.monitor.QmpCommandException;
import org.jvirt.driver.qemu.monitor.QmpMonitor;

/**
 * A hot-plugged disk's secrets ({@link DiskSecret}: its login, its LUKS passphrase): the same {@code secret}
 * objects a cold start creates from files, here added through the monitor ({@code object-add} with
 * {@code format=base64,data=...}: QMP is a private socket, and the monitor logs no command), before the block
 * nodes that use them, and deleted with them.
 */
public final class QmpSecrets {

    private QmpSecrets() {
    }

    /** Adds the secret objects {@code secrets}, runs {@code body}, and takes them back if that fails. */
    public static void around(QmpMonitor mon, List<DiskSecret> secrets, String secretUri, Runnable body) {
        if (secrets.isEmpty()) {
            body.run();
            return;
        }
        List<String> added = new ArrayList<>();
        try {
            try (Connect c = Connect.open(secretUri)) {
                for (DiskSecret s : secrets) {
                    byte[] value = s.secret().value(c);
                    ObjectNode args = QemuJson.mapper().createObjectNode().put("qom-type", "secret")
                            .put("id", s.objectId()).put("format", "base64")
                            .put("data", Base64.getEncoder().encodeToString(value));
                    Arrays.fill(value, (byte) 0);
                    mon.execute("object-add", args);
                    added.add(s.objectId());
                }
            }
            body.run();
        } catch (RuntimeException e) {
            release(mon, added);
            throw e;
        }
    }

    /** Deletes those of the objects {@code ids} (secrets, or credentials that name them: those first) that QEMU has. */
    public static void release(QmpMonitor mon, List<String> ids) {
        try {
            JsonNode objs = mon.execute("qom-list", QemuJson.mapper().createObjectNode().put("path", "/objects"));
            for (JsonNode o : objs) {
                if (ids.contains(o.path("name").asText())) {
                    mon.execute("object-del", QemuJson.mapper().createObjectNode().put("id", o.path("name").asText()));
                }
            }
        } catch (QmpCommandException e) {
            // the block nodes are gone; a secret object left over holds nothing QEMU uses
        }
    }
}
