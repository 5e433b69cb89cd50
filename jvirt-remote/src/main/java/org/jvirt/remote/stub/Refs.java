package org.jvirt.remote.stub;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jvirt.SecretUsageType;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomain;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomainSnapshot;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullInterface;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNetwork;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNodeDevice;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNwfilter;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNwfilterBinding;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullSecret;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullStoragePool;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullStorageVol;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteTypedParam;
import org.jvirt.rpc.proto.remote.RemoteTypedParamValue;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DomainSnapshotRef;
import org.jvirt.spi.InterfaceRef;
import org.jvirt.spi.NWFilterBindingRef;
import org.jvirt.spi.NWFilterRef;
import org.jvirt.spi.NetworkRef;
import org.jvirt.spi.NodeDeviceRef;
import org.jvirt.spi.SecretRef;
import org.jvirt.spi.StoragePoolRef;
import org.jvirt.spi.StorageVolRef;

/**
 * SPI identities ↔ libvirt's remote_nonnull_* records (they map field for field), typed parameters ↔ maps, and
 * the small conversions every stub needs.
 */
public final class Refs {

    private Refs() {
    }

    public static DomainRef dom(RemoteNonnullDomain d) {
        return new DomainRef(d.name(), d.uuid(), d.id());
    }

    public static RemoteNonnullDomain wire(DomainRef d) {
        return new RemoteNonnullDomain(d.name(), d.uuid(), d.id());
    }

    public static NetworkRef net(RemoteNonnullNetwork n) {
        return new NetworkRef(n.name(), n.uuid());
    }

    public static RemoteNonnullNetwork wire(NetworkRef n) {
        return new RemoteNonnullNetwork(n.name(), n.uuid());
    }

    public static StoragePoolRef pool(RemoteNonnullStoragePool p) {
        return new StoragePoolRef(p.name(), p.uuid());
    }

    public static RemoteNonnullStoragePool wire(StoragePoolRef p) {
        return new RemoteNonnullStoragePool(p.name(), p.uuid());
    }

    public static StorageVolRef vol(RemoteNonnullStorageVol v) {
        return new StorageVolRef(v.pool(), v.name(), v.key());
    }

    public static RemoteNonnullStorageVol wire(StorageVolRef v) {
        return new RemoteNonnullStorageVol(v.pool(), v.name(), v.key());
    }

    public static NodeDeviceRef dev(RemoteNonnullNodeDevice d) {
        return new NodeDeviceRef(d.name());
    }

    public static RemoteNonnullNodeDevice wire(NodeDeviceRef d) {
        return new RemoteNonnullNodeDevice(d.name());
    }

    public static InterfaceRef iface(RemoteNonnullInterface i) {
        return new InterfaceRef(i.name(), i.mac());
    }

    public static RemoteNonnullInterface wire(InterfaceRef i) {
        return new RemoteNonnullInterface(i.name(), i.mac());
    }

    public static SecretRef secret(RemoteNonnullSecret s) {
        return new SecretRef(s.uuid(), SecretUsageType.fromCode(s.usageType(), SecretUsageType.NONE), s.usageID());
    }

    public static RemoteNonnullSecret wire(SecretRef s) {
        return new RemoteNonnullSecret(s.uuid(), s.usageType() == null ? 0 : s.usageType().code(), s.usageId());
    }

    public static NWFilterRef filter(RemoteNonnullNwfilter f) {
        return new NWFilterRef(f.name(), f.uuid());
    }

    public static RemoteNonnullNwfilter wire(NWFilterRef f) {
        return new RemoteNonnullNwfilter(f.name(), f.uuid());
    }

    public static NWFilterBindingRef binding(RemoteNonnullNwfilterBinding b) {
        return new NWFilterBindingRef(b.portdev(), b.filtername());
    }

    public static RemoteNonnullNwfilterBinding wire(NWFilterBindingRef b) {
        return new RemoteNonnullNwfilterBinding(b.portDev(), b.filterName());
    }

    public static DomainSnapshotRef snap(RemoteNonnullDomainSnapshot s) {
        return new DomainSnapshotRef(dom(s.dom()), s.name());
    }

    public static RemoteNonnullDomainSnapshot wire(DomainSnapshotRef s) {
        return new RemoteNonnullDomainSnapshot(s.name(), wire(s.domain()));
    }

    public static <W, R> List<R> map(List<W> in, Function<W, R> f) {
        List<R> out = new ArrayList<>(in.size());
        for (W w : in) {
            out.add(f.apply(w));
        }
        return out;
    }

    public static boolean bool(int v) {
        return v != 0;
    }

    public static int bit(boolean b) {
        return b ? 1 : 0;
    }

    /** A C string in a fixed char array (NODE_GET_INFO's model): up to the first NUL. */
    public static String cString(byte[] chars) {
        int n = 0;
        while (n < chars.length && chars[n] != 0) {
            n++;
        }
        return new String(chars, 0, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Typed parameters as core's maps, order kept (the conversion lives in jvirt-rpc's TypedParams). */
    public static Map<String, Object> params(List<RemoteTypedParam> params) {
        return org.jvirt.rpc.TypedParams.mapFromWire(params);
    }
}
