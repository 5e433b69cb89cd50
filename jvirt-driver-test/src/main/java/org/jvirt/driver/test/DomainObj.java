package org.jvirt.driver.test;

import org.jvirt.DomainState;
import org.jvirt.spi.DomainRef;

/**
 * One domain of a test state (libvirt's virDomainObj): its definition, the persistent one kept aside while it
 * runs (newDef), and its runtime state. Guarded by the state's lock.
 */
final class DomainObj {

    DomainDef def;
    /** The persistent definition while a persistent domain runs; null otherwise. */
    DomainDef newDef;
    boolean persistent;
    int id = DomainRef.NO_ID;
    DomainState state = DomainState.SHUTOFF;
    int reason;
    boolean autostart;
    boolean hasManagedSave;
    final Snapshots snapshots = new Snapshots();

    DomainObj(DomainDef def) {
        this.def = def;
    }

    boolean isActive() {
        return id != DomainRef.NO_ID;
    }

    String name() {
        return def.name();
    }

    DomainRef ref() {
        return new DomainRef(def.name(), def.uuid(), id);
    }

    void setState(DomainState s, int r) {
        state = s;
        reason = r;
    }

    /** The definition the persistent config lives in: newDef while running, def otherwise. */
    DomainDef persistentDef() {
        return newDef != null ? newDef : def;
    }
}
