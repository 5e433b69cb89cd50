package org.jvirt.driver.qemu.driver;

import java.time.Duration;
import org.jvirt.Connect;
import org.jvirt.Domain;

/**
 * A test guest started paused, with its console open: checks can look at it before it runs, {@link #boot}
 * runs it to its READY line, and closing destroys it (first, so the console's stream ends) and the console.
 */
final class PausedGuest implements AutoCloseable {

    final Domain dom;
    final GuestConsole con;

    PausedGuest(Connect c, Domain d) {
        this.dom = d;
        this.con = GuestConsole.open(c, d);
    }

    /** Resumes the CPUs and waits for the test guest's READY line. */
    void boot(DriverFixture fx, Duration timeout) throws InterruptedException {
        dom.resume();
        con.waitFor("TESTGUEST-READY token=" + fx.token, 0, timeout);
    }

    @Override
    public void close() throws Exception {
        try {
            if (dom.isActive()) {
                dom.destroy();
            }
        } finally {
            con.close();
        }
    }
}
