package org.jvirt.driver.storage.backend;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StorageVolType;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.exec.Exec;
import org.jvirt.driver.storage.pool.PoolDef;
import org.jvirt.driver.storage.vol.VolDef;
import org.jvirt.driver.storage.vol.Volume;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.jvirt.xml.Dom;
import org.jvirt.xml.XmlParser;
import org.jvirt.xml.XmlWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import static org.jvirt.xml.storage.StorageXmlOut.child;
import static org.jvirt.xml.storage.StorageXmlOut.text;

/**
 * Pools of type logical (storage_backend_logical.c): an LVM volume group. Build blanks and pvcreates each device
 * and vgcreates the group (a failure pvremoves what it made); start and stop are vgchange -aly/-aln; refresh reads
 * vgs and lvs; volumes are LVs made with lvcreate. Activating an LV needs the kernel's device-mapper: where it is
 * missing lvcreate fails and its error is passed on.
 */
public final class LogicalBackend implements Backend {

    @Override
    public boolean isActive(PoolDef def) {
        return Files.exists(def.target()) && matchSource(def);
    }

    @Override
    public void build(PoolDef def, Set<StoragePoolBuildFlag> flags) {
        DirBackend.checkBuildFlags(flags);
        List<String> done = new ArrayList<>();
        try {
            for (String dev : def.devices()) {
                if (!flags.contains(StoragePoolBuildFlag.OVERWRITE)) {
                    String found = FsBackend.probe(dev);
                    if (found != null) {
                        throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.STORAGE_POOL_BUILT,
                                found.equals("LVM2_member") ? "Device '%s' already formatted using '%s'"
                                        : "Format of device '%s' does not match the expected format '%s', forced "
                                        + "overwrite is necessary", dev, "LVM2_member");
                    }
                }
                DeviceBlanks.zeroEnds(dev); // LVM wants the start of a whole disk blank
                Exec.run(List.of("pvcreate", dev));
                done.add(dev);
            }
            Exec.run(vgcreateArgv(def));
        } catch (RuntimeException e) {
            for (String dev : done) {
                Exec.runAllowingFailure(List.of("pvremove", dev));
            }
            throw e;
        }
    }

    public static List<String> vgcreateArgv(PoolDef def) {
        List<String> argv = new ArrayList<>(List.of("vgcreate", def.sourceName()));
        argv.addAll(def.devices());
        return argv;
    }

    @Override
    public void start(PoolDef def) {
        if (!matchSource(def)) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED,
                    "cannot find any matching source devices for logical volume group '%s'", def.sourceName());
        }
        Exec.run(List.of("vgchange", "-aly", def.sourceName()));
    }

    @Override
    public void stop(PoolDef def) {
        Exec.run(List.of("vgchange", "-aln", def.sourceName()));
    }

    @Override
    public void delete(PoolDef def) {
        Exec.run(List.of("vgremove", "-f", def.sourceName()));
        for (String dev : def.devices()) {
            Exec.runAllowingFailure(List.of("pvremove", dev));
        }
    }

    /** virStorageBackendLogicalMatchPoolSource: the group exists and has (one of) the pool's devices. */
    static boolean matchSource(PoolDef def) {
        Map<String, List<String>> groups = pvs();
        List<String> devs = groups.get(def.sourceName());
        if (devs == null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.CONFIG_UNSUPPORTED,
                    "cannot find logical volume group name '%s'", def.sourceName());
        }
        return def.devices().isEmpty() || def.devices().stream().anyMatch(devs::contains);
    }

    /** Volume groups and their devices from {@code pvs --noheadings -o pv_name,vg_name}. */
    static Map<String, List<String>> pvs() {
        Exec.runAllowingFailure(List.of("vgscan"));
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String line : Exec.run(List.of("pvs", "--noheadings", "-o", "pv_name,vg_name")).split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) {
                groups.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[0]);
            }
        }
        return groups;
    }

    @Override
    public Refreshed refresh(PoolDef def) {
        List<Volume> vols = lvs(def);
        String out = Exec.run(List.of("vgs", "--separator", ":", "--noheadings", "--units", "b", "--unbuffered",
                "--nosuffix", "--options", "vg_size,vg_free", def.sourceName()));
        String[] f = out.strip().split(":");
        if (f.length < 2) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR, "cannot parse vgs output '%s'",
                    out.strip());
        }
        long capacity = Long.parseLong(f[0].strip());
        long free = Long.parseLong(f[1].strip());
        return new Refreshed(capacity, capacity - free, free, vols, null);
    }

    /** The LVs of the group (lvs with libvirt's columns). */
    static List<Volume> lvs(PoolDef def) {
        String out = Exec.run(List.of("lvs", "--separator", "#", "--noheadings", "--units", "b", "--unbuffered",
                "--nosuffix", "--options", "lv_name,origin,uuid,devices,segtype,stripes,seg_size,vg_extent_size,"
                        + "size,lv_attr", def.sourceName()));
        Map<String, Volume> vols = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] f = line.strip().split("#", -1);
            if (f.length < 10 || vols.containsKey(f[0])) {
                continue;
            }
            String path = def.targetPath() + "/" + f[0];
            long size = Long.parseLong(f[8]);
            Volume.Target t = new Volume.Target(path, null, -1, -1, -1, null, null, 0, null);
            vols.put(f[0], new Volume(def.name(), f[0], path, StorageVolType.BLOCK, size, size, 0, t, null));
        }
        return new ArrayList<>(vols.values());
    }

    @Override
    public String createVol(PoolDef def, VolDef vol) {
        if (vol.name().contains("/")) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_INVALID,
                    "volume name '%s' cannot contain '/'", vol.name());
        }
        return def.targetPath() + "/" + vol.name();
    }

    /** virStorageBackendLogicalLVCreate's argv: a sparse LV is a snapshot with a virtual size. */
    public static List<String> lvcreateArgv(PoolDef def, VolDef vol) {
        long capacity = vol.capacityOrZero();
        List<String> argv = new ArrayList<>(List.of("lvcreate", "--name", vol.name(), "-L"));
        if (capacity != vol.allocation()) {
            argv.add(((Math.max(vol.allocation(), 1) + 1023) / 1024) + "K");
            argv.addAll(List.of("--type", "snapshot", "--virtualsize"));
        }
        argv.add(((capacity + 1023) / 1024) + "K");
        if (vol.backingPath() != null) {
            argv.addAll(List.of("-s", vol.backingPath()));
        } else {
            argv.add(def.sourceName());
        }
        argv.add("--yes");
        return argv;
    }

    @Override
    public void buildVol(PoolDef def, VolDef vol, String path, Volume input, boolean preallocMetadata) {
        if (input != null) {
            throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.NO_SUPPORT, "%s",
                    "cloning into a logical volume needs the volume active, which this host cannot do");
        }
        Exec.Result r = Exec.runAllowingFailure(lvcreateArgv(def, vol));
        if (!r.ok()) {
            if (r.stderr().contains("device-mapper")) {
                throw VirtException.of(ErrorDomain.STORAGE, ErrorNumber.OPERATION_FAILED,
                        "cannot create logical volume '%s': the kernel has no device-mapper (lvcreate: %s)",
                        vol.name(), r.stderr().lines().filter(l -> l.contains("device-mapper")).findFirst()
                                .orElse("").strip());
            }
            throw Exec.failure(lvcreateArgv(def, vol), r);
        }
    }

    @Override
    public Volume refreshVol(PoolDef def, String name, String path) {
        return lvs(def).stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    @Override
    public void deleteVol(PoolDef def, Volume vol) {
        Exec.Result r = Exec.runAllowingFailure(List.of("lvremove", "-f", vol.path()));
        if (!r.ok()) {
            Exec.run(List.of("lvchange", "-aln", vol.path()));
            Exec.run(List.of("lvremove", "-f", vol.path()));
        }
    }

    /** virStorageBackendLogicalFindPoolSources: every volume group and its devices. */
    @Override
    public String findSources(String srcSpec) {
        Document d = XmlParser.newDocument();
        Element r = d.createElement("sources");
        d.appendChild(r);
        for (Map.Entry<String, List<String>> g : pvs().entrySet()) {
            Element s = child(r, "source");
            for (String dev : g.getValue()) {
                Dom.setAttribute(child(s, "device"), "path", dev);
            }
            text(s, "name", g.getKey());
            Dom.setAttribute(child(s, "format"), "type", "lvm2");
        }
        return XmlWriter.toXml(d);
    }
}
