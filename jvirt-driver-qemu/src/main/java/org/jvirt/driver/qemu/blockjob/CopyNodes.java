package org.jvirt.driver.qemu.blockjob;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.driver.qemu.monitor.QmpMonitor;

/**
 * The block nodes a copy opens for its destination, {@code fmt-ALIAS-copyN} on {@code file-ALIAS-copyN}. After a
 * pivot they are the disk's; when the disk goes, they go too. Found by name, so nothing needs remembering across a
 * daemon restart.
 */
public final class CopyNodes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CopyNodes() {
    }

    /** Deletes the copy nodes of disk {@code alias}, format nodes first; quietly, as the rest of an unplug. */
    public static void release(QmpMonitor mon, String alias) {
        List<String> format = new ArrayList<>();
        List<String> storage = new ArrayList<>();
        try {
            for (JsonNode n : mon.execute("query-named-block-nodes", JSON.createObjectNode().put("flat", true))) {
                String name = n.path("node-name").asText("");
                if (name.startsWith("fmt-" + alias + "-copy")) {
                    format.add(name);
                } else if (name.startsWith("file-" + alias + "-copy")) {
                    storage.add(name);
                }
            }
        } catch (RuntimeException e) {
            return;
        }
        format.addAll(storage);
        for (String name : format) {
            try {
                mon.execute("blockdev-del", JSON.createObjectNode().put("node-name", name));
            } catch (RuntimeException ignored) {
                // in use or gone already
            }
        }
    }
}
