package org.jvirt.web.rest;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.jvirt.Connect;
import org.jvirt.web.http.ApiError;
import org.jvirt.web.http.Call;
import org.jvirt.web.http.Result;
import org.jvirt.web.http.Route.Body;
import org.jvirt.web.http.RouteTable;
import org.jvirt.web.ops.Operation;
import org.jvirt.web.ops.Operations;
import org.jvirt.install.InstallRequest;
import org.jvirt.install.Progress;
import org.jvirt.install.Provisioner;
import org.jvirt.install.os.OsinfoCatalog;

/**
 * OS-aware installs, virt-install's job, as an operation: the OS database's systems for the wizard, and an install
 * run by jvirt-install's {@link Provisioner} (the same defaults, checks and undo as {@code bin/jvirt-install}),
 * its steps reported as the operation's progress.
 */
public final class InstallRoutes {

    /** An OS the wizard offers. */
    public record OsView(String shortId, String name) {
    }

    private final Connect conn;
    private final Operations ops;
    private final Supplier<OsinfoCatalog> catalog;

    public InstallRoutes(Connect conn, Operations ops, Supplier<OsinfoCatalog> catalog) {
        this.conn = conn;
        this.ops = ops;
        this.catalog = catalog;
    }

    public void register(RouteTable t) {
        t.group("/api/v1/osinfo", "install");
        t.get("/os", "the operating systems of the osinfo database (short id, name), for OS-aware installs",
                c -> Result.ok(Views.Page.of(catalog.get().db().all().stream()
                        .map(o -> new OsView(o.shortId(), o.name()))
                        .sorted(Comparator.comparing(OsView::shortId)).toList())));
        t.group("/api/v1/domains", "domains");
        t.add("POST", "/install", "install a new VM for an OS, as virt-install does (an operation; JSON {\"name\","
                + " \"os\", \"memoryMiB\", \"vcpus\", \"diskGiB\", \"pool\", \"network\", \"cdrom\" | \"location\" |"
                + " \"importDisk\"})", Body.JSON, 202, false, c -> {
                    InstallRequest req = request(c.jsonBody());
                    catalog.get().require(req.os().name()); // an unknown OS is a 400 now, not a failed operation
                    Provisioner p = new Provisioner(conn, catalog.get());
                    return DomainRoutes.accepted(ops.start("install", "/api/v1/domains/" + req.name(), op -> {
                        Provisioner.Result r = p.install(req, Provisioner.Options.DEFAULT, progress(op));
                        return Views.summary(r.domain());
                    }));
                });
    }

    /** The JSON description as virt-install's options. */
    static InstallRequest request(JsonNode n) {
        InstallRequest.Builder b = InstallRequest.builder().name(Call.text(n, "name")).os(Call.text(n, "os"));
        if (n.hasNonNull("memoryMiB")) {
            b.memoryMiB(positive(n, "memoryMiB"));
        }
        if (n.hasNonNull("vcpus")) {
            b.vcpus((int) positive(n, "vcpus"));
        }
        String pool = n.hasNonNull("pool") ? n.get("pool").asText() : null;
        int sources = 0;
        if (n.hasNonNull("cdrom")) {
            b.method(new InstallRequest.InstallMethod.Cdrom(path(n, "cdrom")));
            sources++;
        }
        if (n.hasNonNull("location")) {
            b.method(new InstallRequest.InstallMethod.Location(path(n, "location"), null, null));
            sources++;
        }
        if (n.hasNonNull("importDisk")) {
            b.method(new InstallRequest.InstallMethod.Import());
            b.disk(new InstallRequest.DiskSpec(false, path(n, "importDisk").toString(), null, null, null, null, null,
                    null));
            sources++;
        }
        if (sources != 1) {
            throw ApiError.badRequest("exactly one of 'cdrom', 'location' and 'importDisk' is required");
        }
        if (n.hasNonNull("diskGiB")) {
            if (n.hasNonNull("importDisk")) {
                throw ApiError.badRequest("'diskGiB' makes a new disk; 'importDisk' uses an existing one");
            }
            JsonNode size = n.get("diskGiB");
            if (!size.isNumber() || size.asDouble() <= 0) {
                throw ApiError.badRequest("'diskGiB' must be a number > 0");
            }
            b.disk(new InstallRequest.DiskSpec(false, null, size.asDouble(), pool, null, null, null, null));
        }
        if (n.hasNonNull("network")) {
            b.network(new InstallRequest.NetworkSpec(InstallRequest.NetworkSpec.Kind.NETWORK,
                    n.get("network").asText(), null, null));
        }
        return b.build();
    }

    private static long positive(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (!v.canConvertToLong() || v.asLong() <= 0) {
            throw ApiError.badRequest("'" + field + "' must be a whole number > 0");
        }
        return v.asLong();
    }

    private static Path path(JsonNode n, String field) {
        String p = n.get(field).asText();
        if (!p.startsWith("/") || List.of(p.split("/")).contains("..")) {
            throw ApiError.badRequest("'" + field + "' must be an absolute path without '..'");
        }
        return Path.of(p);
    }

    /** Each step's share done as the operation's progress; the last step ends at 100 with the operation. */
    private static Progress progress(Operation op) {
        return new Progress() {
            private long total;

            @Override
            public void start(String label, long size) {
                total = size;
                op.progress(0);
            }

            @Override
            public void update(long done) {
                if (total > 0) {
                    op.progress((int) (done * 100 / total));
                }
            }

            @Override
            public void end(long done) {
                op.progress(100);
            }
        };
    }
}
