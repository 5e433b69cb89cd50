package org.jvirt.shell;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.Domain;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDefineFlag;
import org.jvirt.flags.DomainDestroyFlag;
import org.jvirt.flags.DomainRebootFlag;
import org.jvirt.flags.DomainSaveRestoreFlag;
import org.jvirt.flags.DomainShutdownFlag;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.flags.DomainXMLFlag;

/** Handlers of the "Domain Management" group that start, stop, save, define and name domains. */
final class DomainLifecycle {

    private DomainLifecycle() {
    }

    static boolean start(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        if (cmd.has("pass-fds")) {
            throw VirtException.noSupport(org.jvirt.ErrorDomain.NONE, "virDomainCreateWithFiles");
        }
        if (d.getID() >= 0) {
            throw sh.fail("Domain is already active");
        }
        List<DomainCreateFlag> flags = new ArrayList<>();
        if (cmd.bool("paused")) {
            flags.add(DomainCreateFlag.START_PAUSED);
        }
        if (cmd.bool("autodestroy")) {
            flags.add(DomainCreateFlag.START_AUTODESTROY);
        }
        if (cmd.bool("bypass-cache")) {
            flags.add(DomainCreateFlag.START_BYPASS_CACHE);
        }
        if (cmd.bool("force-boot")) {
            flags.add(DomainCreateFlag.START_FORCE_BOOT);
        }
        if (cmd.bool("reset-nvram")) {
            flags.add(DomainCreateFlag.START_RESET_NVRAM);
        }
        try {
            d.create(flags.toArray(new DomainCreateFlag[0]));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to start domain '%s'", d.getName());
        }
        sh.printExtra("Domain '%s' started\n", d.getName());
        return true;
    }

    static boolean destroy(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String name = d.getName();
        try {
            if (cmd.bool("graceful")) {
                d.destroy(DomainDestroyFlag.GRACEFUL);
            } else {
                d.destroy();
            }
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to destroy domain '%s'", name);
        }
        sh.printExtra("Domain '%s' destroyed\n", name);
        return true;
    }

    private static final String[][] MODES = {
        {"acpi", "ACPI_POWER_BTN"}, {"agent", "GUEST_AGENT"}, {"initctl", "INITCTL"}, {"signal", "SIGNAL"},
        {"paravirt", "PARAVIRT"},
    };

    /** The --mode list of shutdown and reboot: "acpi,agent,...". */
    private static List<String> modes(Shell sh, Invocation cmd) {
        List<String> out = new ArrayList<>();
        String mode = cmd.string("mode");
        if (mode == null) {
            return out;
        }
        for (String m : mode.split(",")) {
            String found = null;
            for (String[] kv : MODES) {
                if (kv[0].equals(m)) {
                    found = kv[1];
                }
            }
            if (found == null) {
                throw sh.fail("Unknown mode %s value, expecting 'acpi', 'agent', 'initctl', 'signal', or 'paravirt'", m);
            }
            out.add(found);
        }
        return out;
    }

