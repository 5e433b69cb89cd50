package org.jvirt.shell;

/**
 * Ends a command whose failure was already reported on stderr (virsh's "vshError then return false"). If it
 * carries a libvirt error, the shell prints that one after, as virsh's vshReportError does.
 */
final class Failed extends RuntimeException {
    final transient org.jvirt.VirtException cause;

    Failed(org.jvirt.VirtException cause) {
        super(null, null, false, false);
        this.cause = cause;
    }
}
