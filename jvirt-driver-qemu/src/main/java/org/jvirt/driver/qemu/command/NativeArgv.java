package org.jvirt.driver.qemu.command;

import java.util.Map;
import java.util.TreeMap;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.InterfaceSource;
import org.jvirt.xml.domain.NetInterfaceXml;
import org.w3c.dom.Element;

/**
 * virConnectDomainXMLToNative's "qemu-argv" format (virCommandToString): the environment as NAME=value, the
 * binary and every argument, separated by single spaces, each quoted for a POSIX shell only where it holds a
 * character the shell would act on.
 */
public final class NativeArgv {

    /** libvirt's QEMU_CONFIG_FORMAT_ARGV. */
    public static final String FORMAT = "qemu-argv";

    /** The characters that make virBufferEscapeShell quote a word. */
    private static final String SHELL_SPECIAL = "\r\t\n !\"#$&'()*;<>?[\\]^`{|}~";

    private NativeArgv() {
    }

    /**
     * What qemuConnectDomainXMLToNative changes first: a NIC that libvirt would connect itself (network, bridge,
     * direct) becomes a plain tap ({@code type='ethernet'}), since nothing is set up on the host for a command
     * line that is only shown.
     */
    public static void prepare(DomainXml def) {
        for (NetInterfaceXml nic : def.devices().interfaces()) {
            if (nic.source() instanceof InterfaceSource.Network || nic.source() instanceof InterfaceSource.Bridge
                    || nic.source() instanceof InterfaceSource.Direct) {
                for (Element src : Dom.children(nic.element(), "source")) {
                    nic.element().removeChild(src);
                }
                nic.source(new InterfaceSource.Other("ethernet"));
            }
        }
    }

    public static String format(QemuCommand cmd) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(cmd.env()).entrySet()) {
            b.append(e.getKey()).append('=').append(quote(e.getValue())).append(' ');
        }
        b.append(quote(cmd.binary().toString()));
        for (String a : cmd.args()) {
            b.append(' ').append(quote(a));
        }
        return b.toString();
    }

    /** virBufferEscapeShell: '' for empty, the word itself when harmless, else single quotes with ' as '\''. */
    static String quote(String s) {
        if (s.isEmpty()) {
            return "''";
        }
        boolean special = false;
        for (int i = 0; i < s.length() && !special; i++) {
            special = SHELL_SPECIAL.indexOf(s.charAt(i)) >= 0;
        }
        return special ? "'" + s.replace("'", "'\\''") + "'" : s;
    }
}
