package org.jvirt.examples;

import java.io.PrintStream;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainInfo;

/** Lists every domain, running or not, with its state, memory and vCPUs (as {@code virsh list --all}). */
public final class ListDomains {

    private ListDomains() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? args[0] : "test:///default", System.out);
    }

    static void run(String uri, PrintStream out) {
        try (Connect conn = Connect.openReadOnly(uri)) {  // listing needs no more than read-only
            out.printf("%-20s %-10s %10s %5s%n", "Name", "State", "Memory", "vCPUs");
            for (Domain d : conn.listAllDomains()) {       // no flags: active and inactive alike
                DomainInfo info = d.getInfo();
                out.printf("%-20s %-10s %7d MiB %5d%n", d.getName(), info.state(), info.memoryKiB() / 1024,
                        info.nrVirtCpu());
            }
        }
    }
}
