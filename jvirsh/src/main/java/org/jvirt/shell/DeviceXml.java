package org.jvirt.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * The device XML that attach-disk and attach-interface build from their options, text for text as virsh 9.0
 * writes it (cmdAttachDisk, cmdAttachInterface): single-quoted attributes, two-space indentation, values
 * escaped only where virsh escapes them (virBufferEscapeString) and written raw where it does not.
 */
final class DeviceXml {

    private DeviceXml() {
    }

    private static final List<String> NET_TYPES = List.of("user", "ethernet", "vhostuser", "server", "client",
            "mcast", "network", "bridge", "internal", "direct", "hostdev", "udp", "vdpa", "null", "vds");

    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    // ---- attach-disk --------------------------------------------------------------------------------------

    /** cmdAttachDisk's document; every option error is reported before anything is looked up. */
    static String disk(Shell sh, Invocation cmd) {
        require(sh, cmd, "source-host-name", "source-protocol");
        require(sh, cmd, "source-host-transport", "source-protocol");
        require(sh, cmd, "source-host-socket", "source-protocol");
        require(sh, cmd, "source-host-socket", "source-host-transport");
        MonitorCommands.exclusive(sh, cmd, "source-host-name", "source-host-socket");
        String source = cmd.string("source");
        String target = cmd.string("target");
        String driver = cmd.string("driver");
        String subdriver = cmd.string("subdriver");
        String device = cmd.string("type");
        String mode = cmd.string("mode");
        String iothread = cmd.string("iothread");
        String cache = cmd.string("cache");
        String io = cmd.string("io");
        String serial = cmd.string("serial");
        String wwn = cmd.string("wwn");
        String straddr = cmd.string("address");
        String targetbus = cmd.string("targetbus");
        String alias = cmd.string("alias");
        String stype = cmd.string("sourcetype");
        String protocol = cmd.string("source-protocol");
        String hostName = cmd.string("source-host-name");
        String hostTransport = cmd.string("source-host-transport");
        String hostSocket = cmd.string("source-host-socket");

        String type = "";
        if (stype != null) {
            if (!List.of("", "file", "block", "network").contains(stype)) {
                throw sh.fail("Unknown source type: '%s'", stype);
            }
            type = stype;
        }
        if (type.isEmpty()) {
            if (protocol != null) {
                type = "network";
            } else if (!"file".equals(driver) && !"tap".equals(driver) && source != null
                    && isBlockDevice(sh, source)) {
                type = "block";
            } else {
                type = "file";
            }
        }
        if (type.equals("network") != (protocol != null)) {
            throw sh.fail("--source-protocol option requires --sourcetype network");
        }
        if (mode != null && !mode.equals("readonly") && !mode.equals("shareable")) {
            throw sh.fail("No support for %s in command 'attach-disk'", mode);
        }
        if (wwn != null && !validWwn(wwn)) {
            throw new Failed(VirtException.of(ErrorDomain.NONE, ErrorNumber.INTERNAL_ERROR, "Malformed wwn: %s",
                    wwn));
        }

        StringBuilder diskAttr = new StringBuilder(" type='" + type + "'");
        escAttr(diskAttr, "device", device);
        if (cmd.bool("rawio")) {
            diskAttr.append(" rawio='yes'");
        }
        StringBuilder driverAttr = new StringBuilder();
        escAttr(driverAttr, "name", driver);
        escAttr(driverAttr, "type", subdriver);
        escAttr(driverAttr, "iothread", iothread);
        escAttr(driverAttr, "cache", cache);
        escAttr(driverAttr, "io", io);

        StringBuilder child = new StringBuilder();
        element(child, "  ", "driver", driverAttr, "");
        StringBuilder sourceAttr = new StringBuilder();
        StringBuilder sourceChild = new StringBuilder();
        switch (type) {
            case "file" -> escAttr(sourceAttr, "file", source);
            case "block" -> escAttr(sourceAttr, "dev", source);
            default -> {
                escAttr(sourceAttr, "protocol", protocol);
                escAttr(sourceAttr, "name", source);
                StringBuilder hostAttr = new StringBuilder();
                escAttr(hostAttr, "transport", hostTransport);
                escAttr(hostAttr, "socket", hostSocket);
                if (hostName != null) {
                    int colon = hostName.indexOf(':');
                    escAttr(hostAttr, "name", colon < 0 ? hostName : hostName.substring(0, colon));
                    escAttr(hostAttr, "port", colon < 0 ? null : hostName.substring(colon + 1));
                }
                element(sourceChild, "    ", "host", hostAttr, "");
            }
        }
        element(child, "  ", "source", sourceAttr, sourceChild.toString());
        child.append("  <target dev='").append(target).append('\'');
        if (targetbus != null) {
            child.append(" bus='").append(targetbus).append('\'');
        }
        child.append("/>\n");
        if (mode != null) {
            child.append("  <").append(mode).append("/>\n");
        }
        if (serial != null) {
            child.append("  <serial>").append(serial).append("</serial>\n");
        }
        if (alias != null) {
            child.append("  <alias name='").append(alias).append("'/>\n");
        }
        if (wwn != null) {
            child.append("  <wwn>").append(wwn).append("</wwn>\n");
        }
        if (straddr != null) {
            child.append("  ").append(diskAddress(sh, straddr, target, cmd.bool("multifunction")));
        }
        StringBuilder out = new StringBuilder();
        element(out, "", "disk", diskAttr, child.toString());
        return out.toString();
    }

