package org.jvirt.driver.qemu.monitor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One asynchronous QMP event, e.g. {@code SHUTDOWN} with {@code {"guest":true,"reason":"guest-shutdown"}}.
 *
 * @param name      the event name as QEMU spells it
 * @param data      the event's data object (empty when QEMU sent none)
 * @param timestamp when QEMU raised it
 */
public record QmpEvent(String name, ObjectNode data, Instant timestamp) {

    /** A text field of the data, or null. */
    public String text(String field) {
        var v = data.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
