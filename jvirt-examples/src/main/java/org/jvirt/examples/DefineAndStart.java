package org.jvirt.examples;

import java.io.PrintStream;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.VirtException;

/**
 * The life of a persistent domain: define it from XML (it exists, shut off), start it, read its state, stop it
 * and undefine it. On {@code qemu:///system} the same calls run a real guest; the XML would then name disks.
 */
public final class DefineAndStart {

    private DefineAndStart() {
    }

    static final String XML = """
            <domain type='test'>
              <name>example-vm</name>
              <memory unit='MiB'>256</memory>
              <vcpu>1</vcpu>
              <os><type arch='x86_64'>hvm</type></os>
            </domain>
            """;

    public static void main(String[] args) {
        run(args.length > 0 ? args[0] : "test:///default", System.out);
    }

    static void run(String uri, PrintStream out) {
        try (Connect conn = Connect.open(uri)) {
            Domain dom = conn.domainDefineXML(XML);
            try {
                out.println("defined " + dom.getName() + " " + dom.getUUIDString() + ": " + dom.getInfo().state());
                dom.create();                                   // virDomainCreate: start the defined domain
                out.println("started: " + dom.getInfo().state() + ", active " + dom.isActive());
                dom.destroy();                                  // pull the plug; shutdown() asks the guest
                out.println("stopped: " + dom.getInfo().state());
            } finally {
                if (dom.isActive()) {
                    dom.destroy();
                }
                dom.undefine();                                 // forget its definition
            }
            try {
                conn.domainLookupByName("example-vm");
            } catch (VirtException e) {
                out.println("undefined: " + e.number());       // NO_DOMAIN, as libvirt says
            }
        }
    }
}
