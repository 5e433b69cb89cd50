package org.jvirt.remote;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance suite over plain TCP (loopback, auth none) to a private real libvirtd 9.0. */
class LibvirtdTcpTest extends RemoteConformanceSuite {

    private static Libvirtd daemon;

    @BeforeAll
    static void start() throws Exception {
        daemon = Libvirtd.start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Override
    protected String uri() {
        return daemon.tcpUri("/default");
    }
}