    static boolean shutdown(Shell sh, Invocation cmd) {
        List<String> m = modes(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        try {
            d.shutdown(m.stream().map(DomainShutdownFlag::valueOf).toArray(DomainShutdownFlag[]::new));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to shutdown domain '%s'", d.getName());
        }
        sh.printExtra("Domain '%s' is being shutdown\n", d.getName());
        return true;
    }

    static boolean reboot(Shell sh, Invocation cmd) {
        List<String> m = modes(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        try {
            d.reboot(m.stream().map(DomainRebootFlag::valueOf).toArray(DomainRebootFlag[]::new));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to reboot domain '%s'", d.getName());
        }
        sh.printExtra("Domain '%s' is being rebooted\n", d.getName());
        return true;
    }

    static boolean reset(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        try {
            d.reset();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to reset domain '%s'", d.getName());
        }
        sh.printExtra("Domain '%s' was reset\n", d.getName());
        return true;
    }

    static boolean suspend(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        try {
            d.suspend();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to suspend domain '%s'", d.getName());
        }
        sh.printExtra("Domain '%s' suspended\n", d.getName());
        return true;
    }

    static boolean resume(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        try {
            d.resume();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to resume domain '%s'", d.getName());
        }
        sh.printExtra("Domain '%s' resumed\n", d.getName());
        return true;
    }

    private static DomainSaveRestoreFlag[] saveFlags(Shell sh, Invocation cmd) {
        List<DomainSaveRestoreFlag> f = new ArrayList<>();
        // save-image-define shares these flags but has no --bypass-cache
        if (cmd.def.opt("bypass-cache") != null && cmd.bool("bypass-cache")) {
            f.add(DomainSaveRestoreFlag.BYPASS_CACHE);
        }
        MonitorCommands.exclusive(sh, cmd, "running", "paused");
        if (cmd.bool("running")) {
            f.add(DomainSaveRestoreFlag.RUNNING);
        }
        if (cmd.bool("paused")) {
            f.add(DomainSaveRestoreFlag.PAUSED);
        }
        return f.toArray(new DomainSaveRestoreFlag[0]);
    }

    static boolean save(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String to = cmd.req("file");
        String xml = cmd.has("xml") ? sh.readFile(cmd.string("xml")) : null;
        DomainSaveRestoreFlag[] flags = saveFlags(sh, cmd);
        try {
            String target = sh.path(to).toString();
            DomainIO.watch(sh, d, "Save", cmd.bool("verbose"), () -> d.save(target, xml, flags));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to save domain '%s' to %s", d.getName(), to);
        }
        sh.printExtra("\nDomain '%s' saved to %s\n", d.getName(), to);
        return true;
    }

    static boolean restore(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        String xml = cmd.has("xml") ? sh.readFile(cmd.string("xml")) : null;
        DomainSaveRestoreFlag[] flags = saveFlags(sh, cmd);
        try {
            sh.conn().domainRestore(sh.path(from).toString(), xml, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to restore domain from %s", from);
        }
        sh.printExtra("Domain restored from %s\n", from);
        return true;
    }

    static boolean managedsave(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        DomainSaveRestoreFlag[] flags = saveFlags(sh, cmd);
        try {
            DomainIO.watch(sh, d, "Managedsave", cmd.bool("verbose"), () -> d.managedSave(flags));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to save domain '%s' state", d.getName());
        }
        sh.printExtra("\nDomain '%s' state saved by libvirt\n", d.getName());
        return true;
    }

    static boolean managedsaveRemove(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String name = cmd.req("domain");
        boolean has;
        try {
            has = d.hasManagedSaveImage();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to check for domain managed save image");
        }
        if (!has) {
            sh.printExtra("Domain '%s' has no manage save image; removal skipped", name);
            return true;
        }
        try {
            d.managedSaveRemove();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to remove managed save image for domain '%s'", name);
        }
        sh.printExtra("Removed managedsave image for domain '%s'", name);
        return true;
    }

    static boolean create(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        if (cmd.has("pass-fds")) {
            throw VirtException.noSupport(org.jvirt.ErrorDomain.NONE, "virDomainCreateXMLWithFiles");
        }
        List<DomainCreateFlag> flags = new ArrayList<>();
        if (cmd.bool("paused")) {
            flags.add(DomainCreateFlag.START_PAUSED);
        }
        if (cmd.bool("autodestroy")) {
            flags.add(DomainCreateFlag.START_AUTODESTROY);
        }
        if (cmd.bool("validate")) {
            flags.add(DomainCreateFlag.START_VALIDATE);
        }
        if (cmd.bool("reset-nvram")) {
            flags.add(DomainCreateFlag.START_RESET_NVRAM);
        }
        Domain d;
        try {
            d = sh.conn().domainCreateXML(xml, flags.toArray(new DomainCreateFlag[0]));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to create domain from %s", from);
        }
        sh.printExtra("Domain '%s' created from %s\n", d.getName(), from);
        return true;
    }

    static boolean define(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        Domain d;
        try {
            d = cmd.bool("validate") ? sh.conn().domainDefineXML(xml, DomainDefineFlag.VALIDATE)
                    : sh.conn().domainDefineXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to define domain from %s", from);
        }
        sh.printExtra("Domain '%s' defined from %s\n", d.getName(), from);
        return true;
    }

    static boolean undefine(Shell sh, Invocation cmd) {
        MonitorCommands.exclusive(sh, cmd, "nvram", "keep-nvram");
        MonitorCommands.exclusive(sh, cmd, "tpm", "keep-tpm");
        Domain d = Lookup.domain(sh, cmd);
        String name = cmd.req("domain");
        UndefineStorage storage = UndefineStorage.collect(sh, cmd, d);
        List<DomainUndefineFlag> f = new ArrayList<>();
        if (cmd.bool("managed-save")) {
            f.add(DomainUndefineFlag.MANAGED_SAVE);
        }
        if (cmd.bool("snapshots-metadata")) {
            f.add(DomainUndefineFlag.SNAPSHOTS_METADATA);
        }
        if (cmd.bool("checkpoints-metadata")) {
            f.add(DomainUndefineFlag.CHECKPOINTS_METADATA);
        }
        if (cmd.bool("nvram")) {
            f.add(DomainUndefineFlag.NVRAM);
        }
        if (cmd.bool("keep-nvram")) {
            f.add(DomainUndefineFlag.KEEP_NVRAM);
        }
        if (cmd.bool("tpm")) {
            f.add(DomainUndefineFlag.TPM);
        }
        if (cmd.bool("keep-tpm")) {
            f.add(DomainUndefineFlag.KEEP_TPM);
        }
        try {
            d.undefine(f.toArray(new DomainUndefineFlag[0]));
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to undefine domain '%s'", name);
        }
        sh.printExtra("Domain '%s' has been undefined\n", name);
        return storage == null || storage.remove(sh);
    }

    static boolean domrename(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        d.rename(cmd.req("new-name"));
        sh.printExtra("Domain successfully renamed\n");
        return true;
    }

    static boolean autostart(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String name = cmd.req("domain");
        boolean on = !cmd.bool("disable");
        try {
            d.setAutostart(on);
        } catch (VirtException e) {
            throw sh.fail(e, on ? "Failed to mark domain '%s' as autostarted"
                    : "Failed to unmark domain '%s' as autostarted", name);
        }
        sh.printExtra(on ? "Domain '%s' marked as autostarted\n" : "Domain '%s' unmarked as autostarted\n", name);
        return true;
    }

    static boolean domid(Shell sh, Invocation cmd) {
        Domain d = Lookup.domainBy(sh, cmd.req("domain"), false, true, true);
        sh.print("%s\n", d.getID() >= 0 ? String.valueOf(d.getID()) : "-");
        return true;
    }

    static boolean domname(Shell sh, Invocation cmd) {
        Domain d = Lookup.domainBy(sh, cmd.req("domain"), true, true, false);
        sh.print("%s\n", d.getName());
        return true;
    }

    static boolean domuuid(Shell sh, Invocation cmd) {
        Domain d = Lookup.domainBy(sh, cmd.req("domain"), true, false, true);
        sh.print("%s\n", d.getUUIDString());
        return true;
    }

    static boolean domhostname(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String h;
        try {
            h = d.getHostname();
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get hostname");
        }
        sh.print("%s\n", h);
        return true;
    }

    static boolean dumpxml(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        List<DomainXMLFlag> f = new ArrayList<>();
        if (cmd.bool("inactive")) {
            f.add(DomainXMLFlag.INACTIVE);
        }
        if (cmd.bool("security-info")) {
            f.add(DomainXMLFlag.SECURE);
        }
        if (cmd.bool("update-cpu")) {
            f.add(DomainXMLFlag.UPDATE_CPU);
        }
        if (cmd.bool("migratable")) {
            f.add(DomainXMLFlag.MIGRATABLE);
        }
        String xml = d.getXMLDesc(f.toArray(new DomainXMLFlag[0]));
        return XPathOut.print(sh, xml, cmd.string("xpath"), cmd.bool("wrap"));
    }

    static boolean injectNmi(Shell sh, Invocation cmd) {
        Lookup.domain(sh, cmd).injectNMI();
        return true;
    }

    static boolean saveImageDumpxml(Shell sh, Invocation cmd) {
        String file = cmd.req("file");
        // --security-info has no flag in the jvirt API (VIR_DOMAIN_SAVE_IMAGE_XML_SECURE): the XML is the same
        String xml = sh.conn().domainSaveImageGetXMLDesc(sh.path(file).toString());
        return XPathOut.print(sh, xml, cmd.string("xpath"), cmd.bool("wrap"));
    }

    static boolean saveImageDefine(Shell sh, Invocation cmd) {
        String file = cmd.req("file");
        String xml = sh.readFile(cmd.req("xml"));
        DomainSaveRestoreFlag[] flags = saveFlags(sh, cmd);
        try {
            sh.conn().domainSaveImageDefineXML(sh.path(file).toString(), xml, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to update %s", file);
        }
        sh.printExtra("State file %s updated.\n", file);
        return true;
    }

    /** cmdSaveImageEdit: the saved image's XML through $EDITOR, then virDomainSaveImageDefineXML. */
    static boolean saveImageEdit(Shell sh, Invocation cmd) {
        List<DomainSaveRestoreFlag> f = new ArrayList<>();
        if (cmd.bool("running")) {
            f.add(DomainSaveRestoreFlag.RUNNING);
        }
        if (cmd.bool("paused")) {
            f.add(DomainSaveRestoreFlag.PAUSED);
        }
        // rejected up front: a define with both flags would always fail
        MonitorCommands.exclusive(sh, cmd, "running", "paused");
        DomainSaveRestoreFlag[] flags = f.toArray(new DomainSaveRestoreFlag[0]);
        String file = cmd.req("file");
        String path = sh.path(file).toString();
        String orig = sh.conn().domainSaveImageGetXMLDesc(path);
        return Editor.edit(sh, orig, "Saved image", file, xml -> {
            sh.conn().domainSaveImageDefineXML(path, xml, flags);
            return file;
        }, "Saved image %s XML configuration not changed.\n", "State file %s edited.\n");
    }

    static boolean edit(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        boolean skipValidate = cmd.bool("skip-validate");
        String orig = d.getXMLDesc(DomainXMLFlag.SECURE, DomainXMLFlag.INACTIVE);
        return Editor.edit(sh, orig, "Domain", d.getName(), xml -> {
            Domain nd = skipValidate ? sh.conn().domainDefineXML(xml)
                    : sh.conn().domainDefineXML(xml, DomainDefineFlag.VALIDATE);
            return nd.getName();
        }, "Domain '%s' XML configuration not changed.\n", "Domain '%s' XML configuration edited.\n");
    }
}
