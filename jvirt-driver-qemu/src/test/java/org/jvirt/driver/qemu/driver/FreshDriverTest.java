package org.jvirt.driver.qemu.driver;

import org.jvirt.driver.qemu.testing.QemuTesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For test classes whose every test starts from a fresh driver in its own directories ({@link DriverFixture}) and
 * must leave no QEMU behind.
 */
abstract class FreshDriverTest {

    protected DriverFixture fx;

    @BeforeEach
    void freshDriver() throws Exception {
        QemuTesting.assumeQemu();
        fx = new DriverFixture();
    }

    @AfterEach
    void noQemuLeft() throws Exception {
        if (fx != null) {
            try {
                fx.assertNoQemu();
            } finally {
                fx.close();
            }
        }
    }
}
