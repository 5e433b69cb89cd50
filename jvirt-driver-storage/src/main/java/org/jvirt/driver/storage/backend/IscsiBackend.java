package org.jvirt.driver.storage.backend;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StorageVolType;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.exec.Exec;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.driver.storage.vol.Volume;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import static org.jvirt.xml.storage.StorageXmlOut.child;

/**
 * Pools of type iscsi (storage_backend_iscsi.c, util/viriscsi.c): start logs in to the target with iscsiadm
 * (after making its node record), stop logs out, refresh rescans the session and lists its LUNs from sysfs as
 * volumes; source discovery asks the portal for its targets. Needs the kernel's iSCSI initiator (iscsi_tcp) and
 * iscsid; where they are missing, iscsiadm's error is passed on.
 */
public final class IscsiBackend implements Backend {

    private static final int DEFAULT_PORT = 3260;
    private static final Pattern SESSION = Pattern.compile("^tcp:\\s+\\[(\\S+)\\]\\s+\\S+\\s+(\\S+).*$");
    private static final Pattern TARGET = Pattern.compile("^\\s*(\\S+)\\s+(\\S+)\\s*$");

    /** virStorageBackendISCSIPortal: host:port,1 (an IPv6 host in brackets). */
    public static String portal(String host, int port) {
        int p = port == 0 ? DEFAULT_PORT : port;
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + p + ",1";
    }

