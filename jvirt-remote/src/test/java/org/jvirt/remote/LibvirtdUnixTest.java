package org.jvirt.remote;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The conformance suite over a unix socket to a private real libvirtd 9.0. */
class LibvirtdUnixTest extends RemoteConformanceSuite {

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
        return daemon.unixUri("/default");
    }
}
