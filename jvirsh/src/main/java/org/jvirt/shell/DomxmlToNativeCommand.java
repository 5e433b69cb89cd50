package org.jvirt.shell;

import org.jvirt.Domain;

/**
 * virsh domxml-to-native (cmdDomXMLToNative): a domain's XML (of {@code --domain}, or from {@code --xml}) in a
 * hypervisor's native format, printed as the driver gives it (for QEMU, "qemu-argv": one shell-quoted line).
 */
final class DomxmlToNativeCommand {

    private DomxmlToNativeCommand() {
    }

    static boolean run(Shell sh, Invocation cmd) {
        String format = cmd.req("format");
        String xmlFile = cmd.string("xml");
        if (cmd.has("domain") && cmd.has("xml")) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", "domain", "xml");
        }
        String xml;
        if (cmd.has("domain")) {
            Domain d = Lookup.domain(sh, cmd);
            xml = d.getXMLDesc();
        } else if (xmlFile != null) {
            xml = sh.readFile(xmlFile);
        } else {
            throw sh.fail("need either domain or domain XML");
        }
        sh.print("%s", sh.conn().domainXMLToNative(format, xml));
        return true;
    }

    /** cmdDomXMLFromNative: the file's native configuration through virConnectDomainXMLFromNative. */
    static boolean fromNative(Shell sh, Invocation cmd) {
        String format = cmd.req("format");
        String config = sh.readFile(cmd.req("config"));
        sh.print("%s", sh.conn().domainXMLFromNative(format, config));
        return true;
    }
}
