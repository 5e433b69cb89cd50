package org.jvirt.driver.qemu.device;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.xml.domain.MemballoonXml;

/**
 * The balloon's statistics period ({@code <memballoon><stats period='N'/>}): QEMU polls the guest for memory
 * statistics every N seconds once told over QMP, which libvirt does as the guest starts (qemuProcessSetupBalloon).
 */
public final class BalloonStats {

    /** The balloon device's QOM path: libvirt's alias, under the machine's peripherals. */
    static final String PATH = "/machine/peripheral/balloon0";

    private BalloonStats() {
    }

    public static void apply(DomainRun run) {
        MemballoonXml b = run.liveDef().devices().memballoon();
        if (b == null || !"virtio".equals(b.model() == null ? "virtio" : b.model()) || b.statsPeriod() == null
                || b.statsPeriod() <= 0) {
            return;
        }
        run.process().monitor().execute("qom-set", JsonNodeFactory.instance.objectNode().put("path", PATH)
                .put("property", "guest-stats-polling-interval").put("value", b.statsPeriod()));
    }
}
