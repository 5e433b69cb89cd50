package org.jvirt.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jvirt.Connect;
import org.jvirt.DomainState;
import org.jvirt.NotFoundException;
import org.jvirt.async.AsyncConnect;
import org.jvirt.async.AsyncDomain;
import org.jvirt.async.VirtualThreads;
import org.junit.jupiter.api.Test;

/** The generated async mirror against the real test driver: results and errors arrive through the future. */
class AsyncApiTest {

    @Test
    void resultsAndErrorsCompleteTheFuture() throws Exception {
        AsyncConnect conn = AsyncConnect.of(
                AsyncConnect.open(VirtualThreads.EXECUTOR, "test:///default").get(10, TimeUnit.SECONDS));
        try {
            AsyncDomain dom = AsyncDomain.of(conn.domainLookupByName("test").get(10, TimeUnit.SECONDS));
            assertEquals(DomainState.RUNNING, dom.getInfo().get(10, TimeUnit.SECONDS).state());
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> conn.domainLookupByName("no-such-domain").get(10, TimeUnit.SECONDS));
            assertInstanceOf(NotFoundException.class, e.getCause());
        } finally {
            conn.sync().close();
        }
    }

    @Test
    void mirrorWrapsAnOpenConnection() throws Exception {
        try (Connect c = Connect.open("test:///default")) {
            assertEquals("TEST", AsyncConnect.of(c).getType().get(10, TimeUnit.SECONDS));
        }
    }
}
