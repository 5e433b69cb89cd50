package org.jvirt.xml.value;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/**
 * A {@code <bandwidth>} element (virNetDevBandwidth) of an interface, a network or a network port: inbound and
 * outbound rates in kilobytes per second (burst in kilobytes), and the {@code tc} commands libvirt's
 * virNetDevBandwidthSet runs for it, which the network driver (on a bridge) and the QEMU driver (on a tap)
 * both use.
 *
 * @param in  traffic to the guest (or into the network), or null
 * @param out traffic from the guest, or null
 */
public record Bandwidth(Rate in, Rate out) {

    /** One direction: average is required, peak, burst and floor optional (0 = not given). */
    public record Rate(long average, long peak, long burst, long floor) {
    }

    /** The bandwidth under {@code parent} ({@code <bandwidth>} child), or null when it has none or sets nothing. */
    public static Bandwidth of(Element parent, ErrorDomain domain) {
        Element bw = parent == null ? null : Dom.child(parent, "bandwidth");
        if (bw == null) {
            return null;
        }
        Rate in = rate(Dom.child(bw, "inbound"), domain, "inbound");
        Rate out = rate(Dom.child(bw, "outbound"), domain, "outbound");
        return in == null && out == null ? null : new Bandwidth(in, out);
    }

    private static Rate rate(Element e, ErrorDomain domain, String what) {
        if (e == null) {
            return null;
        }
        long avg = num(e, "average", domain);
        long floor = num(e, "floor", domain);
        if (avg == 0 && floor == 0) {
            throw VirtException.of(domain, ErrorNumber.XML_DETAIL,
                    "Missing mandatory average or floor attributes");
        }
        return new Rate(avg, num(e, "peak", domain), num(e, "burst", domain), floor);
    }

    private static long num(Element e, String attr, ErrorDomain domain) {
        String v = Dom.attribute(e, attr);
        if (v == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException ex) {
            throw VirtException.of(domain, ErrorNumber.XML_DETAIL, "could not convert bandwidth %s value '%s'",
                    attr, v);
        }
    }

    /**
     * virNetDevBandwidthSet's tc commands (without the leading "tc"), after clearing what the device had.
     * {@code swapped}: the device sees the guest's traffic from the other side (a tap: what the guest receives
     * leaves through it), so inbound is shaped on the device's egress and outbound policed on its ingress.
     * {@code hierarchical}: a network's bridge, whose class 1:1 caps the whole network and 1:2 takes the rest.
     */
    public List<List<String>> tcCommands(String dev, boolean hierarchical, boolean swapped) {
        Rate rx = swapped ? out : in;
        Rate tx = swapped ? in : out;
        List<List<String>> cmds = new ArrayList<>();
        if (tx != null && tx.average() > 0) {
            String avg = tx.average() + "kbps";
            String peak = tx.peak() > 0 ? tx.peak() + "kbps" : null;
            cmds.add(List.of("qdisc", "add", "dev", dev, "root", "handle", "1:", "htb", "default",
                    hierarchical ? "2" : "1"));
            if (hierarchical) {
                cmds.add(List.of("class", "add", "dev", dev, "parent", "1:", "classid", "1:1", "htb", "rate", avg,
                        "ceil", peak != null ? peak : avg, "quantum", quantum(tx)));
            }
            List<String> cls = new ArrayList<>(List.of("class", "add", "dev", dev, "parent",
                    hierarchical ? "1:1" : "1:", "classid", hierarchical ? "1:2" : "1:1", "htb", "rate", avg));
            if (peak != null) {
                cls.addAll(List.of("ceil", peak));
            }
            if (tx.burst() > 0) {
                cls.addAll(List.of("burst", tx.burst() + "kb"));
            }
            cls.addAll(List.of("quantum", quantum(tx)));
            cmds.add(cls);
            cmds.add(List.of("qdisc", "add", "dev", dev, "parent", hierarchical ? "1:2" : "1:1", "handle", "2:",
                    "sfq", "perturb", "10"));
            cmds.add(List.of("filter", "add", "dev", dev, "parent", "1:0", "protocol", "all", "prio", "1",
                    "handle", "1", "fw", "flowid", "1"));
        }
        if (rx != null && rx.average() > 0) {
            // tc keeps the burst in an unsigned int of bytes: no larger than that, in KiB
            String burst = (rx.burst() > 0 ? rx.burst() : Math.min(rx.average(), 0xffffffffL / 1024)) + "kb";
            cmds.add(List.of("qdisc", "add", "dev", dev, "ingress"));
            cmds.add(List.of("filter", "add", "dev", dev, "parent", "ffff:", "protocol", "all", "u32", "match",
                    "u32", "0", "0", "police", "rate", rx.average() + "kbps", "burst", burst, "mtu", "64kb", "drop",
                    "flowid", ":1"));
        }
        return cmds;
    }

    /**
     * Whether a command of {@link #tcCommands} only refines the shaping (the sfq leaf, the fw filter): on a
     * kernel built without it the rates still hold, so its failure is not one of the whole.
     */
    public static boolean refinement(List<String> cmd) {
        return cmd.contains("sfq") || cmd.contains("fw");
    }

    /** Whether a command is the ingress police of the guest's outbound traffic (tc's police action). */
    public static boolean police(List<String> cmd) {
        return cmd.contains("police");
    }

    /** The ifb device that stands in for {@code dev}'s ingress when the kernel has no police action. */
    public static String ifbName(String dev) {
        String n = "ifb" + dev;
        return n.length() <= 15 ? n : "ifb" + dev.substring(dev.length() - 12);
    }

    /**
     * For a kernel without tc's police action: the policed direction redirected (mirred) from {@code dev}'s
     * ingress to the ifb device {@code ifb} and shaped there by htb at the same rate; the caller makes the ifb
     * device, runs these after the ingress qdisc exists, and deletes the device with {@code dev}.
     */
    public List<List<String>> ifbCommands(String dev, String ifb, boolean swapped) {
        Rate rx = swapped ? out : in;
        if (rx == null || rx.average() <= 0) {
            return List.of();
        }
        List<String> cls = new ArrayList<>(List.of("class", "add", "dev", ifb, "parent", "1:", "classid", "1:1",
                "htb", "rate", rx.average() + "kbps"));
        if (rx.peak() > 0) {
            cls.addAll(List.of("ceil", rx.peak() + "kbps"));
        }
        if (rx.burst() > 0) {
            cls.addAll(List.of("burst", rx.burst() + "kb"));
        }
        cls.addAll(List.of("quantum", quantum(rx)));
        return List.of(
                List.of("qdisc", "add", "dev", ifb, "root", "handle", "1:", "htb", "default", "1"), cls,
                List.of("filter", "add", "dev", dev, "parent", "ffff:", "protocol", "all", "u32", "match", "u32",
                        "0", "0", "action", "mirred", "egress", "redirect", "dev", ifb));
    }

    /** The commands that take a device's shaping away again (failures ignored: there may be nothing). */
    public static List<List<String>> tcClear(String dev) {
        return List.of(List.of("qdisc", "del", "dev", dev, "root"), List.of("qdisc", "del", "dev", dev, "ingress"));
    }

    /** htb's quantum from the rate, as libvirt computes it for an MTU of 1500. */
    private static String quantum(Rate r) {
        long q = r.average() * 1024 / 8 / 1500;
        return Long.toString(q == 0 ? 1 : q);
    }
}
