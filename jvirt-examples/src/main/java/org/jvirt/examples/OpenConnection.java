package org.jvirt.examples;

import java.io.PrintStream;

import org.jvirt.Connect;
import org.jvirt.VirtException;

/**
 * Opens a connection and prints what is at the other end. The URI chooses the driver: {@code test:///default}
 * in process, {@code qemu:///system} for local guests, {@code qemu+unix:///system?socket=/run/jvirt/jvirt-sock}
 * for a jvirtd, {@code qemu+ssh://host/system} for a remote libvirtd.
 */
public final class OpenConnection {

    private OpenConnection() {
    }

    public static void main(String[] args) {
        run(args.length > 0 ? args[0] : "test:///default", System.out);
    }

    static void run(String uri, PrintStream out) {
        // Connect is AutoCloseable: try-with-resources closes it (virConnectClose).
        try (Connect conn = Connect.open(uri)) {
            out.println("URI:        " + conn.getURI());
            out.println("hostname:   " + conn.getHostname());
            out.println("hypervisor: " + conn.getType() + " " + version(conn.getVersion()));
            out.println("library:    " + version(conn.getLibVersion()));
        }
        // A read-only connection may look but not change: a change fails with libvirt's OPERATION_DENIED.
        try (Connect ro = Connect.openReadOnly(uri)) {
            ro.domainLookupByName("test").suspend();
        } catch (VirtException e) {
            // every error carries libvirt's whole error: number, domain, message
            out.println("read-only:  " + e.number() + " (" + e.error().code() + "): " + e.getMessage());
        }
    }

    /** libvirt's versions are major * 1 000 000 + minor * 1 000 + release. */
    static String version(long v) {
        return (v / 1_000_000) + "." + (v / 1_000 % 1_000) + "." + (v % 1_000);
    }
}
