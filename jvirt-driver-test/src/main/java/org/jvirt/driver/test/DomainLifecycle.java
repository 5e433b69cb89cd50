package org.jvirt.driver.test;

import java.util.EnumSet;
import java.util.Set;
import org.jvirt.DomainState;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.event.DomainEventType;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.flags.DomainDefineFlag;
import org.jvirt.flags.DomainDestroyFlag;
import org.jvirt.flags.DomainRebootFlag;
import org.jvirt.flags.DomainSaveRestoreFlag;
import org.jvirt.flags.DomainShutdownFlag;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.spi.DomainRef;

/**
 * Domain state transitions and the events they raise, as test_driver.c makes them: start/stop helpers
 * (testDomainStartState, testDomainShutdownState), adding a definition to the list (virDomainObjListAdd's
 * checks), and the lifecycle entry points built on them.
 */
final class DomainLifecycle {

    // virDomainEvent*DetailType values
    static final int DEFINED_ADDED = 0;
    static final int DEFINED_UPDATED = 1;
    static final int DEFINED_RENAMED = 2;
    static final int UNDEFINED_REMOVED = 0;
    static final int UNDEFINED_RENAMED = 1;
    static final int STARTED_BOOTED = 0;
    static final int STARTED_RESTORED = 2;
    static final int STARTED_FROM_SNAPSHOT = 3;
    static final int SUSPENDED_PAUSED = 0;
    static final int SUSPENDED_FROM_SNAPSHOT = 5;
    static final int RESUMED_UNPAUSED = 0;
    static final int STOPPED_SHUTDOWN = 0;
    static final int STOPPED_DESTROYED = 1;
    static final int STOPPED_SAVED = 4;
    static final int STOPPED_FROM_SNAPSHOT = 6;

    private final TestState st;

    DomainLifecycle(TestState st) {
        this.st = st;
    }

    // ---- state helpers ----------------------------------------------------------------------------------------

    /** testDomainStartState: running with a new id; a persistent domain keeps its config aside. */
    static void startState(TestState st, DomainObj d, int reason) {
        d.setState(DomainState.RUNNING, reason);
        d.id = st.nextDomId++;
        if (d.persistent && d.newDef == null) {
            d.newDef = d.def.copy();
        }
        d.hasManagedSave = false;
    }

    /** testDomainShutdownState: the running definition is dropped for the persistent one. */
    static void shutdownState(TestState st, DomainObj d, int reason) {
        if (d.newDef != null) {
            String oldName = d.name();
            d.def = d.newDef;
            d.newDef = null;
            st.renamed(d, oldName);
        }
        d.id = DomainRef.NO_ID;
        d.setState(DomainState.SHUTOFF, reason);
    }

    private void removeIfTransient(DomainObj d) {
        if (!d.persistent) {
            st.removeDomain(d);
        }
    }

    /**
     * virDomainObjListAdd. {@code live}: the definition is to run now (createXML, restore), which refuses a
     * domain that already runs. Returns the object and whether it existed before.
     */
    record Added(DomainObj obj, boolean existed) {
    }

