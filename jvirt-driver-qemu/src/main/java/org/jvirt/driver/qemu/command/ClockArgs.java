package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * {@code <clock>} as libvirt 9.0's qemuBuildClockArgStr and qemuBuildClockCommandLine build it: {@code -rtc}
 * with the RTC's base, what it tracks and its catch-up policy; the PIT's lost-tick policy as a {@code -global}
 * of the in-kernel PIT; an absent HPET as {@code hpet=off} on the machine. What libvirt does and this driver
 * cannot (a variable offset's computed base, a time zone) is refused, naming it.
 */
final class ClockArgs {

    private ClockArgs() {
    }

    /** Adds {@code -rtc} and the timers' globals to the machine-wide arguments. */
    static void add(DomainXml def, List<String> a) {
        String offset = def.clock().offset() == null ? "utc" : def.clock().offset();
        QemuOpts rtc = switch (offset) {
            case "utc", "localtime" -> QemuOpts.of("base=" + offset);
            case "timezone" -> QemuOpts.of("base=localtime"); // in the zone of QEMU's TZ (env below)
            case "variable" -> {
                Element clock = Dom.child(def.element(), "clock");
                java.time.Instant now = java.time.Instant.now();
                String base = variableBase(clock, now, java.time.ZoneId.systemDefault());
                if ("localtime".equals(Dom.attribute(clock, "basis"))) {
                    // as libvirt: the live definition keeps the offset from UTC this start worked out
                    long adj = Long.parseLong(Dom.attribute(clock, "adjustment") == null ? "0"
                            : Dom.attribute(clock, "adjustment").strip());
                    Dom.setAttribute(clock, "adjustment", String.valueOf(adj
                            + java.time.ZoneId.systemDefault().getRules().getOffset(now).getTotalSeconds()));
                    Dom.setAttribute(clock, "basis", "utc");
                }
                yield QemuOpts.of("base=" + base);
            }
            default -> throw BuildContext.unsupported("clock offset '%s' is not supported by this driver yet",
                    offset);
        };
        for (Element t : timers(def)) {
            String name = Dom.attribute(t, "name");
            String tick = Dom.attribute(t, "tickpolicy");
            switch (name == null ? "" : name) {
                case "rtc" -> {
                    String track = Dom.attribute(t, "track");
                    if (track != null) {
                        rtc.add("clock", switch (track) {
                            case "guest" -> "vm";
                            case "wall", "realtime" -> "rt";
                            default -> throw BuildContext.unsupported("unsupported rtc timer track '%s'", track);
                        });
                    }
                    if (tick != null) {
                        switch (tick) {
                            case "delay" -> { }
                            case "catchup" -> rtc.add("driftfix", "slew");
                            default -> throw BuildContext.unsupported("unsupported rtc timer tickpolicy '%s'", tick);
                        }
                    }
                }
                case "pit" -> {
                    if (tick != null) {
                        switch (tick) {
                            case "delay", "discard" -> {
                                a.add("-global");
                                a.add("kvm-pit.lost_tick_policy=" + tick);
                            }
                            case "catchup" -> { } // QEMU's PIT catches up by default
                            default -> throw BuildContext.unsupported("unsupported pit tickpolicy '%s'", tick);
                        }
                    }
                }
                case "hpet", "tsc", "kvmclock" -> {
                    if (tick != null) {
                        throw BuildContext.unsupported("unsupported %s tickpolicy '%s'", name, tick);
                    }
                }
                default -> throw BuildContext.unsupported("clock timer '%s' is not supported by this driver yet", name);
            }
        }
        a.add("-rtc");
        a.add(rtc.toString());
    }

    /**
     * The RTC's start for {@code <clock offset='variable' adjustment='S' basis='utc|localtime'>}, as libvirt's
     * qemuBuildClockArgStr: now plus the adjustment (plus the host's offset from UTC for basis localtime),
     * written as a UTC date and time.
     */
    static String variableBase(Element clock, java.time.Instant now, java.time.ZoneId host) {
        String adj = Dom.attribute(clock, "adjustment");
        long seconds;
        try {
            seconds = adj == null ? 0 : Long.parseLong(adj.strip());
        } catch (NumberFormatException e) {
            throw BuildContext.unsupported("invalid clock adjustment '%s'", adj);
        }
        java.time.Instant at = now.plusSeconds(seconds);
        if ("localtime".equals(Dom.attribute(clock, "basis"))) {
            at = at.plusSeconds(host.getRules().getOffset(now).getTotalSeconds());
        }
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
                .format(at.atOffset(java.time.ZoneOffset.UTC));
    }

    /** The environment QEMU needs for the clock: TZ for {@code offset='timezone'} (libvirt sets it so). */
    static java.util.Map<String, String> env(DomainXml def) {
        if (!"timezone".equals(def.clock().offset())) {
            return java.util.Map.of();
        }
        String tz = def.clock().timezone();
        if (tz == null || !tz.matches("[A-Za-z0-9_+:./-]+") || tz.contains("..")) {
            throw BuildContext.unsupported("invalid clock timezone '%s'", tz);
        }
        return java.util.Map.of("TZ", tz);
    }

    /** {@code hpet=off} for the machine when {@code <timer name='hpet' present='no'/>}, else null. */
    static String hpet(DomainXml def) {
        for (Element t : timers(def)) {
            if ("hpet".equals(Dom.attribute(t, "name")) && "no".equals(Dom.attribute(t, "present"))) {
                return "off";
            }
        }
        return null;
    }

    private static List<Element> timers(DomainXml def) {
        Element clock = Dom.child(def.element(), "clock");
        return clock == null ? List.of() : Dom.children(clock, "timer");
    }
}
