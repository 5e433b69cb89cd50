package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorNumber;
import org.jvirt.NWFilter;
import org.jvirt.VirtException;

/** virsh's "Network Filter" group (help keyword 'filter'): the table first, then the handlers. */
final class NWFilterCommands {

    private NWFilterCommands() {
    }

    static Group group() {
        return new Group("Network Filter", "filter", List.of(
                cmd("nwfilter-define", "define or update a network filter from an XML file",
                        "Define a new network filter or update an existing one.",
                        NWFilterCommands::define,
                        Opt.data("file", "file containing an XML network filter description").req().complete(Completer.FILE),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("nwfilter-dumpxml", "network filter information in XML",
                        "Output the network filter information as an XML dump to stdout.",
                        NWFilterCommands::dumpxml,
                        Opt.data("nwfilter", "network filter name or uuid").req().complete(Completer.NWFILTER),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("nwfilter-edit", "edit XML configuration for a network filter",
                        "Edit the XML configuration for a network filter.",
                        NWFilterCommands::edit,
                        Opt.data("nwfilter", "network filter name or uuid").req().complete(Completer.NWFILTER)),
                cmd("nwfilter-list", "list network filters",
                        "Returns list of network filters.",
                        NWFilterCommands::list),
                cmd("nwfilter-undefine", "undefine a network filter",
                        "Undefine a given network filter.",
                        NWFilterCommands::undefine,
                        Opt.data("nwfilter", "network filter name or uuid").req().complete(Completer.NWFILTER)),
                cmd("nwfilter-binding-create", "create a network filter binding from an XML file",
                        "Create a new network filter binding.",
                        NWFilterCommands::bindingCreate,
                        Opt.data("file", "file containing an XML network filter binding description").req().complete(Completer.FILE),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("nwfilter-binding-delete", "delete a network filter binding",
                        "Delete a given network filter binding.",
                        NWFilterCommands::bindingDelete,
                        Opt.data("binding", "network filter binding port dev").req()),
                cmd("nwfilter-binding-dumpxml", "network filter information in XML",
                        "Output the network filter information as an XML dump to stdout.",
                        NWFilterCommands::bindingDumpxml,
                        Opt.data("binding", "network filter binding portdev").req(),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("nwfilter-binding-list", "list network filter bindings",
                        "Returns list of network filter bindings.",
                        DomainIO::nwfilterBindingList)));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    static boolean list(Shell sh, Invocation cmd) {
        List<NWFilter> filters;
        try {
            filters = new ArrayList<>(sh.conn().listAllNWFilters());
        } catch (VirtException e) {
            if (e.number() != ErrorNumber.NO_SUPPORT) {
                throw sh.fail(e, "Failed to list network filters");
            }
            // virsh falls back to the old counting API
            try {
                sh.conn().numOfNWFilters();
            } catch (VirtException e2) {
                throw sh.fail(e2, "Failed to count network filters");
            }
            List<String> names;
            try {
                names = sh.conn().listNWFilters();
            } catch (VirtException e2) {
                throw sh.fail(e2, "Failed to list network filters");
            }
            filters = new ArrayList<>();
            for (String n : names) {
                try {
                    filters.add(sh.conn().nwfilterLookupByName(n));
                } catch (VirtException e2) {
                    // gone meanwhile
                }
            }
        }
        filters.sort((a, b) -> Strings.caseCompare(a.getName(), b.getName()));
        Table t = new Table("UUID", "Name");
        for (NWFilter f : filters) {
            t.row(f.getUUIDString(), f.getName());
        }
        t.print(sh);
        return true;
    }

    static boolean dumpxml(Shell sh, Invocation cmd) {
        NWFilter f = Lookup.nwfilter(sh, cmd);
        return XPathOut.print(sh, f.getXMLDesc(), cmd.string("xpath"), cmd.bool("wrap"));
    }

    static boolean define(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        NWFilter f;
        try {
            f = sh.conn().nwfilterDefineXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to define network filter from %s", from);
        }
        sh.printExtra("Network filter %s defined from %s\n", f.getName(), from);
        return true;
    }

    static boolean undefine(Shell sh, Invocation cmd) {
        String n = cmd.req("nwfilter");
        NWFilter f = Lookup.nwfilter(sh, cmd);
        try {
            f.undefine();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to undefine network filter %s", n);
        }
        sh.printExtra("Network filter %s undefined\n", n);
        return true;
    }

    static boolean edit(Shell sh, Invocation cmd) {
        NWFilter f = Lookup.nwfilter(sh, cmd);
        return Editor.edit(sh, f.getXMLDesc(), "Network filter", f.getName(),
                xml -> sh.conn().nwfilterDefineXML(xml).getName(),
                "Network filter %s XML configuration not changed.\n", "Network filter %s XML configuration edited.\n");
    }

    /** virshCommandOptNWFilterBinding: by port device; libvirt's error follows virsh's. */
    private static org.jvirt.NWFilterBinding binding(Shell sh, Invocation cmd) {
        String n = cmd.req("binding");
        try {
            return sh.conn().nwfilterBindingLookupByPortDev(n);
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get nwfilter binding '%s'", n);
        }
    }

    static boolean bindingCreate(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        org.jvirt.NWFilterBinding b;
        try {
            b = sh.conn().nwfilterBindingCreateXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to create network filter from %s", from);
        }
        sh.printExtra("Network filter binding on %s created from %s\n", b.getPortDev(), from);
        return true;
    }

    static boolean bindingDelete(Shell sh, Invocation cmd) {
        String portdev = cmd.req("binding");
        org.jvirt.NWFilterBinding b = binding(sh, cmd);
        try {
            b.delete();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to delete network filter binding on %s", portdev);
        }
        sh.printExtra("Network filter binding on %s deleted\n", portdev);
        return true;
    }

    /** cmdNWFilterBindingDumpXML: virsh 9.0 never reads --xpath, so only --wrap reaches virshDumpXML. */
    static boolean bindingDumpxml(Shell sh, Invocation cmd) {
        org.jvirt.NWFilterBinding b = binding(sh, cmd);
        return XPathOut.print(sh, b.getXMLDesc(), null, cmd.bool("wrap"));
    }
}