    /** VSH_REQUIRE_OPTION. */
    private static void require(Shell sh, Invocation cmd, String name, String needed) {
        if (cmd.bool(name) && !cmd.bool(needed)) {
            throw sh.fail("Option --%s is required by option --%s", needed, name);
        }
    }

    /** stat(2) on the path says block device (virsh then writes type='block' with a dev= source). */
    private static boolean isBlockDevice(Shell sh, String source) {
        try {
            Object mode = Files.getAttribute(sh.path(source), "unix:mode");
            return mode instanceof Integer m && (m & S_IFMT) == S_IFBLK;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    /** virValidateWWN: 16 hex digits, optionally after "0x". */
    static boolean validWwn(String wwn) {
        String p = wwn.startsWith("0x") ? wwn.substring(2) : wwn;
        return p.matches("[0-9A-Fa-f]{16}");
    }

    /** cmdAttachDiskFormatAddress: the address must suit the target's bus prefix. */
    private static String diskAddress(Shell sh, String straddr, String target, boolean multifunction) {
        Address a = Address.parse(straddr, multifunction);
        if (a == null) {
            throw sh.fail("Invalid address.");
        }
        if (target.startsWith("vd")) {
            if (!a.type.equals("pci") && !a.type.equals("ccw")) {
                throw sh.fail("expecting a pci:0000.00.00.00 or ccw:00.0.0000 address.");
            }
        } else if (target.startsWith("sd")) {
            if (!a.type.equals("scsi") && !a.type.equals("usb") && !a.type.equals("sata")) {
                throw sh.fail("expecting a scsi:00.00.00 or usb:00.00 or sata:00.00.00 address.");
            }
        } else if (target.startsWith("hd")) {
            if (!a.type.equals("ide")) {
                throw sh.fail("expecting an ide:00.00.00 address.");
            }
        }
        return a.format();
    }

    // ---- attach-interface ---------------------------------------------------------------------------------

    /** cmdAttachInterface's document. */
    static String iface(Shell sh, Invocation cmd) {
        String type = cmd.string("type");
        String source = cmd.string("source");
        String target = cmd.string("target");
        String mac = cmd.string("mac");
        String script = cmd.string("script");
        String model = cmd.string("model");
        String alias = cmd.string("alias");
        String inboundStr = cmd.string("inbound");
        String outboundStr = cmd.string("outbound");
        String sourceMode = cmd.string("source-mode");
        if (!NET_TYPES.contains(type)) {
            throw sh.fail("No support for %s in command 'attach-interface'", type);
        }
        if (sourceMode != null && !sourceMode.equals("server") && !sourceMode.equals("client")) {
            throw sh.fail("Invalid source mode: %s", sourceMode);
        }
        long[] inbound = null;
        long[] outbound = null;
        if (inboundStr != null) {
            inbound = rate(sh, inboundStr);
            if (inbound[0] == 0 && inbound[3] == 0) {
                throw sh.fail("either inbound average or floor is mandatory");
            }
        }
        if (outboundStr != null) {
            outbound = rate(sh, outboundStr);
            if (outbound[0] == 0) {
                throw sh.fail("outbound average is mandatory");
            }
            if (outbound[3] != 0) {
                throw sh.fail("outbound floor is unsupported yet");
            }
        }
        StringBuilder b = new StringBuilder("<interface type='").append(type).append('\'');
        b.append(cmd.bool("managed") ? " managed='yes'>\n" : ">\n");
        switch (type) {
            case "network", "bridge" -> b.append("  <source ").append(type).append("='").append(source)
                    .append("'/>\n");
            case "direct" -> b.append("  <source dev='").append(source).append("'/>\n");
            case "hostdev" -> {
                Address a = Address.parse("pci:" + source, false);
                if (a == null) {
                    throw sh.fail("cannot parse pci address '%s' for network interface", source);
                }
                b.append("  <source>\n    ").append(a.format()).append("  </source>\n");
            }
            case "vhostuser" -> {
                if (sourceMode == null) {
                    throw sh.fail("source-mode is mandatory");
                }
                b.append("  <source type='unix' path='").append(source).append("' mode='").append(sourceMode)
                        .append("'/>\n");
            }
            default -> throw sh.fail("No support for %s in command 'attach-interface'", type);
        }
        line(b, "target dev", target);
        line(b, "mac address", mac);
        line(b, "script path", script);
        line(b, "model type", model);
        line(b, "alias name", alias);
        if (inbound != null || outbound != null) {
            b.append("  <bandwidth>\n");
            if (inbound != null) {
                b.append("    <inbound");
                rateAttr(b, "average", inbound[0]);
                rateAttr(b, "peak", inbound[1]);
                rateAttr(b, "burst", inbound[2]);
                rateAttr(b, "floor", inbound[3]);
                b.append("/>\n");
            }
            if (outbound != null) {
                b.append("    <outbound");
                rateAttr(b, "average", outbound[0]);
                rateAttr(b, "peak", outbound[1]);
                rateAttr(b, "burst", outbound[2]);
                b.append("/>\n");
            }
            b.append("  </bandwidth>\n");
        }
        b.append("</interface>\n");
        return b.toString();
    }

    private static void line(StringBuilder b, String elementAndAttr, String value) {
        if (value != null) {
            b.append("  <").append(elementAndAttr).append("='").append(value).append("'/>\n");
        }
    }

    private static void rateAttr(StringBuilder b, String name, long v) {
        if (v != 0) {
            b.append(' ').append(name).append("='").append(Long.toUnsignedString(v)).append('\'');
        }
    }

    /** virshParseRateStr: "average,peak,burst,floor", any field may be empty, at most four. */
    static long[] rate(Shell sh, String s) {
        String[] tok = s.isEmpty() ? new String[0] : s.split(",", -1);
        if (tok.length > 4) {
            throw sh.fail("Rate string '%s' has too many fields", s);
        }
        String[] names = {"average", "peak", "burst", "floor"};
        long[] out = new long[4];
        for (int i = 0; i < tok.length; i++) {
            if (tok[i].isEmpty()) {
                continue;
            }
            Long v = Numbers.parseUnsigned64(tok[i]);
            if (v == null) {
                throw sh.fail("field '%s' is malformed", names[i]);
            }
            out[i] = v;
        }
        return out;
    }

    // ---- shared pieces ------------------------------------------------------------------------------------

    /** virXMLFormatElement: nothing when both parts are empty, else one element at {@code indent}. */
    private static void element(StringBuilder b, String indent, String name, CharSequence attrs, String children) {
        if (attrs.isEmpty() && children.isEmpty()) {
            return;
        }
        b.append(indent).append('<').append(name).append(attrs);
        if (children.isEmpty()) {
            b.append("/>\n");
        } else {
            b.append(">\n").append(children).append(indent).append("</").append(name).append(">\n");
        }
    }

    /** virBufferEscapeString(" name='%s'", value): entities for quotes and markup, most control bytes dropped. */
    private static void escAttr(StringBuilder b, String name, String value) {
        if (value == null) {
            return;
        }
        b.append(' ').append(name).append("='");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || c == 0 || c > 0x19) {
                        b.append(c);
                    }
                }
            }
        }
        b.append('\'');
    }

    /** virsh's device address (virshAddressParse / virshAddressFormat). */
    record Address(String type, long[] f, boolean multifunction) {

        /** "pci:D.B.S.F", "scsi|ide|sata:C.B.U", "ccw:C.S.D", "usb:B.P"; any one character separates. */
        static Address parse(String s, boolean multifunction) {
            int colon = s.indexOf(':');
            if (colon < 0) {
                return null;
            }
            String type = s.substring(0, colon);
            int n;
            int base;
            switch (type) {
                case "pci", "ccw" -> {
                    n = type.equals("pci") ? 4 : 3;
                    base = 16;
                }
                case "scsi", "ide", "sata" -> {
                    n = 3;
                    base = 10;
                }
                case "usb" -> {
                    n = 2;
                    base = 10;
                }
                default -> {
                    return null;
                }
            }
            long[] f = new long[n];
            int at = colon;
            for (int i = 0; i < n; i++) {
                at++; // the separator (the colon first)
                if (at > s.length()) {
                    return null;
                }
                int[] end = new int[1];
                // the drive unit is an unsigned long long; every other field an unsigned int
                boolean wide = n == 3 && base == 10 && i == 2;
                java.math.BigInteger v = strtoul(s, at, base, end);
                if (v == null || v.bitLength() > (wide ? 64 : 32)) {
                    return null;
                }
                f[i] = v.longValue();
                at = end[0];
            }
            return new Address(type, f, multifunction && type.equals("pci"));
        }

        /** strtoul from {@code at} as virStrToLong_*p uses it: blanks, '+', "0x" in base 16; no minus sign. */
        private static java.math.BigInteger strtoul(String s, int at, int base, int[] end) {
            int i = at;
            while (i < s.length() && " \t\n\u000b\f\r".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (i < s.length() && s.charAt(i) == '+') {
                i++;
            }
            boolean hexPrefix = s.startsWith("0x", i) || s.startsWith("0X", i);
            if (base == 16 && hexPrefix && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
                i += 2;
            }
            int start = i;
            while (i < s.length() && Character.digit(s.charAt(i), base) >= 0 && s.charAt(i) < 128) {
                i++;
            }
            if (i == start) {
                return null;
            }
            end[0] = i;
            return new java.math.BigInteger(s.substring(start, i), base);
        }

        String format() {
            return switch (type) {
                case "pci" -> String.format("<address type='pci' domain='0x%04x' bus='0x%02x' slot='0x%02x'"
                        + " function='0x%x'%s/>\n", f[0], f[1], f[2], f[3], multifunction ? " multifunction='on'" : "");
                case "ccw" -> String.format("<address type='ccw' cssid='0x%02x' ssid='0x%01x' devno='0x%04x'/>\n",
                        f[0], f[1], f[2]);
                case "usb" -> String.format("<address type='usb' bus='%d' port='%d'/>\n", f[0], f[1]);
                default -> String.format("<address type='drive' controller='%d' bus='%d' unit='%s'/>\n", f[0], f[1],
                        Long.toUnsignedString(f[2]));
            };
        }
    }
}
