package org.jvirt.close;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jvirt.Connect;
import org.jvirt.ConnectCloseCallback;
import org.jvirt.ConnectCloseReason;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.spi.Driver;
import org.jvirt.spi.DriverConnection;
import org.jvirt.spi.DriverRegistry;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.HostDriver;
import org.jvirt.spi.OpenRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * virConnectRegisterCloseCallback's rules in the public API. The driver here is a stand-in (core has no driver
 * of its own); the remote driver's real use is tested against a killed libvirtd in jvirt-remote.
 */
class CloseCallbackStandInDriverTest {

    private static final AtomicReference<EventSink> SINK = new AtomicReference<>();

    @BeforeAll
    static void registerStandInDriver() {
        DriverRegistry.register(new Driver() {
            public String name() {
                return "closetest";
            }

            public Optional<DriverConnection> open(OpenRequest request) {
                if (!"closetest".equals(request.uri().driver())) {
                    return Optional.empty();
                }
                SINK.set(request.events());
                return Optional.of(new DriverConnection() {
                    public HostDriver host() {
                        return new HostDriver() { };
                    }

                    public void close() {
                    }
                });
            }
        });
    }

    @Test
    void toldOnceWithTheConnectionThenForgotten() throws Exception {
        BlockingQueue<ConnectCloseReason> told = new LinkedBlockingQueue<>();
        try (Connect c = Connect.open("closetest:///")) {
            c.registerCloseCallback((conn, reason) -> {
                assertSame(c, conn);
                told.add(reason);
            });
            SINK.get().connectionClosed(ConnectCloseReason.KEEPALIVE);
            assertEquals(ConnectCloseReason.KEEPALIVE, told.poll(5, TimeUnit.SECONDS));
            SINK.get().connectionClosed(ConnectCloseReason.EOF);
            assertNull(told.poll(200, TimeUnit.MILLISECONDS), "a callback is told once");
            c.registerCloseCallback((conn, reason) -> { }); // the slot is free again
        }
    }

    @Test
    void oneCallbackAtATimeAndUnregisterNamesIt() {
        try (Connect c = Connect.open("closetest:///")) {
            ConnectCloseCallback first = (conn, reason) -> { };
            c.registerCloseCallback(first);
            VirtException twice = assertThrows(VirtException.class, () -> c.registerCloseCallback((x, y) -> { }));
            assertEquals(ErrorNumber.OPERATION_INVALID.code(), twice.error().code());
            assertEquals("Requested operation is not valid: A close callback is already registered",
                    twice.getMessage());
            VirtException other = assertThrows(VirtException.class, () -> c.unregisterCloseCallback((x, y) -> { }));
            assertEquals("Requested operation is not valid: A different callback was requested", other.getMessage());
            c.unregisterCloseCallback(first);
            VirtException none = assertThrows(VirtException.class, () -> c.registerCloseCallback(null));
            assertEquals(ErrorNumber.INVALID_ARG.code(), none.error().code());
            // raised as virRaiseErrorFull raises it: the bare text, no "invalid argument: " prefix
            assertEquals("cb in virConnectRegisterCloseCallback must not be NULL", none.getMessage());
        }
    }

    @Test
    void notToldAfterTheApplicationClosed() throws Exception {
        BlockingQueue<ConnectCloseReason> told = new LinkedBlockingQueue<>();
        Connect c = Connect.open("closetest:///");
        c.registerCloseCallback((conn, reason) -> told.add(reason));
        c.close();
        SINK.get().connectionClosed(ConnectCloseReason.EOF);
        assertNull(told.poll(200, TimeUnit.MILLISECONDS));
    }
}
