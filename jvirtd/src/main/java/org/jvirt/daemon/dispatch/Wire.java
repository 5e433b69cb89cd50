package org.jvirt.daemon.dispatch;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainCheckpoint;
import org.jvirt.DomainSnapshot;
import org.jvirt.Interface;
import org.jvirt.NWFilter;
import org.jvirt.NWFilterBinding;
import org.jvirt.Network;
import org.jvirt.NodeDevice;
import org.jvirt.Secret;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomain;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomainCheckpoint;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomainSnapshot;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullInterface;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNetwork;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNodeDevice;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNwfilter;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNwfilterBinding;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullSecret;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullStoragePool;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullStorageVol;

/**
 * Object handles between the wire and the API. Incoming handles are resolved the way libvirtd's drivers
 * resolve them: domains, networks, pools, secrets and filters by UUID (name and id are not trusted), volumes by
 * pool name and volume name, interfaces, node devices and bindings by name, snapshots by domain and name — so
 * a stale handle gives the API's own "not found" error.
 */
public final class Wire {

    private Wire() {
    }

    public static RemoteNonnullDomain dom(Domain d) {
        return new RemoteNonnullDomain(d.getName(), d.getUUID(), d.getID());
    }

    public static Domain dom(Connect c, RemoteNonnullDomain d) {
        return c.domainLookupByUUID(d.uuid());
    }

    public static RemoteNonnullNetwork net(Network n) {
        return new RemoteNonnullNetwork(n.getName(), n.getUUID());
    }

    public static Network net(Connect c, RemoteNonnullNetwork n) {
        return c.networkLookupByUUID(n.uuid());
    }

    public static RemoteNonnullStoragePool pool(StoragePool p) {
        return new RemoteNonnullStoragePool(p.getName(), p.getUUID());
    }

    public static StoragePool pool(Connect c, RemoteNonnullStoragePool p) {
        return c.storagePoolLookupByUUID(p.uuid());
    }

    public static RemoteNonnullStorageVol vol(StorageVol v) {
        return new RemoteNonnullStorageVol(v.ref().pool(), v.getName(), v.getKey());
    }

    public static StorageVol vol(Connect c, RemoteNonnullStorageVol v) {
        return c.storagePoolLookupByName(v.pool()).storageVolLookupByName(v.name());
    }

    public static RemoteNonnullNodeDevice nodeDev(NodeDevice d) {
        return new RemoteNonnullNodeDevice(d.getName());
    }

    public static NodeDevice nodeDev(Connect c, String name) {
        return c.nodeDeviceLookupByName(name);
    }

    public static RemoteNonnullInterface iface(Interface i) {
        return new RemoteNonnullInterface(i.getName(), i.getMACString());
    }

    public static Interface iface(Connect c, RemoteNonnullInterface i) {
        return c.interfaceLookupByName(i.name());
    }

    public static RemoteNonnullSecret secret(Secret s) {
        return new RemoteNonnullSecret(s.getUUID(), s.getUsageType().code(), s.getUsageID());
    }

    public static Secret secret(Connect c, RemoteNonnullSecret s) {
        return c.secretLookupByUUID(s.uuid());
    }

    public static RemoteNonnullNwfilter nwfilter(NWFilter f) {
        return new RemoteNonnullNwfilter(f.getName(), f.getUUID());
    }

    public static NWFilter nwfilter(Connect c, RemoteNonnullNwfilter f) {
        return c.nwfilterLookupByUUID(f.uuid());
    }

    public static RemoteNonnullNwfilterBinding binding(NWFilterBinding b) {
        return new RemoteNonnullNwfilterBinding(b.getPortDev(), b.getFilterName());
    }

    public static NWFilterBinding binding(Connect c, RemoteNonnullNwfilterBinding b) {
        return c.nwfilterBindingLookupByPortDev(b.portdev());
    }

    public static RemoteNonnullDomainSnapshot snap(DomainSnapshot s) {
        return new RemoteNonnullDomainSnapshot(s.getName(), dom(s.getDomain()));
    }

    public static DomainSnapshot snap(Connect c, RemoteNonnullDomainSnapshot s) {
        return dom(c, s.dom()).snapshotLookupByName(s.name());
    }

    public static RemoteNonnullDomainCheckpoint checkpoint(DomainCheckpoint k) {
        return new RemoteNonnullDomainCheckpoint(k.getName(), dom(k.getDomain()));
    }

    public static DomainCheckpoint checkpoint(Connect c, RemoteNonnullDomainCheckpoint k) {
        return dom(c, k.dom()).checkpointLookupByName(k.name());
    }
}
