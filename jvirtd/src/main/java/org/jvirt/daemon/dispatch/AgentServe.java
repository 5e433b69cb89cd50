package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Wire.dom;
import static org.jvirt.rpc.proto.remote.DomainDeviceProcedures.DOMAIN_AUTHORIZED_SSH_KEYS_GET;
import static org.jvirt.rpc.proto.remote.DomainDeviceProcedures.DOMAIN_AUTHORIZED_SSH_KEYS_SET;
import static org.jvirt.rpc.proto.remote.DomainStateProcedures.DOMAIN_GET_FSINFO;
import static org.jvirt.rpc.proto.remote.DomainStateProcedures.DOMAIN_SET_USER_PASSWORD;
import static org.jvirt.rpc.proto.remote.DomainStatsProcedures.DOMAIN_FSFREEZE;
import static org.jvirt.rpc.proto.remote.DomainStatsProcedures.DOMAIN_FSTHAW;
import static org.jvirt.rpc.proto.remote.DomainStatsProcedures.DOMAIN_FSTRIM;
import static org.jvirt.rpc.proto.remote.DomainStatsProcedures.DOMAIN_INTERFACE_ADDRESSES;

import java.util.List;
import org.jvirt.DomainFSInfo;
import org.jvirt.DomainInterface;
import org.jvirt.rpc.TypedParams;
import org.jvirt.flags.DomainAuthorizedSSHKeysSetFlag;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes2.RemoteDomainAuthorizedSshKeysGetRet;
import org.jvirt.rpc.proto.remote.DomainStateTypes2.RemoteDomainGetFsinfoRet;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.RemoteDomainFsfreezeRet;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.RemoteDomainFsinfo;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.RemoteDomainFsthawRet;
import org.jvirt.rpc.proto.remote.DomainStatsTypes2.RemoteDomainInterface;
import org.jvirt.rpc.proto.remote.DomainStatsTypes2.RemoteDomainInterfaceAddressesRet;
import org.jvirt.rpc.proto.remote.DomainStatsTypes2.RemoteDomainIpAddr;

/** The guest agent's procedures: interface addresses, filesystems (freeze, thaw, trim, info), user passwords and SSH keys. */
final class AgentServe {

    private AgentServe() {
    }

    static void register(DispatchTable t) {
        t.on(org.jvirt.rpc.proto.remote.DomainParametersProcedures.DOMAIN_GET_GUEST_VCPUS, (c, a) -> {
            c.noFlags(a.flags());
            return new org.jvirt.rpc.proto.remote.DomainParametersTypes.RemoteDomainGetGuestVcpusRet(
                    TypedParams.mapToWire(dom(c.conn(), a.dom()).getGuestVcpus()));
        });
        t.on(org.jvirt.rpc.proto.remote.DomainParametersProcedures.DOMAIN_SET_GUEST_VCPUS, (c, a) -> {
            c.noFlags(a.flags());
            if (a.state() != 0 && a.state() != 1) {
                throw org.jvirt.VirtException.of(org.jvirt.ErrorDomain.QEMU, org.jvirt.ErrorNumber.INVALID_ARG,
                        "unsupported state value");
            }
            dom(c.conn(), a.dom()).setGuestVcpus(a.cpumap(), a.state() == 1);
            return null;
        });
        t.on(org.jvirt.rpc.proto.remote.DomainParametersProcedures.DOMAIN_GET_GUEST_INFO, (c, a) -> {
            c.noFlags(a.flags());
            return new org.jvirt.rpc.proto.remote.DomainParametersTypes2.RemoteDomainGetGuestInfoRet(
                    TypedParams.mapToWire(dom(c.conn(), a.dom()).getGuestInfo(
                            c.flags(org.jvirt.flags.DomainGuestInfoType.class, a.types()))));
        });
        t.on(DOMAIN_FSFREEZE, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainFsfreezeRet(dom(c.conn(), a.dom()).fsFreeze(a.mountpoints()));
        });
        t.on(DOMAIN_FSTHAW, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainFsthawRet(dom(c.conn(), a.dom()).fsThaw(a.mountpoints()));
        });
        t.on(DOMAIN_FSTRIM, (c, a) -> {
            c.noFlags(a.flags());
            dom(c.conn(), a.dom()).fsTrim(a.mountPoint(), a.minimum());
            return null;
        });
        t.on(DOMAIN_GET_FSINFO, (c, a) -> {
            c.noFlags(a.flags());
            List<DomainFSInfo> info = dom(c.conn(), a.dom()).getFSInfo();
            return new RemoteDomainGetFsinfoRet(info.stream().map(i -> new RemoteDomainFsinfo(i.mountpoint(),
                    i.name(), i.fstype(), i.devAliases())).toList(), info.size());
        });
        t.on(DOMAIN_SET_USER_PASSWORD, (c, a) -> {
            if ((a.flags() & ~1) != 0) {
                c.noFlags(a.flags() & ~1);
            }
            dom(c.conn(), a.dom()).setUserPassword(a.user(), a.password(), (a.flags() & 1) != 0);
            return null;
        });
        t.on(DOMAIN_AUTHORIZED_SSH_KEYS_GET, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainAuthorizedSshKeysGetRet(dom(c.conn(), a.dom()).authorizedSSHKeysGet(a.user()));
        });
        t.on(DOMAIN_AUTHORIZED_SSH_KEYS_SET, (c, a) -> {
            dom(c.conn(), a.dom()).authorizedSSHKeysSet(a.user(), a.keys(),
                    c.flags(DomainAuthorizedSSHKeysSetFlag.class, a.flags()));
            return null;
        });
    }
}
