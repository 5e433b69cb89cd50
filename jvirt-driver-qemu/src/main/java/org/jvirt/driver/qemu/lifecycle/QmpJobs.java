package org.jvirt.driver.qemu.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.monitor.QmpEvent;
import org.jvirt.driver.qemu.monitor.QmpEventListener;
import org.jvirt.driver.qemu.monitor.QmpMonitor;

/**
 * QEMU's background jobs (snapshot-save, snapshot-load, snapshot-delete): start one, wait for its
 * JOB_STATUS_CHANGE to "concluded", read its error from query-jobs, dismiss it.
 */
final class QmpJobs {

    private QmpJobs() {
    }

    static void run(QmpMonitor mon, String command, ObjectNode args, String jobId, Duration timeout, String what) {
        CompletableFuture<Void> concluded = new CompletableFuture<>();
        try (AutoCloseable reg = mon.addListener(new QmpEventListener() {
            @Override
            public void onEvent(QmpEvent e) {
                if (e.name().equals("JOB_STATUS_CHANGE") && jobId.equals(e.text("id"))
                        && "concluded".equals(e.text("status"))) {
                    concluded.complete(null);
                }
            }

            @Override
            public void onClose(VirtException cause) {
                concluded.completeExceptionally(cause);
            }
        })) {
            args.put("job-id", jobId);
            mon.execute(command, args);
            concluded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (VirtException e) {
            throw e;
        } catch (java.util.concurrent.TimeoutException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_TIMEOUT, "%s timed out", what);
        } catch (Exception e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "%s failed: %s", what,
                    e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
        }
        String error = null;
        for (JsonNode j : mon.execute("query-jobs")) {
            if (jobId.equals(j.path("id").asText())) {
                error = j.path("error").asText(null);
            }
        }
        mon.execute("job-dismiss", QemuJson.mapper().createObjectNode().put("id", jobId));
        if (error != null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "%s failed: %s", what, error);
        }
    }
}
