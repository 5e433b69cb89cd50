package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.List;
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
    final Checkpoints checkpoints = new Checkpoints();
    /** The guest clock (testDomainObjPrivate's seconds and nseconds). */
    long timeSeconds = DomainQueries.GUEST_EPOCH_SECONDS;
    int timeNanos;
    /** The IOThreads the runtime knows (testDomainObjPrivate's iothreads); null while there are none. */
    private List<IOThread> iothreads;

    /** One IOThread's polling parameters (testIOThreadInfo). */
    record IOThread(int id, long pollMaxNs, int pollGrow, int pollShrink) {
    }

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

    List<IOThread> iothreads() {
        return iothreads == null ? List.of() : iothreads;
    }

    /** testDomainGenerateIOThreadInfos: IOThreads with the default polling values, after those known. */
    void addIOThreads(List<Integer> ids) {
        for (int id : ids) {
            if (iothreads == null) {
                iothreads = new ArrayList<>();
            }
            iothreads.add(new IOThread(id, DomainQueries.IOTHREAD_POLL_MAX_NS, 0, 0));
        }
    }

    /** testDomainDelIOThread: the runtime forgets the IOThread's polling values. */
    void removeIOThread(int id) {
        if (iothreads != null) {
            iothreads.removeIf(t -> t.id() == id);
        }
    }

    /** testDomainSetIOThreadParams: new polling values for a known IOThread, in its place. */
    void replaceIOThread(IOThread t) {
        if (iothreads != null) {
            iothreads.replaceAll(o -> o.id() == t.id() ? t : o);
        }
    }

    /** The definition the persistent config lives in: newDef while running, def otherwise. */
    DomainDef persistentDef() {
        return newDef != null ? newDef : def;
    }
}
