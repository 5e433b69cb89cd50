package org.jvirt.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.web.http.ApiError;
import org.jvirt.web.ops.Operation;
import org.jvirt.web.ops.Operations;

/** The operation registry: progress and status seen by listeners in order, cancel reaching the work, 409s. */
class OperationsTest {

    @Test
    void cancelReachesTheWorkAndEndsCancelled() throws Exception {
        Operations ops = new Operations();
        List<String> seen = new CopyOnWriteArrayList<>();
        ops.listen(v -> seen.add(v.status() + "/" + v.progress()));
        CountDownLatch aborted = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Operation op = ops.start("save", "/x", o -> {
            o.canceller(aborted::countDown);
            o.progress(40);
            started.countDown();
            aborted.await(10, TimeUnit.SECONDS);
            // what a driver's job does when virDomainAbortJob reaches it
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "job 'save' canceled by client");
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(op.view().mayCancel());
        ops.cancel(op.id());
        assertTrue(op.await(10_000));
        Operation.View v = op.view();
        assertEquals(Operation.Status.CANCELLED, v.status());
        assertEquals("OPERATION_ABORTED", v.error().codeName());
        assertEquals(409, v.error().status());
        assertEquals("RUNNING/0", seen.get(0));
        assertTrue(seen.contains("RUNNING/40"), seen.toString());
        assertEquals("CANCELLED/40", seen.get(seen.size() - 1));
        ApiError again = assertThrows(ApiError.class, () -> ops.cancel(op.id()));
        assertEquals(409, again.status());
    }

    @Test
    void workWithoutACancellerCannotBeCancelled() throws Exception {
        Operations ops = new Operations();
        CountDownLatch go = new CountDownLatch(1);
        Operation op = ops.start("clone", "/v", o -> {
            go.await(10, TimeUnit.SECONDS);
            return "done";
        });
        ApiError e = assertThrows(ApiError.class, () -> ops.cancel(op.id()));
        assertEquals(409, e.status());
        go.countDown();
        assertTrue(op.await(10_000));
        assertEquals(Operation.Status.SUCCESS, op.view().status());
        assertEquals("done", op.view().result());
        assertEquals(100, op.view().progress());
        assertEquals(404, assertThrows(ApiError.class, () -> ops.get("nope")).status());
    }
}
