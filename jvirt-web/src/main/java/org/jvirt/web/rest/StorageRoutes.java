package org.jvirt.web.rest;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.io.Content;
import org.jvirt.Connect;
import org.jvirt.Stream;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.flags.StorageXMLFlag;
import org.jvirt.web.http.ApiError;
import org.jvirt.web.http.Call;
import org.jvirt.web.http.Etags;
import org.jvirt.web.http.Result;
import org.jvirt.web.http.Route.Body;
import org.jvirt.web.http.RouteTable;
import org.jvirt.web.ops.Operations;
import org.jvirt.web.ops.Transfer;
import org.jvirt.xml.storage.StorageVolumeXml;

/**
 * Storage pools and their volumes: list, define, start, stop, refresh; volumes created from XML or JSON, cloned
 * (an operation), their content streamed down and up directly or as upload and download operations.
 */
public final class StorageRoutes {

    private static final int CHUNK = 256 * 1024;

    private final Connect conn;
    private final Operations ops;

    public StorageRoutes(Connect conn, Operations ops) {
        this.conn = conn;
        this.ops = ops;
    }

    public void register(RouteTable t) {
        t.group("/api/v1/pools", "storage");
        t.get("", "list the storage pools", c -> Result.ok(Views.Page.of(
                conn.listAllStoragePools().stream().map(Views::pool).toList())));
        t.add("POST", "", "define a storage pool from libvirt XML", Body.XML, 201, false, c -> {
            StoragePool p = conn.storagePoolDefineXML(c.bodyText());
            return new Result.Json(201, Views.pool(p), etag(p));
        });
        t.get("/{pool}", "one storage pool", c -> {
            StoragePool p = pool(c);
            return new Result.Json(200, Views.pool(p), etag(p));
        });
        t.get("/{pool}/xml", "the pool's XML", c -> {
            StoragePool p = pool(c);
            return new Result.Bytes(200, "application/xml", p.getXMLDesc().getBytes(StandardCharsets.UTF_8), etag(p));
        });
        t.add("POST", "/{pool}/start", "start the pool", Body.NONE, 200, false, c -> {
            StoragePool p = pool(c);
            p.create();
            return Result.ok(Views.pool(p));
        });
        t.add("POST", "/{pool}/stop", "stop the pool (virStoragePoolDestroy)", Body.NONE, 200, false, c -> {
            StoragePool p = pool(c);
            p.destroy();
            return Result.ok(Views.pool(p));
        });
        t.add("POST", "/{pool}/refresh", "rescan the pool's volumes", Body.NONE, 200, false, c -> {
            StoragePool p = pool(c);
            p.refresh();
            return Result.ok(Views.pool(p));
        });
        t.add("DELETE", "/{pool}", "undefine the pool (If-Match)", Body.NONE, 204, true, c -> {
            StoragePool p = pool(c);
            c.checkIfMatch(etag(p));
            p.undefine();
            return Result.noContent();
        });
        t.get("/{pool}/volumes", "the pool's volumes", c -> Result.ok(Views.Page.of(
                pool(c).listAllVolumes().stream().map(Views::volume).toList())));
        t.add("POST", "/{pool}/volumes", "create a volume (volume XML, or JSON {\"name\", \"capacity\", \"format\"})",
                Body.XML_OR_JSON, 201, false, c -> {
                    StoragePool p = pool(c);
                    String xml = c.bodyIsXml() ? c.bodyText() : volumeXml(c.jsonBody());
                    return Result.json(201, Views.volume(p.storageVolCreateXML(xml)));
                });
        t.get("/{pool}/volumes/{volume}", "one volume", c -> Result.ok(Views.volume(vol(c))));
        t.add("DELETE", "/{pool}/volumes/{volume}", "delete the volume", Body.NONE, 204, false, c -> {
            vol(c).delete();
            return Result.noContent();
        });
        t.add("POST", "/{pool}/volumes/{volume}/clone", "clone the volume into a new one of the same pool: an"
                + " operation (JSON {\"name\"})", Body.JSON, 202, false, c -> {
                    StoragePool p = pool(c);
                    StorageVol src = vol(c);
                    String name = Call.text(c.jsonBody(), "name");
                    StorageVolumeXml from = StorageVolumeXml.parse(src.getXMLDesc());
                    StorageVolumeXml to = StorageVolumeXml.create(name, src.getInfo().capacity());
                    if (from.targetFormat() != null) {
                        to.targetFormat(from.targetFormat());
                    }
                    String xml = to.toXml();
                    return DomainRoutes.accepted(ops.start("clone", "/api/v1/pools/" + p.getName() + "/volumes/"
                            + src.getName(), op -> Views.volume(p.storageVolCreateXMLFrom(xml, src))));
                });
        t.add("POST", "/{pool}/volumes/{volume}/upload", "an upload operation (JSON {\"length\"}): send the bytes"
                + " with PUT to the operation's data path", Body.JSON, 202, false, c -> {
                    StorageVol v = vol(c);
                    JsonNode len = c.jsonBody().get("length");
                    if (len == null || !len.canConvertToLong() || len.asLong() < 0) {
                        throw ApiError.badRequest("'length' (bytes, a number >= 0) is required");
                    }
                    long length = len.asLong();
                    return DomainRoutes.accepted(ops.startTransfer("upload", resource(c),
                            new Transfer(Transfer.Direction.UPLOAD, length, () -> {
                                Stream s = conn.newStream();
                                v.upload(s, 0, length);
                                return s;
                            })));
                });
        t.add("POST", "/{pool}/volumes/{volume}/download", "a download operation: read the bytes with GET from the"
                + " operation's data path", Body.NONE, 202, false, c -> {
                    StorageVol v = vol(c);
                    long length = v.getInfo().capacity();
                    return DomainRoutes.accepted(ops.startTransfer("download", resource(c),
                            new Transfer(Transfer.Direction.DOWNLOAD, length, () -> {
                                Stream s = conn.newStream();
                                v.download(s, 0, 0);
                                return s;
                            })));
                });
        t.get("/{pool}/volumes/{volume}/content", "download the volume's bytes (streamed)", c -> {
            StorageVol v = vol(c);
            Stream s = conn.newStream();
            v.download(s, 0, 0);
            return new Result.Streamed(200, "application/octet-stream", out -> {
                byte[] buf = new byte[CHUNK];
                try {
                    int n;
                    while ((n = s.recv(buf, 0, buf.length)) > 0) {
                        out.write(buf, 0, n);
                    }
                    s.finish();
                } catch (Exception e) {
                    s.abort();
                    throw e;
                }
            });
        });
        t.add("PUT", "/{pool}/volumes/{volume}/content", "upload bytes into the volume from its start (streamed)",
                Body.BINARY, 200, false, c -> {
                    StorageVol v = vol(c);
                    long length = c.request().getLength();
                    Stream s = conn.newStream();
                    v.upload(s, 0, Math.max(0, length));
                    long total = 0;
                    try (InputStream in = Content.Source.asInputStream(c.request())) {
                        byte[] buf = new byte[CHUNK];
                        int n;
                        while ((n = in.read(buf)) > 0) {
                            s.send(buf, 0, n);
                            total += n;
                        }
                        s.finish();
                    } catch (Exception e) {
                        s.abort();
                        throw e;
                    }
                    return Result.ok(Map.of("bytes", total));
                });
    }

    private static String resource(Call c) {
        return "/api/v1/pools/" + c.param("pool") + "/volumes/" + c.param("volume");
    }

    private StoragePool pool(Call c) {
        return conn.storagePoolLookupByName(c.param("pool"));
    }

    private StorageVol vol(Call c) {
        return pool(c).storageVolLookupByName(c.param("volume"));
    }

    static String etag(StoragePool p) {
        return Etags.of(Etags.definition(p.isPersistent(), () -> p.getXMLDesc(StorageXMLFlag.INACTIVE),
                p::getXMLDesc));
    }

    private static String volumeXml(JsonNode n) {
        String name = Call.text(n, "name");
        JsonNode cap = n.get("capacity");
        if (cap == null || !cap.canConvertToLong() || cap.asLong() < 0) {
            throw ApiError.badRequest("'capacity' (bytes, a number >= 0) is required");
        }
        StorageVolumeXml x = StorageVolumeXml.create(name, cap.asLong());
        if (n.hasNonNull("format")) {
            x.targetFormat(n.get("format").asText());
        }
        return x.toXml();
    }
}
