package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Call.bool;
import static org.jvirt.daemon.dispatch.Call.results;
import static org.jvirt.daemon.dispatch.Wire.dom;
import static org.jvirt.rpc.proto.remote.ConnectListProcedures.CONNECT_LIST_ALL_DOMAINS;
import static org.jvirt.rpc.proto.remote.ConnectListProcedures.CONNECT_LIST_DEFINED_DOMAINS;
import static org.jvirt.rpc.proto.remote.ConnectListProcedures.CONNECT_LIST_DOMAINS;
import static org.jvirt.rpc.proto.remote.ConnectListProcedures.CONNECT_NUM_OF_DEFINED_DOMAINS;
import static org.jvirt.rpc.proto.remote.ConnectListProcedures.CONNECT_NUM_OF_DOMAINS;
import static org.jvirt.rpc.proto.remote.DomainProcedures.*;

import java.util.List;

import org.jvirt.Domain;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDefineFlag;
import org.jvirt.flags.DomainDestroyFlag;
import org.jvirt.flags.DomainRebootFlag;
import org.jvirt.flags.DomainSaveRestoreFlag;
import org.jvirt.flags.DomainShutdownFlag;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.flags.ListDomainsFlag;
import org.jvirt.rpc.proto.remote.ConnectListTypes.*;
import org.jvirt.rpc.proto.remote.DomainTypes.*;
import org.jvirt.rpc.proto.remote.DomainTypes2.*;

/** Domains: listing, lookup, define/undefine, the lifecycle, save/restore and managed save, rename. */
final class DomainServe {

    /** libvirt's REMOTE_DOMAIN_LIST_MAX. */
    static final int LIST_MAX = 16384;

    private DomainServe() {
    }

