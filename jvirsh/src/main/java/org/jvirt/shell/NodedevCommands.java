package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.NodeDevice;
import org.jvirt.VirtException;
import org.jvirt.flags.ListNodeDevicesFlag;

/** virsh's "Node Device" group (help keyword 'nodedev'): the table first, then the handlers. */
final class NodedevCommands {

    private NodedevCommands() {
    }

    static Group group() {
        return new Group("Node Device", "nodedev", List.of(
                cmd("nodedev-create", "create a device defined by an XML file on the node",
                        "Create a device on the node.  Note that this command creates devices on the physical host that can then be assigned to a virtual machine.",
                        NodedevCommands::create,
                        Opt.data("file", "file containing an XML description of the device").req().complete(Completer.FILE),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("nodedev-destroy", "destroy (stop) a device on the node",
                        "Destroy a device on the node.  Note that this command destroys devices on the physical host",
                        NodedevCommands::destroy,
                        Opt.alias("name", "device"),
                        Opt.data("device", "device name or wwn pair in 'wwnn,wwpn' format").req().complete(Completer.NODEDEV)),
                cmd("nodedev-detach", "detach node device from its device driver",
                        "Detach node device from its device driver before assigning to a domain.",
                        Unsupported.api("virNodeDeviceDetachFlags"),
                        Opt.data("device", "device key").req().complete(Completer.NODEDEV),
                        Opt.string("driver", "pci device assignment backend driver (e.g. 'vfio' or 'xen')")),
                Command.alias("nodedev-dettach", "nodedev-detach"),
                cmd("nodedev-dumpxml", "node device details in XML",
                        "Output the node device details as an XML dump to stdout.",
                        NodedevCommands::dumpxml,
                        Opt.data("device", "device name or wwn pair in 'wwnn,wwpn' format").req().complete(Completer.NODEDEV),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("nodedev-list", "enumerate devices on this host",
                        "",
                        NodedevCommands::list,
                        Opt.bool("tree", "list devices in a tree"),
                        Opt.string("cap", "capability names, separated by comma"),
                        Opt.bool("inactive", "list inactive devices"),
                        Opt.bool("all", "list inactive & active devices")),
                cmd("nodedev-reattach", "reattach node device to its device driver",
                        "Reattach node device to its device driver once released by the domain.",
                        Unsupported.api("virNodeDeviceReAttach"),
                        Opt.data("device", "device key").req().complete(Completer.NODEDEV)),
                cmd("nodedev-reset", "reset node device",
                        "Reset node device before or after assigning to a domain.",
                        Unsupported.api("virNodeDeviceReset"),
                        Opt.data("device", "device key").req().complete(Completer.NODEDEV)),
                cmd("nodedev-event", "Node Device Events",
                        "List event types, or wait for node device events to occur",
                        EventCommands::nodedevEvent,
                        Opt.string("device", "filter by node device name").complete(Completer.NODEDEV),
                        Opt.string("event", "which event type to wait for").complete(Completer.NODEDEV_EVENT),
                        Opt.bool("loop", "loop until timeout or interrupt, rather than one-shot"),
                        Opt.integer("timeout", "timeout seconds"),
                        Opt.bool("list", "list valid event types"),
                        Opt.bool("timestamp", "show timestamp for each printed event")),
                cmd("nodedev-define", "Define a device by an xml file on a node",
                        "Defines a persistent device on the node that can be assigned to a domain. The device must be started before it can be assigned to a domain.",
                        NodedevCommands::define,
                        Opt.data("file", "file containing an XML description of the device").req().complete(Completer.FILE),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("nodedev-undefine", "Undefine an inactive node device",
                        "Undefines the configuration for an inactive node device",
                        NodedevCommands::undefine,
                        Opt.data("device", "device name or wwn pair in 'wwnn,wwpn' format").req().complete(Completer.NODEDEV)),
                cmd("nodedev-start", "Start an inactive node device",
                        "Starts an inactive node device that was previously defined",
                        NodedevCommands::start,
                        Opt.data("device", "device name").req().complete(Completer.NODEDEV)),
                cmd("nodedev-autostart", "autostart a defined node device",
                        "Configure a node device to be automatically started at boot.",
                        NodedevCommands::autostart,
                        Opt.data("device", "device name or wwn pair in 'wwnn,wwpn' format").req().complete(Completer.NODEDEV),
                        Opt.bool("disable", "disable autostarting")),
                cmd("nodedev-info", "node device information",
                        "Returns basic information about the node device",
                        NodedevCommands::info,
                        Opt.data("device", "device name or wwn pair in 'wwnn,wwpn' format").req().complete(Completer.NODEDEV))));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    /** libvirt's virNodeDevCapType names, by the order of their list flags. */
    private static final String[] CAPS = {
        "system", "pci", "usb_device", "usb", "net", "scsi_host", "scsi_target", "scsi", "storage", "fc_host",
        "vports", "scsi_generic", "drm", "mdev_types", "mdev", "ccw", "css", "vdpa", "ap_card", "ap_queue",
        "ap_matrix", "vpd"
    };

    private static final ListNodeDevicesFlag[] CAP_FLAGS = {
        ListNodeDevicesFlag.CAP_SYSTEM, ListNodeDevicesFlag.CAP_PCI_DEV, ListNodeDevicesFlag.CAP_USB_DEV,
        ListNodeDevicesFlag.CAP_USB_INTERFACE, ListNodeDevicesFlag.CAP_NET, ListNodeDevicesFlag.CAP_SCSI_HOST,
        ListNodeDevicesFlag.CAP_SCSI_TARGET, ListNodeDevicesFlag.CAP_SCSI, ListNodeDevicesFlag.CAP_STORAGE,
        ListNodeDevicesFlag.CAP_FC_HOST, ListNodeDevicesFlag.CAP_VPORTS, ListNodeDevicesFlag.CAP_SCSI_GENERIC,
        ListNodeDevicesFlag.CAP_DRM, ListNodeDevicesFlag.CAP_MDEV_TYPES, ListNodeDevicesFlag.CAP_MDEV,
        ListNodeDevicesFlag.CAP_CCW_DEV, ListNodeDevicesFlag.CAP_CSS_DEV, ListNodeDevicesFlag.CAP_VDPA,
        ListNodeDevicesFlag.CAP_AP_CARD, ListNodeDevicesFlag.CAP_AP_QUEUE, ListNodeDevicesFlag.CAP_AP_MATRIX,
        ListNodeDevicesFlag.CAP_VPD
    };

    static boolean list(Shell sh, Invocation cmd) {
        boolean tree = cmd.bool("tree");
        boolean inactive = cmd.bool("inactive");
        boolean all = cmd.bool("all");
        Invocation.Arg capArg = cmd.raw("cap");
        String capStr = capArg == null || capArg.value().isEmpty() ? null : capArg.value();
        List<String> caps = capStr == null ? List.of() : Strings.toArray(capStr);
        if (all && inactive) {
            throw sh.fail("Option --all is incompatible with --inactive");
        }
        if (tree && (capStr != null || inactive)) {
            throw sh.fail("Option --tree is incompatible with --cap and --inactive");
        }
        EnumSet<ListNodeDevicesFlag> f = EnumSet.noneOf(ListNodeDevicesFlag.class);
        for (String c : caps) {
            int i = List.of(CAPS).indexOf(c);
            if (i < 0) {
                throw sh.fail("Invalid capability type");
            }
            f.add(CAP_FLAGS[i]);
        }
        if (inactive || all) {
            f.add(ListNodeDevicesFlag.INACTIVE);
        }
        if (!inactive) {
            f.add(ListNodeDevicesFlag.ACTIVE);
        }
        List<NodeDevice> devs;
        try {
            devs = new ArrayList<>(sh.conn().listAllNodeDevices(f.toArray(new ListNodeDevicesFlag[0])));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to list node devices");
        }
        devs.sort((a, b) -> Strings.caseCompare(a.getName(), b.getName()));
        if (!tree) {
            for (NodeDevice d : devs) {
                sh.print("%s\n", d.getName());
            }
            return true;
        }
        List<String> names = new ArrayList<>();
        List<String> parents = new ArrayList<>();
        for (NodeDevice d : devs) {
            names.add(d.getName());
            parents.add(d.getName().equals("computer") ? null : d.getParent());
        }
        for (int i = 0; i < names.size(); i++) {
            if (parents.get(i) == null) {
                Tree.print(sh, names, parents, i);
            }
        }
        return true;
    }

    /** vshFindNodeDevice: by name, or by a "wwnn,wwpn" pair for a SCSI host. */
    static NodeDevice find(Shell sh, String value) {
        NodeDevice dev;
        try {
            if (value.contains(",")) {
                List<String> arr = Strings.toArray(value);
                if (arr.size() != 2) {
                    throw sh.fail("Malformed device value '%s'", value);
                }
                for (String w : arr) {
                    if (!w.matches("(0x)?[0-9A-Fa-f]{16}")) {
                        throw new Failed(VirtException.of(ErrorDomain.NONE, ErrorNumber.INTERNAL_ERROR,
                                "Malformed wwn: %s", w));
                    }
                }
                dev = sh.conn().nodeDeviceLookupSCSIHostByWWN(arr.get(0), arr.get(1));
            } else {
                dev = sh.conn().nodeDeviceLookupByName(value);
            }
        } catch (VirtException e) {
            throw sh.fail(e, "%s '%s'", "Could not find matching device", value);
        }
        return dev;
    }

    static boolean dumpxml(Shell sh, Invocation cmd) {
        String value = cmd.req("device");
        String xpath = cmd.string("xpath");
        NodeDevice d = find(sh, value);
        return XPathOut.print(sh, d.getXMLDesc(), xpath, cmd.bool("wrap"));
    }

    /**
     * virsh prints {@code virNodeDeviceIsActive(dev) ? yes : no}: a failed call returns -1, which C reads as true,
     * so a driver without the function shows "yes" (libvirt's test driver does exactly that).
     */
    private static String yesUnlessFalse(java.util.function.BooleanSupplier call) {
        try {
            return call.getAsBoolean() ? "yes" : "no";
        } catch (VirtException e) {
            return "yes";
        }
    }

    static boolean info(Shell sh, Invocation cmd) {
        NodeDevice d = find(sh, cmd.req("device"));
        String parent;
        try {
            parent = d.getParent();
        } catch (VirtException e) {
            parent = null;
        }
        String f = "%-15s %s\n";
        sh.print(f, "Name:", d.getName());
        sh.print(f, "Parent:", parent == null ? "" : parent);
        sh.print(f, "Active:", yesUnlessFalse(d::isActive));
        sh.print(f, "Persistent:", yesUnlessFalse(d::isPersistent));
        String autostart;
        try {
            autostart = d.getAutostart() ? "yes" : "no";
        } catch (VirtException e) {
            autostart = "no autostart";
        }
        sh.print(f, "Autostart:", autostart);
        return true;
    }

    // --validate has no counterpart: the jvirt API's nodeDeviceCreateXML and nodeDeviceDefineXML take no flags

    static boolean create(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        NodeDevice d;
        try {
            d = sh.conn().nodeDeviceCreateXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to create node device from %s", from);
        }
        sh.printExtra("Node device %s created from %s\n", d.getName(), from);
        return true;
    }

    static boolean define(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        NodeDevice d;
        try {
            d = sh.conn().nodeDeviceDefineXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to define node device from '%s'", from);
        }
        sh.printExtra("Node device '%s' defined from '%s'\n", d.getName(), from);
        return true;
    }

    static boolean destroy(Shell sh, Invocation cmd) {
        String value = cmd.req("device");
        NodeDevice d = find(sh, value);
        try {
            d.destroy();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to destroy node device '%s'", value);
        }
        sh.printExtra("Destroyed node device '%s'\n", value);
        return true;
    }

    static boolean undefine(Shell sh, Invocation cmd) {
        String value = cmd.req("device");
        NodeDevice d = find(sh, value);
        try {
            d.undefine();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to undefine node device '%s'", value);
        }
        sh.printExtra("Undefined node device '%s'\n", value);
        return true;
    }

    /** cmdNodeDeviceStart looks the device up by name only (no wwnn,wwpn pair). */
    static boolean start(Shell sh, Invocation cmd) {
        String name = cmd.req("device");
        NodeDevice d;
        try {
            d = sh.conn().nodeDeviceLookupByName(name);
        } catch (VirtException e) {
            throw sh.fail(e, "Could not find matching device '%s'", name);
        }
        try {
            d.create();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to start device %s", name);
        }
        sh.printExtra("Device %s started\n", name);
        return true;
    }

    static boolean autostart(Shell sh, Invocation cmd) {
        String name = cmd.req("device");
        NodeDevice d = find(sh, name);
        boolean on = !cmd.bool("disable");
        try {
            d.setAutostart(on);
        } catch (VirtException e) {
            throw sh.fail(e, on ? "failed to mark device %s as autostarted"
                    : "failed to unmark device %s as autostarted", name);
        }
        sh.printExtra(on ? "Device %s marked as autostarted\n" : "Device %s unmarked as autostarted\n", name);
        return true;
    }
}
