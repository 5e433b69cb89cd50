package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.List;

/** virsh's "Checkpoint" group (help keyword 'checkpoint'): the table first, then the handlers. */
final class CheckpointCommands {

    private CheckpointCommands() {
    }

    static Group group() {
        return new Group("Checkpoint", "checkpoint", List.of(
                cmd("checkpoint-create", "Create a checkpoint from XML",
                        "Create a checkpoint from XML for use in future incremental backups",
                        Unsupported.api("virDomainCheckpointCreateXML"),
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("xmlfile", "domain checkpoint XML").complete(Completer.FILE),
                        Opt.bool("redefine", "redefine metadata for existing checkpoint"),
                        Opt.bool("redefine-validate", "validate the redefined checkpoint"),
                        Opt.bool("quiesce", "quiesce guest's file systems")),
                cmd("checkpoint-create-as", "Create a checkpoint from a set of args",
                        "Create a checkpoint from arguments for use in future incremental backups",
                        Unsupported.api("virDomainCheckpointCreateXML"),
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("name", "name of checkpoint"),
                        Opt.string("description", "description of checkpoint"),
                        Opt.bool("print-xml", "print XML document rather than create"),
                        Opt.bool("quiesce", "quiesce guest's file systems"),
                        Opt.argv("diskspec", "disk attributes: disk[,checkpoint=type][,bitmap=name]")),
                cmd("checkpoint-delete", "Delete a domain checkpoint",
                        "Checkpoint Delete",
                        Unsupported.api("virDomainCheckpointDelete"),
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("checkpointname", "checkpoint name"),
                        Opt.bool("children", "delete checkpoint and all children"),
                        Opt.bool("children-only", "delete children but not checkpoint"),
                        Opt.bool("metadata", "delete only libvirt metadata, leaving checkpoint contents behind")),
                cmd("checkpoint-dumpxml", "Dump XML for a domain checkpoint",
                        "Checkpoint Dump XML",
                        Unsupported.api("virDomainCheckpointGetXMLDesc"),
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("checkpointname", "checkpoint name"),
                        Opt.bool("security-info", "include security sensitive information in XML dump"),
                        Opt.bool("no-domain", "exclude <domain> from XML"),
                        Opt.bool("size", "include backup size estimate in XML dump"),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("checkpoint-edit", "edit XML for a checkpoint",
                        "Edit the domain checkpoint XML for a named checkpoint",
                        Unsupported.api("virDomainCheckpointGetXMLDesc"),
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("checkpointname", "checkpoint name")),
                cmd("checkpoint-info", "checkpoint information",
                        "Returns basic information about a checkpoint.",
                        Unsupported.api("virDomainCheckpointListAllChildren"),
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("checkpointname", "checkpoint name")),
                cmd("checkpoint-list", "List checkpoints for a domain",
                        "Checkpoint List",
                        Unsupported.api("virDomainListAllCheckpoints"),
                        CommonOpts.DOMAIN_FULL,
                        Opt.bool("parent", "add a column showing parent checkpoint"),
                        Opt.bool("roots", "list only checkpoints without parents"),
                        Opt.bool("leaves", "list only checkpoints without children"),
                        Opt.bool("no-leaves", "list only checkpoints that are not leaves (with children)"),
                        Opt.bool("tree", "list checkpoints in a tree"),
                        Opt.string("from", "limit list to children of given checkpoint"),
                        Opt.bool("descendants", "with --from, list all descendants"),
                        Opt.bool("name", "list checkpoint names only"),
                        Opt.bool("topological", "sort list topologically rather than by name")),
                cmd("checkpoint-parent", "Get the name of the parent of a checkpoint",
                        "Extract the checkpoint's parent, if any",
                        Unsupported.api("virDomainCheckpointGetParent"),
                        CommonOpts.DOMAIN_FULL,
                        Opt.string("checkpointname", "find parent of checkpoint name"))));
    }

    // ---- handlers ---------------------------------------------------------------------------------------
}
