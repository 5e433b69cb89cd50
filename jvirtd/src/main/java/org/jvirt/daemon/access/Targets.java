package org.jvirt.daemon.access;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomain;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullInterface;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNetwork;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNetworkPort;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNodeDevice;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNwfilter;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullNwfilterBinding;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullSecret;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullStoragePool;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullStorageVol;

/**
 * Finds the object of a permission in a call's arguments or reply (the wire records of remote_protocol.x hold
 * every object as its remote_nonnull_* struct, possibly inside another, as a snapshot holds its domain), and
 * filters the objects of a list reply. Works on any record, so a procedure added later needs no code here.
 */
final class Targets {

    private static final Map<String, Class<?>> WIRE_TYPES = Map.of(
            "domain", RemoteNonnullDomain.class, "network", RemoteNonnullNetwork.class,
            "network_port", RemoteNonnullNetworkPort.class, "storage_pool", RemoteNonnullStoragePool.class,
            "storage_vol", RemoteNonnullStorageVol.class, "node_device", RemoteNonnullNodeDevice.class,
            "interface", RemoteNonnullInterface.class, "secret", RemoteNonnullSecret.class,
            "nwfilter", RemoteNonnullNwfilter.class, "nwfilter_binding", RemoteNonnullNwfilterBinding.class);

    private Targets() {
    }

    /** The object of {@code kind} in a record (depth-first, at most three levels), or null. */
    static AccessTarget find(String kind, Object record) {
        if (kind.equals("connect")) {
            return AccessTarget.connect();
        }
        Object o = search(WIRE_TYPES.get(kind), record, 0);
        return o == null ? null : of(kind, o);
    }

    private static Object search(Class<?> type, Object value, int depth) {
        if (value == null || type == null || depth > 3) {
            return null;
        }
        if (type.isInstance(value)) {
            return value;
        }
        if (!(value instanceof Record r)) {
            return null;
        }
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = get(c, r);
            Object hit = search(type, v, depth + 1);
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private static Object get(RecordComponent c, Object r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A wire object as a target, with polkit's details. */
    static AccessTarget of(String kind, Object o) {
        Map<String, String> d = new LinkedHashMap<>();
        String name;
        switch (o) {
            case RemoteNonnullDomain x -> {
                name = x.name();
                d.put("domain_name", x.name());
                d.put("domain_uuid", String.valueOf(x.uuid()));
            }
            case RemoteNonnullNetwork x -> {
                name = x.name();
                d.put("network_name", x.name());
                d.put("network_uuid", String.valueOf(x.uuid()));
            }
            case RemoteNonnullNetworkPort x -> {
                name = x.net().name() + "/" + x.uuid();
                d.put("network_name", x.net().name());
                d.put("network_uuid", String.valueOf(x.net().uuid()));
                d.put("port_uuid", String.valueOf(x.uuid()));
            }
            case RemoteNonnullStoragePool x -> {
                name = x.name();
                d.put("pool_name", x.name());
                d.put("pool_uuid", String.valueOf(x.uuid()));
            }
            case RemoteNonnullStorageVol x -> {
                name = x.pool() + "/" + x.name();
                d.put("pool_name", x.pool());
                d.put("vol_name", x.name());
                d.put("vol_key", x.key());
            }
            case RemoteNonnullNodeDevice x -> {
                name = x.name();
                d.put("node_device_name", x.name());
            }
            case RemoteNonnullInterface x -> {
                name = x.name();
                d.put("interface_name", x.name());
                d.put("interface_mac", x.mac());
            }
            case RemoteNonnullSecret x -> {
                name = String.valueOf(x.uuid());
                d.put("secret_uuid", name);
                if (x.usageID() != null) {
                    d.put("secret_usage_id", x.usageID());
                }
            }
            case RemoteNonnullNwfilter x -> {
                name = x.name();
                d.put("nwfilter_name", x.name());
                d.put("nwfilter_uuid", String.valueOf(x.uuid()));
            }
            case RemoteNonnullNwfilterBinding x -> {
                name = x.portdev();
                d.put("binding_portdev", x.portdev());
                d.put("binding_filtername", x.filtername());
            }
            default -> throw new IllegalArgumentException("not an object: " + o);
        }
        return new AccessTarget(kind, name, d);
    }

    /**
     * The object a define/create call is about, named by the {@code <name>} of the XML it carries (a volume's
     * prefixed by its pool), as libvirt checks the parsed definition; null when there is no XML or no name.
     */
    static AccessTarget fromXml(String kind, Object args) {
        if (!(args instanceof Record r)) {
            return null;
        }
        String xml = null;
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getType() == String.class && c.getName().toLowerCase(java.util.Locale.ROOT).startsWith("xml")) {
                xml = (String) get(c, r);
            }
        }
        if (xml == null) {
            return null;
        }
        String name;
        try {
            org.w3c.dom.Element root = org.jvirt.xml.XmlParser.defaults().parse(xml).getDocumentElement();
            org.w3c.dom.NodeList names = root.getElementsByTagName("name");
            if (names.getLength() == 0 || names.item(0).getParentNode() != root) {
                return null;
            }
            name = names.item(0).getTextContent().strip();
        } catch (RuntimeException e) {
            return null; // the driver reports the XML error itself
        }
        if (name.isEmpty()) {
            return null;
        }
        if (kind.equals("storage_vol")) {
            Object pool = search(RemoteNonnullStoragePool.class, args, 0);
            if (pool == null) {
                return null;
            }
            name = ((RemoteNonnullStoragePool) pool).name() + "/" + name;
        }
        return new AccessTarget(kind, name, Map.of(kind + "_name", name));
    }

