package org.jvirt.web.rest;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainJobInfo;
import org.jvirt.DomainSnapshot;
import org.jvirt.DomainStatsRecord;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.flags.DomainStatsType;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.web.http.ApiError;
import org.jvirt.web.http.Call;
import org.jvirt.web.http.Etags;
import org.jvirt.web.http.Result;
import org.jvirt.web.http.Route.Body;
import org.jvirt.web.http.RouteTable;
import org.jvirt.web.ops.Operation;
import org.jvirt.web.ops.Operations;

/** Domains: list with state, define (XML or JSON), lifecycle, XML with ETag, devices, snapshots, save, migrate. */
public final class DomainRoutes {

    /** The lifecycle actions: one route each, one home for their names. */
    enum Action {
        START("start the domain", Domain::create),
        SHUTDOWN("ask the guest to shut down", Domain::shutdown),
        DESTROY("stop the domain at once", Domain::destroy),
        REBOOT("ask the guest to reboot", Domain::reboot),
        RESET("reset the domain", Domain::reset),
        SUSPEND("pause the domain's vCPUs", Domain::suspend),
        RESUME("resume a paused domain", Domain::resume);

        final String summary;
        final Consumer<Domain> run;

        Action(String summary, Consumer<Domain> run) {
            this.summary = summary;
            this.run = run;
        }
    }

    private final Connect conn;
    private final Operations ops;

    public DomainRoutes(Connect conn, Operations ops) {
        this.conn = conn;
        this.ops = ops;
    }

    public void register(RouteTable t) {
        t.group("/api/v1/domains", "domains");
        t.get("", "list the domains with their state", c -> Result.ok(Views.Page.of(
                conn.listAllDomains().stream().map(Views::summary).toList())));
        t.add("POST", "", "define a domain from libvirt XML or a JSON description", Body.XML_OR_JSON, 201, false,
                this::define);
        t.get("/{name}", "one domain: state, memory, vCPUs, CPU time (ETag of its definition)", c -> {
            Domain d = dom(c);
            return new Result.Json(200, Views.detail(d), etag(d));
        });
        t.get("/{name}/xml", "the domain's XML (?inactive=1 for the persistent definition)", c -> {
            Domain d = dom(c);
            String xml = c.flag("inactive") ? d.getXMLDesc(DomainXMLFlag.INACTIVE) : d.getXMLDesc();
            return new Result.Bytes(200, "application/xml", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    etag(d));
        });
        t.add("PUT", "/{name}/xml", "redefine the domain from XML (If-Match)", Body.XML, 200, true, c -> {
            Domain d = dom(c);
            c.checkIfMatch(etag(d));
            String xml = c.bodyText();
            Domain nd = conn.domainDefineXML(xml);
            if (!nd.getName().equals(d.getName())) {
                throw ApiError.badRequest("the XML names domain '" + nd.getName() + "', not '" + d.getName() + "'");
            }
            return new Result.Json(200, Views.detail(nd), etag(nd));
        });
        t.add("DELETE", "/{name}", "undefine the domain (If-Match)", Body.NONE, 204, true, c -> {
            Domain d = dom(c);
            c.checkIfMatch(etag(d));
            d.undefine();
            return Result.noContent();
        });
        for (Action a : Action.values()) {
            t.add("POST", "/{name}/" + a.name().toLowerCase(java.util.Locale.ROOT), a.summary, Body.NONE, 200, false,
                    c -> {
                        Domain d = dom(c);
                        a.run.accept(d);
                        return Result.ok(Views.summary(d));
                    });
        }
        t.get("/{name}/stats", "the domain's bulk statistics (virConnectGetAllDomainStats)", c -> {
            List<DomainStatsRecord> r = conn.domainListGetStats(List.of(dom(c)), EnumSet.noneOf(DomainStatsType.class));
            return Result.ok(r.isEmpty() ? Map.of() : r.get(0).params());
        });
        t.add("POST", "/{name}/devices", "attach a device (XML; ?live=1&config=1)", Body.XML, 204, false, c -> {
            dom(c).attachDevice(c.bodyText(), impact(c));
            return Result.noContent();
        });
        t.add("POST", "/{name}/devices/detach", "detach the device the XML describes (?live=1&config=1)", Body.XML,
                204, false, c -> {
                    dom(c).detachDevice(c.bodyText(), impact(c));
                    return Result.noContent();
                });
        t.get("/{name}/snapshots", "the domain's snapshots", c -> {
            Domain d = dom(c);
            return Result.ok(Views.Page.of(d.listAllSnapshots().stream().map(DomainRoutes::snapshot).toList()));
        });
        t.add("POST", "/{name}/snapshots", "take a snapshot (snapshot XML, or JSON {\"name\", \"description\"})",
                Body.XML_OR_JSON, 201, false, c -> {
                    Domain d = dom(c);
                    String xml = c.bodyIsXml() ? c.bodyText() : snapshotXml(c.jsonBody());
                    return Result.json(201, snapshot(d.snapshotCreateXML(xml)));
                });
        t.get("/{name}/snapshots/{snapshot}", "one snapshot", c -> Result.ok(snapshot(snap(c))));
        t.add("POST", "/{name}/snapshots/{snapshot}/revert", "revert the domain to the snapshot", Body.NONE, 200,
                false, c -> {
                    snap(c).revert();
                    return Result.ok(Views.summary(dom(c)));
                });
        t.add("DELETE", "/{name}/snapshots/{snapshot}", "delete the snapshot", Body.NONE, 204, false, c -> {
            snap(c).delete();
            return Result.noContent();
        });
        t.add("POST", "/{name}/save", "save the running domain to a file: an operation (JSON {\"path\"})", Body.JSON,
                202, false, c -> {
                    Domain d = dom(c);
                    String path = DomainSpec.path(c.jsonBody(), "path");
                    return accepted(ops.start("save", "/api/v1/domains/" + d.getName(), op -> {
                        op.canceller(d::abortJob);
                        Thread poll = progressOf(d, op);
                        try {
                            d.save(path, null);
                        } finally {
                            poll.interrupt();
                        }
                        return Map.of("path", path);
                    }));
                });
        t.add("POST", "/{name}/migrate", "migrate the domain to another host: an operation (JSON {\"destination\"},"
                + " a connection URI)", Body.JSON, 202, false, c -> {
                    Domain d = dom(c);
                    String dest = Call.text(c.jsonBody(), "destination");
                    return accepted(ops.start("migrate", "/api/v1/domains/" + d.getName(), op -> {
                        op.canceller(d::abortJob);
                        Thread poll = progressOf(d, op);
                        try {
                            d.migrateToURI3(dest, Map.of(), org.jvirt.flags.DomainMigrateFlag.LIVE,
                                    org.jvirt.flags.DomainMigrateFlag.PEER2PEER);
                        } finally {
                            poll.interrupt();
                        }
                        return Map.of("destination", dest);
                    }));
                });
    }