    static void register(DispatchTable t) {
        t.on(CONNECT_LIST_ALL_DOMAINS, (c, a) -> {
            List<Domain> all = c.conn().listAllDomains(c.flags(ListDomainsFlag.class, a.flags()));
            return new RemoteConnectListAllDomainsRet(results(a.needResults(), all.stream().map(Wire::dom).toList()),
                    all.size());
        });
        t.on(CONNECT_NUM_OF_DOMAINS, (c, a) -> new RemoteConnectNumOfDomainsRet(c.conn().numOfDomains()));
        t.on(CONNECT_LIST_DOMAINS, (c, a) -> new RemoteConnectListDomainsRet(
                c.limit(c.conn().listDomains(), a.maxids(), LIST_MAX, "maxids")));
        t.on(CONNECT_NUM_OF_DEFINED_DOMAINS, (c, a) ->
                new RemoteConnectNumOfDefinedDomainsRet(c.conn().numOfDefinedDomains()));
        t.on(CONNECT_LIST_DEFINED_DOMAINS, (c, a) -> new RemoteConnectListDefinedDomainsRet(
                c.limit(c.conn().listDefinedDomains(), a.maxnames(), LIST_MAX, "maxnames")));

        t.on(DOMAIN_LOOKUP_BY_ID, (c, a) -> new RemoteDomainLookupByIdRet(dom(c.conn().domainLookupByID(a.id()))));
        t.on(DOMAIN_LOOKUP_BY_NAME, (c, a) ->
                new RemoteDomainLookupByNameRet(dom(c.conn().domainLookupByName(a.name()))));
        t.on(DOMAIN_LOOKUP_BY_UUID, (c, a) ->
                new RemoteDomainLookupByUuidRet(dom(c.conn().domainLookupByUUID(a.uuid()))));

        t.on(DOMAIN_DEFINE_XML, (c, a) -> new RemoteDomainDefineXmlRet(dom(c.conn().domainDefineXML(a.xml()))));
        t.on(DOMAIN_DEFINE_XML_FLAGS, (c, a) -> new RemoteDomainDefineXmlFlagsRet(
                dom(c.conn().domainDefineXML(a.xml(), c.flags(DomainDefineFlag.class, a.flags())))));
        t.on(DOMAIN_CREATE_XML, (c, a) -> new RemoteDomainCreateXmlRet(
                dom(c.conn().domainCreateXML(a.xmlDesc(), c.flags(DomainCreateFlag.class, a.flags())))));
        t.on(DOMAIN_UNDEFINE, (c, a) -> {
            dom(c.conn(), a.dom()).undefine();
            return null;
        });
        t.on(DOMAIN_UNDEFINE_FLAGS, (c, a) -> {
            dom(c.conn(), a.dom()).undefine(c.flags(DomainUndefineFlag.class, a.flags()));
            return null;
        });

        t.on(DOMAIN_CREATE, (c, a) -> {
            dom(c.conn(), a.dom()).create();
            return null;
        });
        t.on(DOMAIN_CREATE_WITH_FLAGS, (c, a) -> {
            Domain d = dom(c.conn(), a.dom());
            d.create(c.flags(DomainCreateFlag.class, a.flags()));
            return new RemoteDomainCreateWithFlagsRet(dom(c.conn().domainLookupByUUID(d.getUUID())));
        });
        t.on(DOMAIN_DESTROY, (c, a) -> {
            dom(c.conn(), a.dom()).destroy();
            return null;
        });
        t.on(DOMAIN_DESTROY_FLAGS, (c, a) -> {
            dom(c.conn(), a.dom()).destroy(c.flags(DomainDestroyFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_SHUTDOWN, (c, a) -> {
            dom(c.conn(), a.dom()).shutdown();
            return null;
        });
        t.on(DOMAIN_SHUTDOWN_FLAGS, (c, a) -> {
            dom(c.conn(), a.dom()).shutdown(c.flags(DomainShutdownFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_REBOOT, (c, a) -> {
            dom(c.conn(), a.dom()).reboot(c.flags(DomainRebootFlag.class, a.flags()));
            return null;
        });
        t.on(org.jvirt.rpc.proto.remote.DomainStateProcedures.DOMAIN_GET_TIME, (c, a) -> {
            c.noFlags(a.flags());
            java.time.Instant time = dom(c.conn(), a.dom()).getTime();
            return new org.jvirt.rpc.proto.remote.DomainStateTypes2.RemoteDomainGetTimeRet(time.getEpochSecond(),
                    time.getNano());
        });
        t.on(org.jvirt.rpc.proto.remote.DomainStateProcedures.DOMAIN_SET_TIME, (c, a) -> {
            var flags = c.flags(org.jvirt.flags.DomainSetTimeFlag.class, a.flags());
            if (a.nseconds() < 0 || a.nseconds() > 999_999_999) {
                // an Instant cannot carry it; the driver's words for it
                throw org.jvirt.VirtException.of(org.jvirt.ErrorDomain.QEMU, org.jvirt.ErrorNumber.INVALID_ARG,
                        "nseconds too big");
            }
            dom(c.conn(), a.dom()).setTime(java.time.Instant.ofEpochSecond(a.seconds(), a.nseconds()),
                    flags);
            return null;
        });
        t.on(DOMAIN_RESET, (c, a) -> {
            c.noFlags(a.flags());
            dom(c.conn(), a.dom()).reset();
            return null;
        });
        t.on(DOMAIN_SUSPEND, (c, a) -> {
            dom(c.conn(), a.dom()).suspend();
            return null;
        });
        t.on(DOMAIN_RESUME, (c, a) -> {
            dom(c.conn(), a.dom()).resume();
            return null;
        });

        registerSave(t);
        t.on(DOMAIN_RENAME, (c, a) -> {
            c.noFlags(a.flags());
            dom(c.conn(), a.dom()).rename(a.newName());
            return new RemoteDomainRenameRet(0);
        });
    }

    private static void registerSave(DispatchTable t) {
        t.on(DOMAIN_SAVE, (c, a) -> {
            dom(c.conn(), a.dom()).save(a.to(), null);
            return null;
        });
        t.on(DOMAIN_SAVE_FLAGS, (c, a) -> {
            dom(c.conn(), a.dom()).save(a.to(), a.dxml(), c.flags(DomainSaveRestoreFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_RESTORE, (c, a) -> {
            c.conn().domainRestore(a.from(), null);
            return null;
        });
        t.on(DOMAIN_RESTORE_FLAGS, (c, a) -> {
            c.conn().domainRestore(a.from(), a.dxml(), c.flags(DomainSaveRestoreFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_SAVE_IMAGE_GET_XML_DESC, (c, a) -> new RemoteDomainSaveImageGetXmlDescRet(
                c.conn().domainSaveImageGetXMLDesc(a.file(), c.flags(DomainSaveRestoreFlag.class, a.flags()))));
        t.on(org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_DOMAIN_XML_TO_NATIVE, (c, a) -> {
            c.noFlags(a.flags());
            return new org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectDomainXmlToNativeRet(
                    c.conn().domainXMLToNative(a.nativeFormat(), a.domainXml()));
        });
        t.on(org.jvirt.rpc.proto.remote.ConnectProcedures.CONNECT_DOMAIN_XML_FROM_NATIVE, (c, a) -> {
            c.noFlags(a.flags());
            return new org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectDomainXmlFromNativeRet(
                    c.conn().domainXMLFromNative(a.nativeFormat(), a.nativeConfig()));
        });
        t.on(DOMAIN_SAVE_IMAGE_DEFINE_XML, (c, a) -> {
            c.conn().domainSaveImageDefineXML(a.file(), a.dxml(), c.flags(DomainSaveRestoreFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_MANAGED_SAVE, (c, a) -> {
            dom(c.conn(), a.dom()).managedSave(c.flags(DomainSaveRestoreFlag.class, a.flags()));
            return null;
        });
        t.on(DOMAIN_HAS_MANAGED_SAVE_IMAGE, (c, a) -> {
            c.noFlags(a.flags());
            return new RemoteDomainHasManagedSaveImageRet(bool(dom(c.conn(), a.dom()).hasManagedSaveImage()));
        });
        t.on(DOMAIN_MANAGED_SAVE_REMOVE, (c, a) -> {
            c.noFlags(a.flags());
            dom(c.conn(), a.dom()).managedSaveRemove();
            return null;
        });
        t.on(DOMAIN_IS_ACTIVE, (c, a) -> new RemoteDomainIsActiveRet(bool(dom(c.conn(), a.dom()).isActive())));
        t.on(DOMAIN_IS_PERSISTENT, (c, a) ->
                new RemoteDomainIsPersistentRet(bool(dom(c.conn(), a.dom()).isPersistent())));
        t.on(DOMAIN_IS_UPDATED, (c, a) -> new RemoteDomainIsUpdatedRet(bool(dom(c.conn(), a.dom()).isUpdated())));
        t.on(DOMAIN_ABORT_JOB, (c, a) -> {
            dom(c.conn(), a.dom()).abortJob();
            return null;
        });
    }
}
