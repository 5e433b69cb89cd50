package org.jvirt.shell;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.Interface;
import org.jvirt.NWFilter;
import org.jvirt.Network;
import org.jvirt.NodeDevice;
import org.jvirt.Secret;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.VirtException;

/**
 * Finds the object an option names, as virsh's virshCommandOpt*By helpers do: by id, UUID or name in virsh's
 * order, and with virsh's message when nothing matches. A domain lookup drops libvirt's error (virsh resets
 * it); the others keep it, so "failed to get network 'x'" is followed by libvirt's "Network not found".
 */
final class Lookup {

    private static final int UUID_LEN = 36;

    private Lookup() {
    }

    static Domain domain(Shell sh, Invocation cmd) {
        return domain(sh, cmd, "domain");
    }

    static Domain domain(Shell sh, Invocation cmd, String opt) {
        return domainByName(sh, cmd.req(opt));
    }

    static Domain domainByName(Shell sh, String n) {
        return domainBy(sh, n, true, true, true);
    }

    /** virshLookupDomainInternal: by id, by UUID, by name, each only when allowed. */
    static Domain domainBy(Shell sh, String n, boolean byId, boolean byUUID, boolean byName) {
        Connect c = sh.conn();
        Long id = Numbers.parse(n, false, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (byId && id != null && id >= 0 && !n.startsWith(" ") && !n.startsWith("+")) {
            try {
                return c.domainLookupByID(id.intValue());
            } catch (VirtException e) {
                // fall through to the UUID and the name, as virsh does
            }
        }
        if (byUUID && n.length() == UUID_LEN) {
            try {
                return c.domainLookupByUUIDString(n);
            } catch (VirtException e) {
                // fall through
            }
        }
        if (byName) {
            try {
                return c.domainLookupByName(n);
            } catch (VirtException e) {
                // reported below
            }
        }
        throw sh.fail("failed to get domain '%s'", n);
    }

    static Network network(Shell sh, Invocation cmd) {
        String n = cmd.req("network");
        Connect c = sh.conn();
        if (n.length() == UUID_LEN) {
            try {
                return c.networkLookupByUUIDString(n);
            } catch (VirtException e) {
                // then by name
            }
        }
        try {
            return c.networkLookupByName(n);
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get network '%s'", n);
        }
    }

    static StoragePool pool(Shell sh, Invocation cmd, String opt) {
        return poolByName(sh, cmd.req(opt));
    }

    static StoragePool poolByName(Shell sh, String n) {
        return poolBy(sh, n, true, true);
    }

    /** virshCommandOptPoolBy: by UUID (when it has a UUID's length), then by name, each only when allowed. */
    static StoragePool poolBy(Shell sh, String n, boolean byUUID, boolean byName) {
        Connect c = sh.conn();
        if (byUUID && n.length() == UUID_LEN) {
            try {
                return c.storagePoolLookupByUUIDString(n);
            } catch (VirtException e) {
                if (!byName) {
                    throw sh.fail(e, "failed to get pool '%s'", n);
                }
            }
        }
        if (!byName) {
            throw sh.fail("failed to get pool '%s'", n);
        }
        try {
            return c.storagePoolLookupByName(n);
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get pool '%s'", n);
        }
    }

    /** virshCommandOptVolBy: by name within --pool, else by key, else by path. */
    static StorageVol vol(Shell sh, Invocation cmd, String opt, String poolOpt) {
        String n = cmd.req(opt);
        String p = poolOpt == null ? null : cmd.string(poolOpt);
        StoragePool pool = null;
        if (p != null) {
            pool = poolByName(sh, p);
            if (!pool.isActive()) {
                throw sh.fail("pool '%s' is not active", p);
            }
        }
        Connect c = sh.conn();
        StorageVol vol = null;
        VirtException last = null;
        if (pool != null) {
            try {
                vol = pool.storageVolLookupByName(n);
            } catch (VirtException e) {
                last = e;
            }
        }
        if (vol == null) {
            try {
                vol = c.storageVolLookupByKey(n);
            } catch (VirtException e) {
                last = e;
            }
        }
        if (vol == null) {
            try {
                vol = c.storageVolLookupByPath(n);
            } catch (VirtException e) {
                last = e;
            }
        }
        if (vol == null) {
            if (pool != null || poolOpt == null) {
                throw sh.fail(last, "failed to get vol '%s'", n);
            }
            throw sh.fail(last, "failed to get vol '%s', specifying --%s might help", n, poolOpt);
        }
        if (pool != null && !vol.getPool().getName().equals(pool.getName())) {
            throw sh.fail("Requested volume '%s' is not in pool '%s'", n, pool.getName());
        }
        return vol;
    }

    static Interface iface(Shell sh, Invocation cmd, String opt) {
        return ifaceBy(sh, cmd.req(opt), true, true);
    }

    /** virshCommandOptInterfaceBy: a MAC address is looked up as one, anything else as a name. */
    static Interface ifaceBy(Shell sh, String n, boolean byName, boolean byMac) {
        boolean isMac = n.matches("[0-9A-Fa-f]{1,2}(:[0-9A-Fa-f]{1,2}){5}");
        try {
            if (!isMac && byName) {
                return sh.conn().interfaceLookupByName(n);
            }
            if (isMac && byMac) {
                return sh.conn().interfaceLookupByMACString(n);
            }
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get interface '%s'", n);
        }
        throw sh.fail("failed to get interface '%s'", n);
    }

    static Secret secret(Shell sh, Invocation cmd) {
        String n = cmd.req("secret");
        try {
            return sh.conn().secretLookupByUUIDString(n);
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get secret '%s'", n);
        }
    }

    static NWFilter nwfilter(Shell sh, Invocation cmd) {
        String n = cmd.req("nwfilter");
        Connect c = sh.conn();
        if (n.length() == UUID_LEN) {
            try {
                return c.nwfilterLookupByUUIDString(n);
            } catch (VirtException e) {
                // then by name
            }
        }
        try {
            return c.nwfilterLookupByName(n);
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get nwfilter '%s'", n);
        }
    }

    static NodeDevice nodedev(Shell sh, String name) {
        try {
            return sh.conn().nodeDeviceLookupByName(name);
        } catch (VirtException e) {
            throw sh.fail(e, "Could not find matching device '%s'", name);
        }
    }
}
