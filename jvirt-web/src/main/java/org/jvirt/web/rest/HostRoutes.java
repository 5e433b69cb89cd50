package org.jvirt.web.rest;

import java.io.InputStream;

import org.eclipse.jetty.io.Content;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.NodeInfo;
import org.jvirt.web.http.Result;
import org.jvirt.web.http.Route.Body;
import org.jvirt.web.http.RouteTable;
import org.jvirt.web.ops.Operation;
import org.jvirt.web.ops.Operations;
import org.jvirt.web.ops.Transfer;

/** The host overview and the operations collection, with the data of upload and download operations. */
public final class HostRoutes {

    private final Connect conn;
    private final Operations ops;

    public HostRoutes(Connect conn, Operations ops) {
        this.conn = conn;
        this.ops = ops;
    }

    public void register(RouteTable t) {
        t.group("/api/v1", "host");
        t.get("/host", "the host: driver, versions, CPUs, memory, object counts", c -> Result.ok(host()));
        t.group("/api/v1/operations", "operations");
        t.get("", "every operation still known (running and recently finished)", c -> Result.ok(
                org.jvirt.web.rest.Views.Page.of(ops.list())));
        t.get("/{id}", "one operation: status, progress, error", c -> Result.ok(ops.get(c.param("id")).view()));
        t.get("/{id}/wait", "wait until the operation ends (?timeout=seconds, at most 60)", c -> {
            Operation op = ops.get(c.param("id"));
            String to = c.query("timeout");
            long secs = 30;
            if (to != null) {
                try {
                    secs = Math.max(0, Math.min(60, Long.parseLong(to)));
                } catch (NumberFormatException e) {
                    throw org.jvirt.web.http.ApiError.badRequest("'timeout' must be a number of seconds");
                }
            }
            op.await(secs * 1000);
            return Result.ok(op.view());
        });
        t.add("DELETE", "/{id}", "cancel the operation (reaches the driver's abortJob)", Body.NONE, 200, false,
                c -> Result.ok(ops.cancel(c.param("id")).view()));
        t.add("PUT", "/{id}/data", "send the bytes of an upload operation (its progress follows them)", Body.BINARY,
                200, false, c -> {
                    Transfer tr = ops.transfer(c.param("id"));
                    try (InputStream in = Content.Source.asInputStream(c.request())) {
                        return Result.ok(tr.upload(in));
                    }
                });
        t.get("/{id}/data", "read the bytes of a download operation (its progress follows them)", c -> {
            Transfer tr = ops.transfer(c.param("id"));
            tr.expect(Transfer.Direction.DOWNLOAD); // before the 200 goes out
            return new Result.Streamed(200, "application/octet-stream", tr::download);
        });
    }

    private Views.Host host() {
        NodeInfo n = conn.nodeGetInfo();
        int active = 0;
        int all = 0;
        for (Domain d : conn.listAllDomains()) {
            all++;
            if (d.getID() >= 0) {
                active++;
            }
        }
        long free;
        try {
            free = conn.nodeGetFreeMemory();
        } catch (RuntimeException e) {
            free = -1;
        }
        return new Views.Host(conn.getURI(), conn.getHostname(), conn.getType(), conn.getVersion(),
                conn.getLibVersion(), n.model(), n.cpus(), n.mhz(), n.memoryKiB(), free, all, active,
                count(conn::numOfNetworks, conn::numOfDefinedNetworks),
                count(conn::numOfStoragePools, conn::numOfDefinedStoragePools));
    }

    private static int count(java.util.function.IntSupplier a, java.util.function.IntSupplier b) {
        try {
            return a.getAsInt() + b.getAsInt();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
