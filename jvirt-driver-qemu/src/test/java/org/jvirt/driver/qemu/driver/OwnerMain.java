package org.jvirt.driver.qemu.driver;

import org.jvirt.Connect;
import org.jvirt.Domain;

/**
 * A stand-in for a daemon that dies: opens the URI given, defines and starts the domain from the XML file
 * given, says STARTED, and waits to be killed (kill -9 by the test).
 */
public final class OwnerMain {

    private OwnerMain() {
    }

    public static void main(String[] args) throws Exception {
        Connect c = Connect.open(args[0]);
        Domain d = c.domainDefineXML(java.nio.file.Files.readString(java.nio.file.Path.of(args[1])));
        d.create();
        System.out.println("STARTED " + d.getID());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