    static Added add(TestState st, DomainDef def, boolean live) {
        DomainObj byUuid = st.domains.get(def.uuid());
        if (byUuid != null) {
            if (!byUuid.name().equals(def.name())) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_FAILED,
                        "domain '%s' is already defined with uuid %s", byUuid.name(), def.uuid());
            }
            if (live) {
                if (byUuid.isActive()) {
                    throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_INVALID,
                            "domain '%s' is already active", byUuid.name());
                }
                if (byUuid.persistent && byUuid.newDef == null) {
                    byUuid.newDef = byUuid.def;
                }
                byUuid.def = def;
            } else if (byUuid.isActive()) {
                byUuid.newDef = def;
            } else {
                byUuid.def = def;
            }
            return new Added(byUuid, true);
        }
        DomainObj byName = st.findByName(def.name());
        if (byName != null) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_FAILED,
                    "domain '%s' already exists with uuid %s", def.name(), byName.def.uuid());
        }
        DomainObj d = new DomainObj(def);
        st.addDomain(d);
        return new Added(d, false);
    }

    private DomainObj obj(DomainRef ref) {
        return TestDomains.obj(st, ref);
    }

    // ---- entry points -----------------------------------------------------------------------------------------

    DomainRef createXML(String xml, Set<DomainCreateFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(DomainCreateFlag.START_VALIDATE), "testDomainCreateXML");
        synchronized (st) {
            DomainDef def = DomainDef.parse(xml);
            Added a = add(st, def, true);
            startState(st, a.obj(), TestDomains.RUNNING_BOOTED);
            st.lifecycle(a.obj(), DomainEventType.STARTED, STARTED_BOOTED);
            return a.obj().ref();
        }
    }

    DomainRef defineXML(String xml, Set<DomainDefineFlag> flags) {
        synchronized (st) {
            DomainDef def = DomainDef.parse(xml);
            if (def.name().contains("\n")) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.XML_DETAIL,
                        "name %s cannot contain '\\n'", def.name());
            }
            Added a = add(st, def, false);
            a.obj().persistent = true;
            st.lifecycle(a.obj(), DomainEventType.DEFINED, a.existed() ? DEFINED_UPDATED : DEFINED_ADDED);
            return a.obj().ref();
        }
    }

    void undefine(DomainRef dom, Set<DomainUndefineFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(DomainUndefineFlag.MANAGED_SAVE,
                DomainUndefineFlag.SNAPSHOTS_METADATA), "testDomainUndefineFlags");
        synchronized (st) {
            DomainObj d = obj(dom);
            if (d.hasManagedSave && !flags.contains(DomainUndefineFlag.MANAGED_SAVE)) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID,
                        "Refusing to undefine while domain managed save image exists");
            }
            if (!d.isActive() && d.snapshots.size() > 0
                    && !flags.contains(DomainUndefineFlag.SNAPSHOTS_METADATA)) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "cannot delete inactive domain with %d snapshots",
                        d.snapshots.size());
            }
            st.lifecycle(d, DomainEventType.UNDEFINED, UNDEFINED_REMOVED);
            d.hasManagedSave = false;
            if (d.isActive()) {
                d.persistent = false;
            } else {
                st.removeDomain(d);
            }
        }
    }

    DomainRef create(DomainRef dom, Set<DomainCreateFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(DomainCreateFlag.class), "testDomainCreateWithFlags");
        synchronized (st) {
            DomainObj d = obj(dom);
            if (d.state != DomainState.SHUTOFF) {
                throw Errors.test(ErrorNumber.INTERNAL_ERROR, "Domain '%s' is already running", dom.name());
            }
            startState(st, d, TestDomains.RUNNING_BOOTED);
            st.lifecycle(d, DomainEventType.STARTED, STARTED_BOOTED);
            return d.ref();
        }
    }

    void destroy(DomainRef dom, Set<DomainDestroyFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(DomainDestroyFlag.GRACEFUL), "testDomainDestroyFlags");
        synchronized (st) {
            DomainObj d = obj(dom);
            if (!d.isActive()) {
                throw Errors.domainNotRunning();
            }
            shutdownState(st, d, TestDomains.SHUTOFF_DESTROYED);
            st.lifecycle(d, DomainEventType.STOPPED, STOPPED_DESTROYED);
            removeIfTransient(d);
        }
    }

    void shutdown(DomainRef dom, Set<DomainShutdownFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(DomainShutdownFlag.class), "testDomainShutdownFlags");
        synchronized (st) {
            DomainObj d = obj(dom);
            if (d.state == DomainState.SHUTOFF) {
                throw Errors.test(ErrorNumber.INTERNAL_ERROR, "domain '%s' not running", dom.name());
            }
            applyAction(d, d.def.onPoweroff());
        }
    }

    void reboot(DomainRef dom, Set<DomainRebootFlag> flags) {
        synchronized (st) {
            DomainObj d = obj(dom);
            if (!d.isActive()) {
                throw Errors.domainNotRunning();
            }
            applyAction(d, d.def.onReboot());
        }
    }

    /** testDomainActionSetState, then the stop it may imply. */
    private void applyAction(DomainObj d, String action) {
        if (action.equals("restart") || action.equals("rename-restart")) {
            d.setState(DomainState.RUNNING, TestDomains.RUNNING_BOOTED);
            return;
        }
        d.setState(DomainState.SHUTOFF, TestDomains.SHUTOFF_SHUTDOWN);
        shutdownState(st, d, TestDomains.SHUTOFF_SHUTDOWN);
        st.lifecycle(d, DomainEventType.STOPPED, STOPPED_SHUTDOWN);
        removeIfTransient(d);
    }

    void suspend(DomainRef dom) {
        synchronized (st) {
            DomainObj d = obj(dom);
            if (d.state == DomainState.SHUTOFF || d.state == DomainState.PAUSED) {
                throw Errors.test(ErrorNumber.INTERNAL_ERROR, "domain '%s' not running", dom.name());
            }
            d.setState(DomainState.PAUSED, TestDomains.PAUSED_USER);
            st.lifecycle(d, DomainEventType.SUSPENDED, SUSPENDED_PAUSED);
        }
    }

    void resume(DomainRef dom) {
        synchronized (st) {
            DomainObj d = obj(dom);
            if (d.state != DomainState.PAUSED) {
                throw Errors.test(ErrorNumber.INTERNAL_ERROR, "domain '%s' not paused", dom.name());
            }
            d.setState(DomainState.RUNNING, TestDomains.RUNNING_UNPAUSED);
            st.lifecycle(d, DomainEventType.RESUMED, RESUMED_UNPAUSED);
        }
    }

    void save(DomainRef dom, String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(DomainSaveRestoreFlag.class), "testDomainSaveFlags");
        if (dxml != null) {
            throw Errors.test(ErrorNumber.ARGUMENT_UNSUPPORTED, "xml modification unsupported");
        }
        synchronized (st) {
            DomainObj d = obj(dom);
            if (!d.isActive()) {
                throw Errors.domainNotRunning();
            }
            SaveImage.write(path, d.def, d.id);
            shutdownState(st, d, TestDomains.SHUTOFF_SAVED);
            st.lifecycle(d, DomainEventType.STOPPED, STOPPED_SAVED);
            removeIfTransient(d);
        }
    }

    DomainRef restore(String path, String dxml, Set<DomainSaveRestoreFlag> flags) {
        Errors.checkFlags(flags, EnumSet.noneOf(DomainSaveRestoreFlag.class), "testDomainRestoreFlags");
        if (dxml != null) {
            throw Errors.test(ErrorNumber.ARGUMENT_UNSUPPORTED, "xml modification unsupported");
        }
        DomainDef def = SaveImage.read(path);
        synchronized (st) {
            Added a = add(st, def, true);
            startState(st, a.obj(), TestDomains.RUNNING_RESTORED);
            st.lifecycle(a.obj(), DomainEventType.STARTED, STARTED_RESTORED);
            return a.obj().ref();
        }
    }

    void managedSave(DomainRef dom, Set<DomainSaveRestoreFlag> flags) {
        Errors.checkFlags(flags, EnumSet.of(DomainSaveRestoreFlag.BYPASS_CACHE, DomainSaveRestoreFlag.RUNNING,
                DomainSaveRestoreFlag.PAUSED), "testDomainManagedSave");
        synchronized (st) {
            DomainObj d = obj(dom);
            if (!d.isActive()) {
                throw Errors.domainNotRunning();
            }
            if (!d.persistent) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "cannot do managed save for transient domain");
            }
            shutdownState(st, d, TestDomains.SHUTOFF_SAVED);
            st.lifecycle(d, DomainEventType.STOPPED, STOPPED_SAVED);
            d.hasManagedSave = true;
        }
    }

    DomainRef rename(DomainRef dom, String newName) {
        synchronized (st) {
            DomainObj d = obj(dom);
            if (d.isActive()) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "cannot rename active domain");
            }
            if (!d.persistent) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "cannot rename a transient domain");
            }
            if (d.state != DomainState.SHUTOFF) {
                throw Errors.test(ErrorNumber.OPERATION_INVALID, "domain has to be shutoff before renaming");
            }
            if (st.findByName(newName) != null) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.OPERATION_INVALID,
                        "domain with name '%s' already exists", newName);
            }
            if (newName.contains("/")) {
                throw Errors.test(ErrorNumber.XML_ERROR, "name %s cannot contain '/'", newName);
            }
            st.lifecycle(d, DomainEventType.UNDEFINED, UNDEFINED_RENAMED);
            String oldName = d.name();
            d.def.setName(newName);
            st.renamed(d, oldName);
            st.lifecycle(d, DomainEventType.DEFINED, DEFINED_RENAMED);
            return d.ref();
        }
    }
}
