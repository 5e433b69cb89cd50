package org.jvirt.daemon.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtError;
import org.jvirt.VirtException;
import org.jvirt.daemon.auth.AuthConfig;
import org.jvirt.daemon.auth.ClientAuth;
import org.jvirt.daemon.auth.PolkitCheck;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.rpc.Procedure;

/**
 * The access layer the dispatcher asks before every handler and after it (libvirt's virAccessManager with the
 * generated *EnsureACL / *CheckACL calls): each {@code @acl} check whose flag condition holds must be granted by
 * every configured driver; the object comes from the arguments, or — for a call that changes nothing and names
 * its object only in the reply (a lookup) — from the reply; {@code @aclfilter} drops the objects of a list reply
 * the client may not see. A denial is libvirt's ACCESS_DENIED "'DRIVER' denied access", never why.
 */
public final class AccessManager {

    private static final Logger LOG = Logger.getLogger(AccessManager.class.getName());
    private static final Map<String, String> DRIVER_NAMES = Map.of("test", "Test", "qemu", "QEMU");

    private final List<AccessDriver> drivers;
    private final AclTable table;

    public AccessManager(List<AccessDriver> drivers, AclTable table) {
        this.drivers = List.copyOf(drivers);
        this.table = table;
    }

    /** The manager for the configured access_drivers; null when none is configured (everything allowed). */
    public static AccessManager from(AuthConfig config) {
        List<AccessDriver> ds = new ArrayList<>();
        for (String name : config.accessDrivers()) {
            switch (name) {
                case "rules" -> ds.add(new RulesAccessDriver(config.accessRulesFile()));
                case "polkit" -> ds.add(new PolkitAccessDriver(new PolkitCheck(config.pkcheck())));
                case "none" -> {
                }
                default -> throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                        "unknown access driver '%s'", name);
            }
        }
        return ds.isEmpty() ? null : new AccessManager(ds, AclTable.standard());
    }

    /** What {@link #before} decided: an error to send, or the checks left for the reply. */
    public record Decision(VirtError error, List<AclCheck> onReply) {
        static final Decision ALLOW = new Decision(null, List.of());
    }

    public Decision before(ClientSession client, Procedure<?, ?> p, Object args) {
        AclTable.Entry e = table.entry(p);
        String driver = driverName(client, args);
        if (e == null) {
            LOG.warning(() -> p + " has no permission entry: denied");
            return new Decision(denied(driver), List.of());
        }
        if (e.none()) {
            return Decision.ALLOW;
        }
        if (p == org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_SUPPORTS_FEATURE && !client.isOpen()) {
            // libvirtd answers the keepalive probe before CONNECT_OPEN itself, without a driver or a check;
            // every other probe then fails for want of a connection
            return Decision.ALLOW;
        }
        ClientAuth auth = ClientAuth.of(client);
        List<AclCheck> later = new ArrayList<>();
        Long flags = Targets.number(args, "flags");
        for (AclCheck c : e.acl()) {
            Long param = c.param() == null ? null : Targets.number(args, c.param());
            if (!c.applies(flags == null ? 0 : flags, param)) {
                continue;
            }
            AccessTarget t = Targets.find(c.object(), args);
            if (t == null) {
                t = Targets.fromXml(c.object(), args);
            }
            if (t == null) {
                if (p.readOnly() == Procedure.ReadOnly.ALLOWED) {
                    later.add(c); // a lookup: the reply names the object, and nothing changed yet
                    continue;
                }
                t = AccessTarget.unnamed(c.object());
            }
            if (!allowed(auth, driver, t, c.perm())) {
                return new Decision(denied(driver), List.of());
            }
        }
        return later.isEmpty() ? Decision.ALLOW : new Decision(null, later);
    }

    /** The reply as the client may see it; ACCESS_DENIED when a check on the reply's object fails. */
    public Object after(ClientSession client, Procedure<?, ?> p, Object args, Decision d, Object ret) {
        AclTable.Entry e = table.entry(p);
        String driver = driverName(client, args);
        ClientAuth auth = ClientAuth.of(client);
        for (AclCheck c : d.onReply()) {
            AccessTarget t = Targets.find(c.object(), ret);
            if (!allowed(auth, driver, t != null ? t : AccessTarget.unnamed(c.object()), c.perm())) {
                throw new VirtException(denied(driver));
            }
        }
        Object out = ret;
        if (e != null) {
            for (AclCheck f : e.filter()) {
                out = Targets.filter(f.object(), out, t -> allowed(auth, driver, t, f.perm()),
                        f.object().equals("domain") ? id -> domainById(client, id) : null);
            }
        }
        return out;
    }

    /** A running domain by id, for the legacy id list; a domain gone meanwhile is shown to nobody. */
    private static AccessTarget domainById(ClientSession client, int id) {
        try {
            org.jvirt.Domain d = client.connection().domainLookupByID(id);
            return new AccessTarget("domain", d.getName(), Map.of("domain_name", d.getName(),
                    "domain_uuid", d.getUUIDString()));
        } catch (VirtException e) {
            return new AccessTarget("domain", null, Map.of());
        }
    }

    /** Whether the client has {@code perm} on {@code t} (events, and anything else outside a call). */
    public boolean permits(ClientSession client, AccessTarget t, String perm) {
        return allowed(ClientAuth.of(client), driverName(client, null), t, perm);
    }

    /** Ties the client's events to this manager; the dispatcher calls it on each call. */
    public void bind(ClientSession client) {
        EventGate.bind(client, this);
    }

    private boolean allowed(ClientAuth auth, String driver, AccessTarget t, String perm) {
        for (AccessDriver d : drivers) {
            if (!d.allowed(auth, driver, t, perm)) {
                LOG.info(() -> "access: " + d.name() + " denied " + perm + " on " + t + " to " + auth.identity());
                return false;
            }
        }
        return true;
    }

    static VirtError denied(String driver) {
        return VirtError.of(ErrorDomain.ACCESS, ErrorNumber.ACCESS_DENIED, "'" + driver + "' denied access");
    }

    /** libvirt's conn->driver->name: "QEMU", "Test", else the URI's scheme. */
    private static String driverName(ClientSession client, Object args) {
        String uri = null;
        if (client.isOpen()) {
            uri = client.connection().getURI();
        } else if (args instanceof org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectOpenArgs o) {
            uri = o.name();
        }
        if (uri == null || uri.isEmpty()) {
            return "remote";
        }
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? uri : uri.substring(0, colon);
        int plus = scheme.indexOf('+');
        if (plus >= 0) {
            scheme = scheme.substring(0, plus);
        }
        return DRIVER_NAMES.getOrDefault(scheme, scheme);
    }
}
