package org.jvirt.driver.storage;

import org.jvirt.Connect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** For tests that each start from a fresh host root with a connection to its storage:///system. */
abstract class HostRootTest {

    protected HostRoot host;
    protected Connect conn;

    @BeforeEach
    void openHostRoot() {
        host = new HostRoot();
        conn = Connect.open(host.system());
    }

    @AfterEach
    void closeHostRoot() {
        conn.close();
        host.close();
    }
}
