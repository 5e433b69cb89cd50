package org.jvirt.driver.qemu;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The QEMU driver's one JSON mapper (QMP, the guest agent, capability and firmware files), made on first use.
 * Why not a mapper per class, each made with its class: the driver's classes are loaded when a daemon holds the
 * driver, and an ObjectMapper loads ~370 Jackson classes — memory an idle daemon with no guest would carry.
 */
public final class QemuJson {

    private QemuJson() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** The shared mapper; thread-safe, and never reconfigured after it was made. */
    public static ObjectMapper mapper() {
        return Holder.MAPPER;
    }
}
