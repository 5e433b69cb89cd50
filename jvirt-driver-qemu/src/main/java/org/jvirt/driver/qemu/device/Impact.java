package org.jvirt.driver.qemu.device;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.xml.domain.DomainXml;

/**
 * Where a change applies, libvirt's virDomainObjUpdateModificationImpact: neither LIVE nor CONFIG means the
 * running instance if there is one, else the persistent config; LIVE needs a running domain, CONFIG a
 * persistent one.
 *
 * @param live   change the running instance
 * @param config change the persistent definition
 */
public record Impact(boolean live, boolean config) {

    public static Impact of(DomainObj dom, boolean liveFlag, boolean configFlag) {
        boolean active = dom.isActive();
        boolean live = liveFlag;
        boolean config = configFlag;
        if (!live && !config) {
            live = active;
            config = !active;
        }
        if (live && !active) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID, "domain is not running");
        }
        if (config && !dom.persistent()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                    "transient domains do not have any persistent config");
        }
        return new Impact(live, config);
    }

    /** A copy of the persistent definition to change (the one a running domain gets when it stops). */
    public static DomainXml persistentCopy(DomainObj dom) {
        synchronized (dom) {
            return DomainXml.parse((dom.newDef() != null ? dom.newDef() : dom.def()).toXml());
        }
    }

    /** Makes a changed persistent definition the domain's own, after it was written to disk. */
    public static void setPersistent(DomainObj dom, DomainXml def) {
        synchronized (dom) {
            if (dom.isActive()) {
                dom.newDef(def);
            } else {
                dom.def(def);
            }
        }
    }
}
