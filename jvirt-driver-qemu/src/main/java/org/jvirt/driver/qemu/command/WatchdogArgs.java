package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.domain.WatchdogXml;

/**
 * {@code <watchdog model=... action=...>} as libvirt 9.0 builds it: the device (PCI i6300esb, ISA ib700, or
 * q35's built-in iTCO, which needs no device) and {@code -watchdog-action}; libvirt's {@code shutdown} is QEMU's
 * {@code shutdown} (an ACPI power button press) and {@code dump} pauses the guest, as libvirt lets QEMU do.
 */
final class WatchdogArgs {

    private WatchdogArgs() {
    }

    static void add(BuildContext ctx) {
        List<WatchdogXml> dogs = ctx.def.devices().watchdogs();
        if (dogs.size() > 1) {
            throw BuildContext.unsupported("only a single watchdog device is supported by this driver");
        }
        if (dogs.isEmpty()) {
            return;
        }
        WatchdogXml w = dogs.get(0);
        String model = w.model() == null ? "" : w.model();
        w.alias("watchdog0");
        switch (model) {
            case "i6300esb" -> {
                ctx.requireDevice("i6300esb", "watchdog model 'i6300esb'");
                ctx.device(QemuOpts.of("i6300esb").add("id", "watchdog0").add("bus", ctx.pcieBus()));
            }
            case "ib700" -> {
                if (ctx.q35) {
                    throw BuildContext.unsupported("Watchdog device model 'ib700' is not supported on q35 machines "
                            + "(it is an ISA device)");
                }
                ctx.requireDevice("ib700", "watchdog model 'ib700'");
                ctx.device(QemuOpts.of("ib700").add("id", "watchdog0"));
            }
            case "itco" -> {
                if (!ctx.q35) {
                    throw BuildContext.unsupported("Watchdog device model 'itco' is only part of q35 machines");
                }
                // part of the ICH9 LPC bridge: nothing to add
            }
            default -> throw BuildContext.unsupported("Watchdog device model '%s' is not supported", model);
        }
        String action = w.action() == null ? "reset" : w.action();
        String qemu = switch (action) {
            case "reset", "shutdown", "poweroff", "pause", "none", "inject-nmi" -> action;
            case "dump" -> "pause";
            default -> throw BuildContext.unsupported("invalid watchdog action '%s'", action);
        };
        ctx.arg("-watchdog-action", qemu);
    }
}
