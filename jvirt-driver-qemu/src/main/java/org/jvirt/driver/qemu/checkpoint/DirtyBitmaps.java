package org.jvirt.driver.qemu.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.driver.qemu.monitor.QmpMonitor;

/**
 * The QMP commands of dirty bitmaps, one typed function each: add and remove (always as one {@code transaction},
 * so a checkpoint's bitmaps appear or go on every disk at once or on none), and the bitmaps each block node has.
 */
public final class DirtyBitmaps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DirtyBitmaps() {
    }

    /** A bitmap on a block node. */
    public record Bitmap(String node, String name) {
    }

    /** What QEMU reports of a bitmap: whether it records writes, survives in the image, and the bytes dirtied. */
    public record Info(String name, boolean recording, boolean persistent, long dirtyBytes) {
    }

    /** {@code block-dirty-bitmap-add} with {@code persistent: true} for each, in one transaction. */
    public static void addPersistent(QmpMonitor mon, List<Bitmap> bitmaps) {
        transaction(mon, "block-dirty-bitmap-add", bitmaps, true);
    }

    /** {@code block-dirty-bitmap-remove} for each, in one transaction. */
    public static void remove(QmpMonitor mon, List<Bitmap> bitmaps) {
        transaction(mon, "block-dirty-bitmap-remove", bitmaps, false);
    }

    private static void transaction(QmpMonitor mon, String type, List<Bitmap> bitmaps, boolean persistent) {
        if (bitmaps.isEmpty()) {
            return;
        }
        ObjectNode args = JSON.createObjectNode();
        ArrayNode actions = args.putArray("actions");
        for (Bitmap b : bitmaps) {
            ObjectNode data = JSON.createObjectNode().put("node", b.node()).put("name", b.name());
            if (persistent) {
                data.put("persistent", true);
            }
            actions.addObject().put("type", type).set("data", data);
        }
        mon.execute("transaction", args);
    }

    /** {@code query-named-block-nodes} (flat): the bitmaps of every named node, by node name. */
    public static Map<String, Map<String, Info>> byNode(QmpMonitor mon) {
        ObjectNode args = JSON.createObjectNode().put("flat", true);
        Map<String, Map<String, Info>> out = new HashMap<>();
        for (JsonNode n : mon.execute("query-named-block-nodes", args)) {
            Map<String, Info> bitmaps = new HashMap<>();
            for (JsonNode b : n.path("dirty-bitmaps")) {
                String name = b.path("name").asText();
                bitmaps.put(name, new Info(name, b.path("recording").asBoolean(), b.path("persistent").asBoolean(),
                        b.path("count").asLong()));
            }
            out.put(n.path("node-name").asText(), bitmaps);
        }
        return out;
    }
}
