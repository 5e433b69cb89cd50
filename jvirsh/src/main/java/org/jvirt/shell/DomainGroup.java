package org.jvirt.shell;

import java.util.List;

/** virsh's "Domain Management" group (help keyword 'domain'): its table, in three files by size. */
final class DomainGroup {

    private DomainGroup() {
    }

    static Group group() {
        // The table is long enough to fill three files; together they keep virsh's order.
        List<Command> all = new java.util.ArrayList<>(DomainTable1.commands());
        all.addAll(DomainTable2.commands());
        all.addAll(DomainTable3.commands());
        return new Group("Domain Management", "domain", List.copyOf(all));
    }
}
