package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jvirt.StoragePool;
import org.jvirt.StoragePoolInfo;
import org.jvirt.StoragePoolState;
import org.jvirt.VirtException;
import org.jvirt.flags.ListStoragePoolsFlag;
import org.jvirt.flags.StoragePoolBuildFlag;
import org.jvirt.flags.StoragePoolCreateFlag;
import org.jvirt.flags.StoragePoolDefineFlag;
import org.jvirt.flags.StorageXMLFlag;

/** virsh's "Storage Pool" group (help keyword 'pool'): the table first, then the handlers. */
final class PoolCommands {

    private PoolCommands() {
    }

    static Group group() {
        return new Group("Storage Pool", "pool", List.of(
                cmd("find-storage-pool-sources-as", "find potential storage pool sources",
                        "Returns XML <sources> document.",
                        PoolCommands::findSourcesAs,
                        Opt.data("type", "type of storage pool sources to find").req(),
                        Opt.string("host", "optional host to query"),
                        Opt.string("port", "optional port to query"),
                        Opt.string("initiator", "optional initiator IQN to use for query")),
                cmd("find-storage-pool-sources", "discover potential storage pool sources",
                        "Returns XML <sources> document.",
                        PoolCommands::findSources,
                        Opt.data("type", "type of storage pool sources to discover").req(),
                        Opt.string("srcSpec", "optional file of source xml to query for pools").complete(Completer.FILE)),
                cmd("pool-autostart", "autostart a pool",
                        "Configure a pool to be automatically started at boot.",
                        PoolCommands::autostart,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL),
                        Opt.bool("disable", "disable autostarting")),
                cmd("pool-build", "build a pool",
                        "Build a given pool.",
                        PoolCommands::build,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL),
                        Opt.bool("no-overwrite", "do not overwrite any existing data"),
                        Opt.bool("overwrite", "overwrite any existing data")),
                cmd("pool-create-as", "create a pool from a set of args",
                        "Create a pool.",
                        PoolCommands::createAs,
                        poolXAs(Opt.bool("build", "build the pool as normal"),
                                Opt.bool("no-overwrite", "do not overwrite any existing data"),
                                Opt.bool("overwrite", "overwrite any existing data"))),
                cmd("pool-create", "create a pool from an XML file",
                        "Create a pool.",
                        PoolCommands::create,
                        Opt.data("file", "file containing an XML pool description").req().complete(Completer.FILE),
                        Opt.bool("build", "build the pool as normal"),
                        Opt.bool("no-overwrite", "do not overwrite any existing data"),
                        Opt.bool("overwrite", "overwrite any existing data")),
                cmd("pool-define-as", "define a pool from a set of args",
                        "Define a pool.",
                        PoolCommands::defineAs,
                        poolXAs()),
                cmd("pool-define", "define an inactive persistent storage pool or modify an existing persistent one from an XML file",
                        "Define or modify a persistent storage pool.",
                        PoolCommands::define,
                        Opt.data("file", "file containing an XML pool description").req().complete(Completer.FILE),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("pool-delete", "delete a pool",
                        "Delete a given pool.",
                        PoolCommands::delete,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL)),
                cmd("pool-destroy", "destroy (stop) a pool",
                        "Forcefully stop a given pool. Raw data in the pool is untouched",
                        PoolCommands::destroy,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL)),
                cmd("pool-dumpxml", "pool information in XML",
                        "Output the pool information as an XML dump to stdout.",
                        PoolCommands::dumpxml,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL),
                        Opt.bool("inactive", "show inactive defined XML"),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("pool-edit", "edit XML configuration for a storage pool",
                        "Edit the XML configuration for a storage pool.",
                        PoolCommands::edit,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL)),
                cmd("pool-info", "storage pool information",
                        "Returns basic information about the storage pool.",
                        PoolCommands::info,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL),
                        Opt.bool("bytes", "Return pool info in bytes")),
                cmd("pool-list", "list pools",
                        "Returns list of pools.",
                        PoolCommands::list,
                        Opt.bool("inactive", "list inactive pools"),
                        Opt.bool("all", "list inactive & active pools"),
                        Opt.bool("transient", "list transient pools"),
                        Opt.bool("persistent", "list persistent pools"),
                        Opt.bool("autostart", "list pools with autostart enabled"),
                        Opt.bool("no-autostart", "list pools with autostart disabled"),
                        Opt.string("type", "only list pool of specified type(s) (if supported)"),
                        Opt.bool("details", "display extended details for pools"),
                        Opt.bool("uuid", "list UUID of active pools only"),
                        Opt.bool("name", "list name of active pools only")),
                cmd("pool-name", "convert a pool UUID to pool name",
                        "",
                        PoolCommands::name,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL)),
                cmd("pool-refresh", "refresh a pool",
                        "Refresh a given pool.",
                        PoolCommands::refresh,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL)),
                cmd("pool-start", "start a (previously defined) inactive pool",
                        "Start a pool.",
                        PoolCommands::start,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL),
                        Opt.bool("build", "build the pool as normal"),
                        Opt.bool("no-overwrite", "do not overwrite any existing data"),
                        Opt.bool("overwrite", "overwrite any existing data")),
                cmd("pool-undefine", "undefine an inactive pool",
                        "Undefine the configuration for an inactive pool.",
                        PoolCommands::undefine,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL)),
                cmd("pool-uuid", "convert a pool name to pool UUID",
                        "",
                        PoolCommands::uuid,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL)),
                cmd("pool-event", "Storage Pool Events",
                        "List event types, or wait for storage pool events to occur",
                        EventCommands::poolEvent,
                        Opt.string("pool", "filter by storage pool name or uuid").complete(Completer.POOL),
                        Opt.string("event", "which event type to wait for").complete(Completer.POOL_EVENT),
                        Opt.bool("loop", "loop until timeout or interrupt, rather than one-shot"),
                        Opt.integer("timeout", "timeout seconds"),
                        Opt.bool("list", "list valid event types"),
                        Opt.bool("timestamp", "show timestamp for each printed event")),
                cmd("pool-capabilities", "storage pool capabilities",
                        "Returns capabilities of storage pool support.",
                        PoolCommands::capabilities)));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    /** libvirt's virStoragePoolType names, in the order of the list flags DIR..VSTORAGE. */
    private static final String[] POOL_TYPES = {
        "dir", "fs", "netfs", "logical", "disk", "iscsi", "iscsi-direct", "scsi", "mpath", "rbd", "sheepdog",
        "gluster", "zfs", "vstorage"
    };

    private static final String[] STATES = {"inactive", "building", "running", "degraded", "inaccessible"};

    static String stateName(StoragePoolState s) {
        int c = s.code();
        return c >= 0 && c < STATES.length ? STATES[c] : "unknown";
    }

    private static ListStoragePoolsFlag typeFlag(String type) {
        return switch (type) {
            case "dir" -> ListStoragePoolsFlag.DIR;
            case "fs" -> ListStoragePoolsFlag.FS;
            case "netfs" -> ListStoragePoolsFlag.NETFS;
            case "logical" -> ListStoragePoolsFlag.LOGICAL;
            case "disk" -> ListStoragePoolsFlag.DISK;
            case "iscsi" -> ListStoragePoolsFlag.ISCSI;
            case "iscsi-direct" -> ListStoragePoolsFlag.ISCSI_DIRECT;
            case "scsi" -> ListStoragePoolsFlag.SCSI;
            case "mpath" -> ListStoragePoolsFlag.MPATH;
            case "rbd" -> ListStoragePoolsFlag.RBD;
            case "sheepdog" -> ListStoragePoolsFlag.SHEEPDOG;
            case "gluster" -> ListStoragePoolsFlag.GLUSTER;
            case "zfs" -> ListStoragePoolsFlag.ZFS;
            case "vstorage" -> ListStoragePoolsFlag.VSTORAGE;
            default -> null;
        };
    }

    /** The options pool-create-as and pool-define-as share (virsh's VIRSH_COMMON_OPT_POOL_X_AS), then extras. */
    private static Opt[] poolXAs(Opt... extra) {
        List<Opt> opts = new ArrayList<>(List.of(
                Opt.data("name", "name of the pool").req(),
                Opt.data("type", "type of the pool").req(),
                Opt.bool("print-xml", "print XML document, but don't define/create"),
                Opt.string("source-host", "source-host for underlying storage"),
                Opt.string("source-path", "source path for underlying storage"),
                Opt.string("source-dev", "source device for underlying storage"),
                Opt.string("source-name", "source name for underlying storage"),
                Opt.string("target", "target for underlying storage"),
                Opt.string("source-format", "format for underlying storage"),
                Opt.string("auth-type", "auth type to be used for underlying storage"),
                Opt.string("auth-username", "auth username to be used for underlying storage"),
                Opt.string("secret-usage", "auth secret usage to be used for underlying storage"),
                Opt.string("secret-uuid", "auth secret UUID to be used for underlying storage"),
                Opt.string("adapter-name", "adapter name to be used for underlying storage"),
                Opt.string("adapter-wwnn", "adapter wwnn to be used for underlying storage"),
                Opt.string("adapter-wwpn", "adapter wwpn to be used for underlying storage"),
                Opt.string("adapter-parent", "adapter parent scsi_hostN to be used for underlying vHBA storage"),
                Opt.string("adapter-parent-wwnn", "adapter parent scsi_hostN wwnn to be used for underlying vHBA storage"),
                Opt.string("adapter-parent-wwpn", "adapter parent scsi_hostN wwpn to be used for underlying vHBA storage"),
                Opt.string("adapter-parent-fabric-wwn", "adapter parent scsi_hostN fabric_wwn to be used for underlying vHBA storage"),
                Opt.string("source-protocol-ver", "nfsvers value for NFS pool mount option"),
                Opt.string("source-initiator", "initiator iqn for underlying storage")));
        opts.addAll(List.of(extra));
        return opts.toArray(Opt[]::new);
    }

    static boolean list(Shell sh, Invocation cmd) {
        boolean details = cmd.bool("details");
        boolean inactive = cmd.bool("inactive");
        boolean all = cmd.bool("all");
        MonitorCommands.exclusive(sh, cmd, "all", "inactive");
        EnumSet<ListStoragePoolsFlag> f = EnumSet.of(ListStoragePoolsFlag.ACTIVE);
        if (inactive) {
            f = EnumSet.of(ListStoragePoolsFlag.INACTIVE);
        }
        if (all) {
            f = EnumSet.of(ListStoragePoolsFlag.ACTIVE, ListStoragePoolsFlag.INACTIVE);
        }
        String[][] filters = {{"autostart", "AUTOSTART"}, {"no-autostart", "NO_AUTOSTART"},
            {"persistent", "PERSISTENT"}, {"transient", "TRANSIENT"}};
        for (String[] kv : filters) {
            if (cmd.bool(kv[0])) {
                f.add(ListStoragePoolsFlag.valueOf(kv[1]));
            }
        }
        boolean uuid = cmd.bool("uuid");
        boolean name = cmd.bool("name");
        String type = cmd.string("type");
        MonitorCommands.exclusive(sh, cmd, "details", "uuid");
        MonitorCommands.exclusive(sh, cmd, "details", "name");
        if (type != null) {
            for (String t : Strings.toArray(type)) {
                ListStoragePoolsFlag tf = typeFlag(t);
                if (tf == null) {
                    throw sh.fail("Invalid pool type '%s'", t);
                }
                f.add(tf);
            }
        }
        List<StoragePool> pools;
        try {
            pools = new ArrayList<>(sh.conn().listAllStoragePools(f.toArray(new ListStoragePoolsFlag[0])));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to list pools");
        }
        pools.sort((a, b) -> Strings.caseCompare(a.getName(), b.getName()));
        if (!details && (uuid || name)) {
            for (StoragePool p : pools) {
                if (uuid) {
                    sh.print("%-36s%c", p.getUUIDString(), name ? ' ' : '\n');
                }
                if (name) {
                    sh.print("%-20s\n", p.getName());
                }
            }
            return true;
        }
        Table t = details
                ? new Table("Name", "State", "Autostart", "Persistent", "Capacity", "Allocation", "Available")
                : new Table("Name", "State", "Autostart");
        for (StoragePool p : pools) {
            String autostart;
            try {
                autostart = p.getAutostart() ? "yes" : "no";
            } catch (VirtException e) {
                autostart = "no autostart";
            }
            if (!details) {
                t.row(p.getName(), p.isActive() ? "active" : "inactive", autostart);
                continue;
            }
            String persistent = p.isPersistent() ? "yes" : "no";
            StoragePoolInfo info = p.getInfo();
            boolean sized = info.state() == StoragePoolState.RUNNING || info.state() == StoragePoolState.DEGRADED;
            t.row(p.getName(), stateName(info.state()), autostart, persistent,
                    sized ? Strings.pretty(info.capacity()) : "-",
                    sized ? Strings.pretty(info.allocation()) : "-",
                    sized ? Strings.pretty(info.available()) : "-");
        }
        t.print(sh);
        return true;
    }

    static boolean info(Shell sh, Invocation cmd) {
        StoragePool p = Lookup.pool(sh, cmd, "pool");
        boolean bytes = cmd.bool("bytes");
        String f = "%-15s %s\n";
        sh.print(f, "Name:", p.getName());
        sh.print(f, "UUID:", p.getUUIDString());
        StoragePoolInfo info = p.getInfo();
        sh.print(f, "State:", stateName(info.state()));
        sh.print(f, "Persistent:", p.isPersistent() ? "yes" : "no");
        String autostart;
        try {
            autostart = p.getAutostart() ? "yes" : "no";
        } catch (VirtException e) {
            autostart = "no autostart";
        }
        sh.print(f, "Autostart:", autostart);
        if (info.state() == StoragePoolState.RUNNING || info.state() == StoragePoolState.DEGRADED) {
            if (bytes) {
                sh.print("%-15s %s\n", "Capacity:", Long.toUnsignedString(info.capacity()));
                sh.print("%-15s %s\n", "Allocation:", Long.toUnsignedString(info.allocation()));
                sh.print("%-15s %s\n", "Available:", Long.toUnsignedString(info.available()));
            } else {
                sh.print(f, "Capacity:", Strings.pretty(info.capacity()));
                sh.print(f, "Allocation:", Strings.pretty(info.allocation()));
                sh.print(f, "Available:", Strings.pretty(info.available()));
            }
        }
        return true;
    }

    static boolean capabilities(Shell sh, Invocation cmd) {
        sh.print("%s", sh.conn().getStoragePoolCapabilities());
        return true;
    }

    static boolean uuid(Shell sh, Invocation cmd) {
        sh.print("%s\n", Lookup.poolBy(sh, cmd.req("pool"), false, true).getUUIDString());
        return true;
    }

    static boolean name(Shell sh, Invocation cmd) {
        sh.print("%s\n", Lookup.poolBy(sh, cmd.req("pool"), true, false).getName());
        return true;
    }

    static boolean dumpxml(Shell sh, Invocation cmd) {
        StoragePool p = Lookup.pool(sh, cmd, "pool");
        String xml = cmd.bool("inactive") ? p.getXMLDesc(StorageXMLFlag.INACTIVE) : p.getXMLDesc();
        return XPathOut.print(sh, xml, cmd.string("xpath"), cmd.bool("wrap"));
    }

    /** What the --build, --overwrite, --no-overwrite options ask of virStoragePoolCreate*. */
    private static StoragePoolCreateFlag[] createFlags(Shell sh, Invocation cmd) {
        MonitorCommands.exclusive(sh, cmd, "overwrite", "no-overwrite");
        EnumSet<StoragePoolCreateFlag> f = EnumSet.noneOf(StoragePoolCreateFlag.class);
        if (cmd.bool("build")) {
            f.add(StoragePoolCreateFlag.WITH_BUILD);
        }
        if (cmd.bool("overwrite")) {
            f.add(StoragePoolCreateFlag.WITH_BUILD_OVERWRITE);
        }
        if (cmd.bool("no-overwrite")) {
            f.add(StoragePoolCreateFlag.WITH_BUILD_NO_OVERWRITE);
        }
        return f.toArray(new StoragePoolCreateFlag[0]);
    }

    static boolean create(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        StoragePoolCreateFlag[] flags = createFlags(sh, cmd);
        String xml = sh.readFile(from);
        StoragePool p;
        try {
            p = sh.conn().storagePoolCreateXML(xml, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to create pool from %s", from);
        }
        sh.printExtra("Pool %s created from %s\n", p.getName(), from);
        return true;
    }

    static boolean define(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        StoragePool p;
        try {
            p = cmd.bool("validate") ? sh.conn().storagePoolDefineXML(xml, StoragePoolDefineFlag.VALIDATE)
                    : sh.conn().storagePoolDefineXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to define pool from %s", from);
        }
        sh.printExtra("Pool %s defined from %s\n", p.getName(), from);
        return true;
    }

    /** virshBuildPoolXML: the pool document the -as commands describe with options. */
    private static String buildXml(Shell sh, Invocation cmd) {
        MonitorCommands.exclusive(sh, cmd, "secret-usage", "secret-uuid");
        String name = cmd.req("name");
        String type = cmd.req("type");
        String srcHost = cmd.string("source-host");
        String srcPath = cmd.string("source-path");
        String srcDev = cmd.string("source-dev");
        String srcName = cmd.string("source-name");
        String srcFormat = cmd.string("source-format");
        String target = cmd.string("target");
        String authType = cmd.string("auth-type");
        String authUsername = cmd.string("auth-username");
        String secretUsage = cmd.string("secret-usage");
        String secretUuid = cmd.string("secret-uuid");
        String adapterName = cmd.string("adapter-name");
        String adapterWwnn = cmd.string("adapter-wwnn");
        String adapterWwpn = cmd.string("adapter-wwpn");
        String adapterParent = cmd.string("adapter-parent");
        String adapterParentWwnn = cmd.string("adapter-parent-wwnn");
        String adapterParentWwpn = cmd.string("adapter-parent-wwpn");
        String adapterParentFabricWwn = cmd.string("adapter-parent-fabric-wwn");
        String protoVer = cmd.string("source-protocol-ver");
        String srcInitiator = cmd.string("source-initiator");
        StringBuilder b = new StringBuilder();
        b.append("<pool type='").append(type).append("'>\n");
        b.append("  <name>").append(name).append("</name>\n");
        if (srcHost != null || srcPath != null || srcDev != null || srcInitiator != null || srcFormat != null
                || srcName != null || (adapterWwnn != null && adapterWwpn != null) || adapterName != null) {
            b.append("  <source>\n");
            if (srcHost != null) {
                b.append("    <host name='").append(srcHost).append("'/>\n");
            }
            if (srcPath != null) {
                b.append("    <dir path='").append(srcPath).append("'/>\n");
            }
            if (srcDev != null) {
                b.append("    <device path='").append(srcDev).append("'/>\n");
            }
            if (srcInitiator != null) {
                b.append("    <initiator>\n      <iqn name='").append(srcInitiator).append("'/>\n    </initiator>\n");
            }
            if (adapterWwnn != null && adapterWwpn != null) {
                b.append("    <adapter type='fc_host'");
                if (adapterParent != null) {
                    b.append(" parent='").append(adapterParent).append('\'');
                } else if (adapterParentWwnn != null && adapterParentWwpn != null) {
                    b.append(" parent_wwnn='").append(adapterParentWwnn).append("' parent_wwpn='")
                            .append(adapterParentWwpn).append('\'');
                } else if (adapterParentFabricWwn != null) {
                    b.append(" parent_fabric_wwn='").append(adapterParentFabricWwn).append('\'');
                }
                b.append(" wwnn='").append(adapterWwnn).append("' wwpn='").append(adapterWwpn).append("'/>\n");
            } else if (adapterName != null) {
                b.append("    <adapter type='scsi_host' name='").append(adapterName).append("'/>\n");
            }
            if (authType != null && authUsername != null && (secretUsage != null || secretUuid != null)) {
                b.append("    <auth type='").append(authType).append("' username='").append(authUsername)
                        .append("'>\n");
                if (secretUsage != null) {
                    b.append("      <secret usage='").append(secretUsage).append("'/>\n");
                } else {
                    b.append("      <secret uuid='").append(secretUuid).append("'/>\n");
                }
                b.append("    </auth>\n");
            }
            if (srcFormat != null) {
                b.append("    <format type='").append(srcFormat).append("'/>\n");
            }
            if (srcName != null) {
                b.append("    <name>").append(srcName).append("</name>\n");
            }
            if (protoVer != null) {
                b.append("    <protocol ver='").append(protoVer).append("'/>\n");
            }
            b.append("  </source>\n");
        }
        if (target != null) {
            b.append("  <target>\n    <path>").append(target).append("</path>\n  </target>\n");
        }
        b.append("</pool>\n");
        return b.toString();
    }

    static boolean createAs(Shell sh, Invocation cmd) {
        StoragePoolCreateFlag[] flags = createFlags(sh, cmd);
        String xml = buildXml(sh, cmd);
        String name = cmd.req("name");
        if (cmd.bool("print-xml")) {
            sh.print("%s", xml);
            return true;
        }
        try {
            sh.conn().storagePoolCreateXML(xml, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to create pool %s", name);
        }
        sh.printExtra("Pool %s created\n", name);
        return true;
    }

    static boolean defineAs(Shell sh, Invocation cmd) {
        String xml = buildXml(sh, cmd);
        String name = cmd.req("name");
        if (cmd.bool("print-xml")) {
            sh.print("%s", xml);
            return true;
        }
        try {
            sh.conn().storagePoolDefineXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to define pool %s", name);
        }
        sh.printExtra("Pool %s defined\n", name);
        return true;
    }

    /** Runs one action on the named pool with virsh's "Pool %s <done>" / "Failed to <do> pool %s" pair. */
    private static boolean act(Shell sh, Invocation cmd, java.util.function.Consumer<StoragePool> action,
                               String done, String failed) {
        String n = cmd.req("pool");
        StoragePool p = Lookup.pool(sh, cmd, "pool");
        try {
            action.accept(p);
        } catch (VirtException e) {
            throw sh.fail(e, failed, n);
        }
        sh.printExtra(done, n);
        return true;
    }

    static boolean build(Shell sh, Invocation cmd) {
        EnumSet<StoragePoolBuildFlag> f = EnumSet.noneOf(StoragePoolBuildFlag.class);
        if (cmd.bool("no-overwrite")) {
            f.add(StoragePoolBuildFlag.NO_OVERWRITE);
        }
        if (cmd.bool("overwrite")) {
            f.add(StoragePoolBuildFlag.OVERWRITE);
        }
        return act(sh, cmd, p -> p.build(f.toArray(new StoragePoolBuildFlag[0])), "Pool %s built\n",
                "Failed to build pool %s");
    }

    static boolean start(Shell sh, Invocation cmd) {
        String n = cmd.req("pool");
        StoragePool p = Lookup.pool(sh, cmd, "pool");
        StoragePoolCreateFlag[] flags = createFlags(sh, cmd);
        try {
            p.create(flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to start pool %s", n);
        }
        sh.printExtra("Pool %s started\n", n);
        return true;
    }

    static boolean destroy(Shell sh, Invocation cmd) {
        return act(sh, cmd, StoragePool::destroy, "Pool %s destroyed\n", "Failed to destroy pool %s");
    }

    static boolean delete(Shell sh, Invocation cmd) {
        return act(sh, cmd, p -> p.delete(), "Pool %s deleted\n", "Failed to delete pool %s");
    }

    static boolean refresh(Shell sh, Invocation cmd) {
        return act(sh, cmd, StoragePool::refresh, "Pool %s refreshed\n", "Failed to refresh pool %s");
    }

    static boolean undefine(Shell sh, Invocation cmd) {
        return act(sh, cmd, StoragePool::undefine, "Pool %s has been undefined\n", "Failed to undefine pool %s");
    }

    static boolean autostart(Shell sh, Invocation cmd) {
        String n = cmd.req("pool");
        StoragePool p = Lookup.pool(sh, cmd, "pool");
        boolean on = !cmd.bool("disable");
        try {
            p.setAutostart(on);
        } catch (VirtException e) {
            throw sh.fail(e, on ? "failed to mark pool %s as autostarted" : "failed to unmark pool %s as autostarted",
                    n);
        }
        sh.printExtra(on ? "Pool %s marked as autostarted\n" : "Pool %s unmarked as autostarted\n", n);
        return true;
    }

    static boolean findSourcesAs(Shell sh, Invocation cmd) {
        String type = cmd.req("type");
        String host = cmd.string("host");
        String initiator = cmd.string("initiator");
        String spec = null;
        if (host != null) {
            String port = cmd.string("port");
            StringBuilder b = new StringBuilder("<source>\n  <host name='").append(host).append('\'');
            if (port != null) {
                b.append(" port='").append(port).append('\'');
            }
            b.append("/>\n");
            if (initiator != null) {
                b.append("  <initiator>\n    <iqn name='").append(initiator).append("'/>\n  </initiator>\n");
            }
            spec = b.append("</source>\n").toString();
        }
        return findSources(sh, type, spec);
    }

    static boolean findSources(Shell sh, Invocation cmd) {
        String type = cmd.req("type");
        String file = cmd.string("srcSpec");
        return findSources(sh, type, file == null ? null : sh.readFile(file));
    }

    private static boolean findSources(Shell sh, String type, String spec) {
        String list;
        try {
            list = sh.conn().findStoragePoolSources(type, spec);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to find any %s pool sources", type);
        }
        sh.print("%s", list);
        return true;
    }

    static boolean edit(Shell sh, Invocation cmd) {
        StoragePool p = Lookup.pool(sh, cmd, "pool");
        return Editor.edit(sh, p.getXMLDesc(StorageXMLFlag.INACTIVE), "Pool", p.getName(),
                xml -> sh.conn().storagePoolDefineXML(xml).getName(),
                "Pool %s XML configuration not changed.\n", "Pool %s XML configuration edited.\n");
    }
}

