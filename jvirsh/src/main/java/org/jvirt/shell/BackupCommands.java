package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.List;

/** virsh's "Backup" group (help keyword 'backup'): the table first, then the handlers. */
final class BackupCommands {

    private BackupCommands() {
    }

    static Group group() {
        return new Group("Backup", "backup", List.of(
                cmd("backup-begin", "Start a disk backup of a live domain",
                        "Use XML to start a full or incremental disk backup of a live domain, optionally creating a checkpoint",
                        Unsupported.api("virDomainBackupBegin"),
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("backupxml", "domain backup XML").complete(Completer.FILE),
                        Opt.string("checkpointxml", "domain checkpoint XML").complete(Completer.FILE),
                        Opt.bool("reuse-external", "reuse files provided by caller")),
                cmd("backup-dumpxml", "Dump XML for an ongoing domain block backup job",
                        "Backup Dump XML",
                        Unsupported.api("virDomainBackupGetXMLDesc"),
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element"))));
    }

    // ---- handlers ---------------------------------------------------------------------------------------
}
