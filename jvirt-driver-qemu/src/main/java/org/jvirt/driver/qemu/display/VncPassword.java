package org.jvirt.driver.qemu.display;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.monitor.QmpMonitor;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.GraphicsXml;

/**
 * The VNC or SPICE password of {@code <graphics passwd=...>} (qemuDomainChangeGraphicsPasswords): QEMU starts with
 * {@code password=on} and no secret on its command line; the secret and its expiry ({@code passwdValidTo}, UTC)
 * are given over QMP before the guest's CPUs run.
 */
public final class VncPassword {

    private VncPassword() {
    }

    public static void apply(DomainRun run) {
        for (GraphicsXml g : run.liveDef().devices().graphics()) {
            if (!("vnc".equals(g.type()) || "spice".equals(g.type())) || g.passwd() == null) {
                continue;
            }
            QmpMonitor mon = run.process().monitor();
            mon.execute("set_password", JsonNodeFactory.instance.objectNode().put("protocol", g.type())
                    .put("password", g.passwd()));
            mon.execute("expire_password", JsonNodeFactory.instance.objectNode().put("protocol", g.type())
                    .put("time", expiry(g)));
        }
    }

    /** "never", "now" (an empty password, or one already expired), or the expiry in seconds since the epoch. */
    static String expiry(GraphicsXml g) {
        if (g.passwd().isEmpty()) {
            return "now";
        }
        String validTo = Dom.attribute(g.element(), "passwdValidTo");
        if (validTo == null) {
            return "never";
        }
        try {
            long at = LocalDateTime.parse(validTo).toEpochSecond(ZoneOffset.UTC);
            return at <= System.currentTimeMillis() / 1000 ? "now" : Long.toString(at);
        } catch (DateTimeParseException e) {
            return "now"; // an expiry that cannot be read must not leave the display open forever
        }
    }
}