    /** The value of an integer argument ("flags", "source"), or null when the record has none. */
    static Long number(Object record, String component) {
        if (!(record instanceof Record r)) {
            return null;
        }
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getName().equals(component)) {
                Object v = get(c, r);
                return v instanceof Number n ? n.longValue() : null;
            }
        }
        return null;
    }

    /** Decides for one object or one name of a list. */
    interface Keep {
        boolean keep(AccessTarget target);
    }

    /**
     * A list reply with only the permitted objects: the list of wire objects of {@code kind} (LIST_ALL_*, with
     * its count "ret" adjusted), or a list of names (the legacy LIST_* calls). Other replies come back as they
     * are.
     */
    static Object filter(String kind, Object reply, Keep keep) {
        return filter(kind, reply, keep, null);
    }

    /** As above; {@code byId} names a domain by its id, for the legacy CONNECT_LIST_DOMAINS (null: ids pass). */
    static Object filter(String kind, Object reply, Keep keep, java.util.function.IntFunction<AccessTarget> byId) {
        if (!(reply instanceof Record r)) {
            return reply;
        }
        RecordComponent[] comps = r.getClass().getRecordComponents();
        Object[] values = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        boolean changed = false;
        int kept = -1;
        for (int i = 0; i < comps.length; i++) {
            values[i] = get(comps[i], r);
            types[i] = comps[i].getType();
            if (values[i] instanceof List<?> list && !list.isEmpty()) {
                List<Object> out = new ArrayList<>();
                for (Object e : list) {
                    AccessTarget t = WIRE_TYPES.get(kind) != null && WIRE_TYPES.get(kind).isInstance(e) ? of(kind, e)
                            : e instanceof String s ? new AccessTarget(kind, s, Map.of(kind + "_name", s))
                            : e instanceof Integer id && byId != null ? byId.apply(id) : null;
                    if (t == null) {
                        out = null;
                        break;
                    }
                    if (keep.keep(t)) {
                        out.add(e);
                    }
                }
                if (out != null && out.size() != list.size()) {
                    values[i] = out;
                    kept = out.size();
                    changed = true;
                }
            }
        }
        if (!changed) {
            return reply;
        }
        for (int i = 0; i < comps.length; i++) {
            if (comps[i].getName().equals("ret") && types[i] == int.class) {
                values[i] = kept;
            }
        }
        try {
            Constructor<?> ctor = r.getClass().getDeclaredConstructor(types);
            return ctor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