    private static String portal(PoolDef def) {
        if (def.hosts().size() != 1) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED, "%s",
                    "Expected exactly 1 host for the storage pool");
        }
        Map.Entry<String, Integer> h = def.hosts().get(0);
        return portal(h.getKey(), h.getValue());
    }

    private static String target(PoolDef def) {
        if (def.devices().size() != 1) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR, "%s", "missing source device");
        }
        return def.devices().get(0);
    }

    public static List<String> nodeNewArgv(String portal, String target) {
        return List.of("iscsiadm", "--mode", "node", "--portal", portal, "--targetname", target, "--op", "new");
    }

    public static List<String> nodeDeleteArgv(String portal, String target) {
        return List.of("iscsiadm", "--mode", "node", "--portal", portal, "--targetname", target, "--op", "delete");
    }

    public static List<String> loginArgv(String portal, String target) {
        return List.of("iscsiadm", "--mode", "node", "--portal", portal, "--targetname", target, "--login");
    }

    public static List<String> logoutArgv(String portal, String target) {
        return List.of("iscsiadm", "--mode", "node", "--portal", portal, "--targetname", target, "--logout");
    }

    public static List<String> discoveryArgv(String portal) {
        return List.of("iscsiadm", "--mode", "discovery", "--type", "sendtargets", "--portal", portal, "--op",
                "nonpersistent");
    }

    /** The session id of {@code target} in {@code iscsiadm --mode session} output, or null. */
    public static String sessionOf(String output, String target) {
        for (String line : output.split("\n")) {
            Matcher m = SESSION.matcher(line.strip());
            if (m.matches() && m.group(2).equals(target)) {
                return m.group(1);
            }
        }
        return null;
    }

    /** The targets a sendtargets discovery printed ("portal,tpgt iqn" per line). */
    public static List<String> targetsOf(String output) {
        List<String> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher m = TARGET.matcher(line);
            if (m.matches() && m.group(1).contains(":")) {
                out.add(m.group(2));
            }
        }
        return out;
    }

    /** The session of the pool's target, or null (probe) / libvirt's error. */
    private static String session(PoolDef def, boolean probe) {
        Exec.Result r = Exec.runAllowingFailure(List.of("iscsiadm", "--mode", "session"));
        String id = r.ok() ? sessionOf(r.stdout(), target(def)) : null;
        if (id == null && !probe) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR, "cannot find iscsiadm session: %s",
                    r.stderr().strip());
        }
        return id;
    }

    @Override
    public boolean isActive(PoolDef def) {
        return session(def, true) != null;
    }

    @Override
    public void start(PoolDef def) {
        if (def.hosts().size() != 1) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED, "%s",
                    "Expected exactly 1 host for the storage pool");
        }
        String target = target(def);
        if (session(def, true) == null) {
            String portal = portal(def);
            Exec.run(nodeNewArgv(portal, target));
            try {
                Exec.run(loginArgv(portal, target));
            } catch (RuntimeException e) {
                // the node record made for this login goes with it: a failed start leaves nothing behind
                Exec.runAllowingFailure(nodeDeleteArgv(portal, target));
                throw e;
            }
        }
    }

    @Override
    public void stop(PoolDef def) {
        if (session(def, true) != null) {
            Exec.run(logoutArgv(portal(def), target(def)));
        }
    }

    /** The LUNs of the session (virStorageBackendSCSIFindLUs): each block device below its SCSI target. */
    @Override
    public Refreshed refresh(PoolDef def) {
        String id = session(def, false);
        Exec.run(List.of("iscsiadm", "--mode", "session", "-r", id, "-R"));
        List<Volume> vols = new ArrayList<>();
        long capacity = 0;
        Path dev = Path.of("/sys/class/iscsi_session/session" + id + "/device");
        try (DirectoryStream<Path> targets = Files.newDirectoryStream(dev, "target*")) {
            for (Path t : targets) {
                try (DirectoryStream<Path> luns = Files.newDirectoryStream(t)) {
                    for (Path lun : luns) {
                        String hctl = lun.getFileName().toString();
                        Path block = lun.resolve("block");
                        if (!hctl.matches("\\d+:\\d+:\\d+:\\d+") || !Files.isDirectory(block)) {
                            continue;
                        }
                        try (DirectoryStream<Path> bs = Files.newDirectoryStream(block)) {
                            for (Path b : bs) {
                                String name = b.getFileName().toString();
                                long size = Long.parseLong(Files.readString(b.resolve("size")).strip()) * 512;
                                String[] n = hctl.split(":");
                                String volName = "unit:" + n[1] + ":" + n[2] + ":" + n[3];
                                String path = "/dev/" + name;
                                Volume.Target tg = new Volume.Target(path, null, -1, -1, -1, null, null, 0, null);
                                vols.add(new Volume(def.name(), volName, path, StorageVolType.BLOCK, size, size, 0,
                                        tg, null));
                                capacity += size;
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR,
                    "Failed to get host number for iSCSI session with path '%s'", dev);
        }
        return new Refreshed(capacity, capacity, 0, vols, null);
    }

    @Override
    public Volume refreshVol(PoolDef def, String name, String path) {
        return refresh(def).volumes().stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    /** virStorageBackendISCSIFindPoolSources: the targets the portal names. */
    @Override
    public String findSources(String srcSpec) {
        if (srcSpec == null || srcSpec.isBlank()) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INVALID_ARG, "%s",
                    "hostname must be specified for iscsi sources");
        }
        Element src = XmlParser.defaults().parse(srcSpec, "(storage_source_specification)", ErrorDomain.STORAGE,
                "source").getDocumentElement();
        List<Element> hosts = Dom.children(src, "host");
        if (hosts.size() != 1) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED, "%s",
                    "Expected exactly 1 host for the storage pool");
        }
        String host = Dom.attribute(hosts.get(0), "name");
        String port = Dom.attribute(hosts.get(0), "port");
        String portal = portal(host, port == null ? 0 : Integer.parseInt(port.strip()));
        List<String> targets = targetsOf(Exec.run(discoveryArgv(portal)));
        Document d = XmlParser.newDocument();
        Element r = d.createElement("sources");
        d.appendChild(r);
        for (String t : targets) {
            Element s = child(r, "source");
            Element h = child(s, "host");
            Dom.setAttribute(h, "name", host);
            if (port != null) {
                Dom.setAttribute(h, "port", port.strip());
            }
            Dom.setAttribute(child(s, "device"), "path", t);
        }
        return XmlWriter.toXml(d);
    }
}
