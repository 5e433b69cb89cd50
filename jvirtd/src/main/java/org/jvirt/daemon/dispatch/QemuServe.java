package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Wire.dom;
import static org.jvirt.rpc.proto.qemu.QemuProcedures.DOMAIN_AGENT_COMMAND;
import static org.jvirt.rpc.proto.qemu.QemuProcedures.DOMAIN_MONITOR_COMMAND;

import org.jvirt.flags.QemuMonitorCommandFlag;
import org.jvirt.rpc.proto.qemu.QemuTypes.QemuDomainAgentCommandRet;
import org.jvirt.rpc.proto.qemu.QemuTypes.QemuDomainMonitorCommandRet;

/** The QEMU program (libvirt-qemu's API): monitor and guest agent command passthrough. */
final class QemuServe {

    private QemuServe() {
    }

    static void register(DispatchTable t) {
        t.on(DOMAIN_MONITOR_COMMAND, (c, a) -> new QemuDomainMonitorCommandRet(
                dom(c.conn(), a.dom()).qemuMonitorCommand(a.cmd(), c.flags(QemuMonitorCommandFlag.class, a.flags()))));
        t.on(DOMAIN_AGENT_COMMAND, (c, a) -> {
            c.noFlags(a.flags());
            return new QemuDomainAgentCommandRet(dom(c.conn(), a.dom()).qemuAgentCommand(a.cmd(), a.timeout()));
        });
    }
}
