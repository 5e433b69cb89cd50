package org.jvirt.driver.qemu.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * A QEMU stand-in (a stream, since real QEMU never floods its monitor) that sends an endless line: the monitor
 * gives up after libvirt's 10 MiB with libvirt's message, having read no more than that.
 */
class QmpMonitorBoundStandInTest {

    @Test
    void endlessLineIsCutAtTheBound() {
        AtomicLong served = new AtomicLong();
        InputStream flood = new InputStream() {
            @Override
            public int read() {
                served.incrementAndGet();
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                served.addAndGet(len);
                return len;
            }
        };
        VirtException e = assertThrows(VirtException.class, () -> QmpMonitor.open("flood", flood,
                OutputStream.nullOutputStream(), () -> { }, Duration.ofSeconds(30)));
        assertEquals(ErrorNumber.INTERNAL_ERROR, e.error().number());
        assertEquals("internal error: QEMU monitor reply exceeds buffer size (10485760 bytes)", e.getMessage());
        assertTrue(served.get() <= QmpMonitor.MAX_RESPONSE + 65536, "read " + served.get() + " bytes");
    }
}
