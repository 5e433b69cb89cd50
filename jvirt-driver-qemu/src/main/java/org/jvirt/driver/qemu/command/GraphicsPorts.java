package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.GraphicsXml;

/**
 * The TCP ports a running guest's displays hold (VNC, its WebSocket, SPICE and SPICE TLS), read from the live
 * definition where the start wrote them: given back to the allocator when the guest stops, reserved again when
 * the driver takes a running guest back.
 */
public final class GraphicsPorts {

    private GraphicsPorts() {
    }

    public static List<Integer> of(DomainXml live) {
        List<Integer> ports = new ArrayList<>();
        for (GraphicsXml g : live.devices().graphics()) {
            for (String attr : List.of("port", "tlsPort", "websocket")) {
                String v = Dom.attribute(g.element(), attr);
                if (v != null && v.matches("\\d+") && Integer.parseInt(v) > 0) {
                    ports.add(Integer.parseInt(v));
                }
            }
        }
        return ports;
    }
}
