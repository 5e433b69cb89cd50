package org.jvirt.daemon;

import org.jvirt.remote.RemoteConformanceSuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/**
 * jvirt-remote's conformance suite, the one its Libvirtd*Test classes run against a real libvirtd 9.0, run here
 * against an in-process jvirtd: over the unix socket (this class) and over plain TCP ({@link OverTcp}), one
 * daemon for both.
 */
class JvirtdConformanceTest extends RemoteConformanceSuite {

    private static DaemonFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Override
    protected String uri() {
        return fx.unixUri();
    }

    @Nested
    class OverTcp extends RemoteConformanceSuite {

        @Override
        protected String uri() {
            return fx.tcpUri();
        }
    }
}
