package org.jvirt.driver.test;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * libvirt's "modification impact" rules (virDomainObjUpdateModificationImpact and friends): which definitions a
 * LIVE / CONFIG / CURRENT call reads or changes, and the errors for asking the impossible.
 *
 * @param live   the running definition, or null
 * @param config the persistent definition, or null
 */
record Impact(DomainDef live, DomainDef config) {

    /** Both LIVE and CONFIG may be asked for (virDomainObjGetDefs). CURRENT means LIVE when running. */
    static Impact of(DomainObj d, boolean liveFlag, boolean configFlag) {
        boolean live = liveFlag;
        boolean config = configFlag;
        if (!live && !config) {
            if (d.isActive()) {
                live = true;
            } else {
                config = true;
            }
        }
        if (live && !d.isActive()) {
            throw Errors.domainNotRunning();
        }
        if (config && !d.persistent) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_INVALID,
                    "transient domains do not have any persistent config");
        }
        return new Impact(live ? d.def : null, config ? d.persistentDef() : null);
    }

    /** Exactly one definition (virDomainObjGetOneDefState): LIVE and CONFIG together are refused. */
    static Impact one(DomainObj d, boolean liveFlag, boolean configFlag) {
        if (liveFlag && configFlag) {
            throw Errors.exclusive("VIR_DOMAIN_AFFECT_LIVE", "VIR_DOMAIN_AFFECT_CONFIG");
        }
        return of(d, liveFlag, configFlag);
    }

    DomainDef single() {
        return live != null ? live : config;
    }

    boolean isLive() {
        return live != null;
    }
}
