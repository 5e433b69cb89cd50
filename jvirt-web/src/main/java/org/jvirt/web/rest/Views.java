package org.jvirt.web.rest;

import java.util.List;
import java.util.Map;

import org.jvirt.Domain;
import org.jvirt.DomainInfo;
import org.jvirt.DomainStateInfo;
import org.jvirt.Network;
import org.jvirt.StoragePool;
import org.jvirt.StoragePoolInfo;
import org.jvirt.StorageVol;
import org.jvirt.StorageVolInfo;

/** The JSON shapes of the API's objects, one record each, built from the public API. */
public final class Views {

    private Views() {
    }

    public record DomainSummary(String name, String uuid, int id, String state, String reason, boolean active,
                                boolean persistent) {
    }

    public record DomainDetail(String name, String uuid, int id, String state, String reason, boolean active,
                               boolean persistent, boolean autostart, long maxMemoryKiB, long memoryKiB, int vcpus,
                               long cpuTimeNs, boolean hasManagedSave, String osType) {
    }

    public record NetworkView(String name, String uuid, boolean active, boolean persistent, boolean autostart,
                              String bridge) {
    }

    public record PoolView(String name, String uuid, String state, boolean active, boolean persistent,
                           long capacity, long allocation, long available) {
    }

    public record VolumeView(String name, String key, String path, String type, long capacity, long allocation) {
    }

    public record SnapshotView(String name, boolean current, String parent) {
    }

    public record Host(String uri, String hostname, String driver, long version, long libVersion, String cpuModel,
                       int cpus, int mhz, long memoryKiB, long freeMemoryBytes, int domains, int activeDomains,
                       int networks, int pools) {
    }

    public record Page<T>(int count, List<T> items) {
        public static <T> Page<T> of(List<T> items) {
            return new Page<>(items.size(), items);
        }
    }

    public record Message(String message, Map<String, Object> details) {
    }

    static String state(DomainStateInfo s) {
        return s.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    static DomainSummary summary(Domain d) {
        DomainStateInfo s = d.getState();
        return new DomainSummary(d.getName(), d.getUUIDString(), d.getID(), state(s), s.reasonName(),
                d.getID() >= 0 && d.isActive(), d.isPersistent());
    }

    static DomainDetail detail(Domain d) {
        DomainStateInfo s = d.getState();
        DomainInfo i = d.getInfo();
        boolean managed = d.isPersistent() && safe(d::hasManagedSaveImage);
        return new DomainDetail(d.getName(), d.getUUIDString(), d.getID(), state(s), s.reasonName(), d.isActive(),
                d.isPersistent(), d.isPersistent() && d.getAutostart(), i.maxMemKiB(), i.memoryKiB(),
                i.nrVirtCpu(), i.cpuTimeNs(), managed, d.getOSType());
    }

    static NetworkView network(Network n) {
        String bridge;
        try {
            bridge = n.getBridgeName();
        } catch (RuntimeException e) {
            bridge = null;
        }
        return new NetworkView(n.getName(), n.getUUIDString(), n.isActive(), n.isPersistent(),
                n.isPersistent() && n.getAutostart(), bridge);
    }

    static PoolView pool(StoragePool p) {
        StoragePoolInfo i = p.getInfo();
        return new PoolView(p.getName(), p.getUUIDString(), i.state().name().toLowerCase(java.util.Locale.ROOT),
                p.isActive(), p.isPersistent(), i.capacity(), i.allocation(), i.available());
    }

    static VolumeView volume(StorageVol v) {
        StorageVolInfo i = v.getInfo();
        return new VolumeView(v.getName(), v.getKey(), v.getPath(), i.type().name().toLowerCase(java.util.Locale.ROOT),
                i.capacity(), i.allocation());
    }

    private static boolean safe(java.util.function.BooleanSupplier s) {
        try {
            return s.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
