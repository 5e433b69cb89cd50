package org.jvirt.driver.qemu.domain;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jvirt.DomainState;
import org.jvirt.DomainStateInfo;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.spi.DomainRef;
import org.jvirt.xml.domain.DomainXml;

/**
 * One domain (libvirt's virDomainObj). Two locks, as libvirt has: the job lock lets one modifying operation
 * (start, destroy, save...) run at a time and is held across QEMU round trips; this object's monitor guards the
 * fields and is only held for moments, so queries and QMP event handling never wait behind a job.
 */
public final class DomainObj {

    /** How long a second modifying call waits for the first (libvirt's QEMU_JOB_WAIT_TIME is 30 s). */
    public static final Duration JOB_WAIT = Duration.ofSeconds(30);

    private final ReentrantLock job = new ReentrantLock();
    private volatile String jobName;
    private final UUID uuid;
    private String name;
    private DomainXml def;
    private DomainXml newDef;
    private boolean persistent;
    private boolean autostart;
    private DomainState state = DomainState.SHUTOFF;
    private int reason;
    private DomainRun run;
    private boolean removed;

    public DomainObj(DomainXml def, boolean persistent) {
        this.uuid = def.uuid();
        this.name = def.name();
        this.def = def;
        this.persistent = persistent;
    }

    public UUID uuid() {
        return uuid;
    }

    public synchronized String name() {
        return name;
    }

    public synchronized DomainRef ref() {
        return new DomainRef(name, uuid, run == null ? DomainRef.NO_ID : run.id());
    }

    /** The definition the next start uses: the persistent config, or the transient one. */
    public synchronized DomainXml def() {
        return def;
    }

    public synchronized void def(DomainXml d) {
        def = d;
        name = d.name();
    }

    /** A persistent definition saved while the domain runs, applied when it stops (isUpdated). */
    public synchronized DomainXml newDef() {
        return newDef;
    }

    public synchronized void newDef(DomainXml d) {
        newDef = d;
    }

    public synchronized boolean persistent() {
        return persistent;
    }

    public synchronized void persistent(boolean p) {
        persistent = p;
    }

    public synchronized boolean autostart() {
        return autostart;
    }

    public synchronized void autostart(boolean a) {
        autostart = a;
    }

    public synchronized DomainStateInfo state() {
        return new DomainStateInfo(state, reason);
    }

    public synchronized void state(DomainState s, int r) {
        state = s;
        reason = r;
    }

    public synchronized DomainRun run() {
        return run;
    }

    public synchronized void run(DomainRun r) {
        run = r;
    }

    public synchronized boolean isActive() {
        return run != null;
    }

    /** The running instance, or VIR_ERR_OPERATION_INVALID "domain is not running". */
    public synchronized DomainRun requireRun() {
        if (run == null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_INVALID, "domain is not running");
        }
        return run;
    }

    /** Set once the domain left the list (undefined, or transient and stopped): a waiting job must give up. */
    public synchronized boolean removed() {
        return removed;
    }

    public synchronized void removed(boolean r) {
        removed = r;
    }

    /** Waits for the job lock; libvirt's message when another job holds it too long. */
    public void beginJob(String what) {
        try {
            if (!job.tryLock(JOB_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_TIMEOUT,
                        "cannot acquire state change lock (held by %s)", jobName);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_ABORTED, "interrupted waiting for a job");
        }
        jobName = what;
        if (removed()) {
            job.unlock();
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.NO_DOMAIN,
                    "no domain with matching uuid '%s' (%s)", uuid, name());
        }
    }

    /** Takes the job only if it is free: for the driver's own background actions, which may simply skip. */
    public boolean tryBeginJob(String what) {
        if (!job.tryLock()) {
            return false;
        }
        jobName = what;
        return true;
    }

    public void endJob() {
        jobName = null;
        job.unlock();
    }

    public boolean jobHeldByCurrentThread() {
        return job.isHeldByCurrentThread();
    }
}