    static Result accepted(Operation op) {
        return new Result.Json(202, op.view(), null);
    }

    /** Polls the domain's job while the operation runs: data processed over data total, in percent. */
    static Thread progressOf(Domain d, Operation op) {
        return Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    DomainJobInfo j = d.getJobInfo();
                    if (j.dataTotal() > 0) {
                        op.progress((int) (100 * j.dataProcessed() / j.dataTotal()));
                    }
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    return; // the driver keeps no job information: the operation still ends with 100
                }
            }
        });
    }

    private Result define(Call c) throws Exception {
        String xml = c.bodyIsXml() ? c.bodyText() : DomainSpec.toXml(c.jsonBody());
        Domain d = conn.domainDefineXML(xml);
        return new Result.Json(201, Views.detail(d), etag(d));
    }

    Domain dom(Call c) {
        return conn.domainLookupByName(c.param("name"));
    }

    private DomainSnapshot snap(Call c) {
        return dom(c).snapshotLookupByName(c.param("snapshot"));
    }

    static String etag(Domain d) {
        return Etags.of(d.isPersistent() ? d.getXMLDesc(DomainXMLFlag.INACTIVE) : d.getXMLDesc());
    }

    private static DomainDeviceModifyFlag[] impact(Call c) {
        List<DomainDeviceModifyFlag> f = new ArrayList<>();
        if (c.flag("live")) {
            f.add(DomainDeviceModifyFlag.LIVE);
        }
        if (c.flag("config")) {
            f.add(DomainDeviceModifyFlag.CONFIG);
        }
        return f.toArray(DomainDeviceModifyFlag[]::new);
    }

    private static Views.SnapshotView snapshot(DomainSnapshot s) {
        String parent;
        try {
            parent = s.getParent().getName();
        } catch (RuntimeException e) {
            parent = null;
        }
        return new Views.SnapshotView(s.getName(), s.isCurrent(), parent);
    }

    private static String snapshotXml(JsonNode n) {
        return org.jvirt.xml.snapshot.DomainSnapshotXml.create(Call.text(n, "name"),
                n.hasNonNull("description") ? n.get("description").asText() : null).toXml();
    }
}
