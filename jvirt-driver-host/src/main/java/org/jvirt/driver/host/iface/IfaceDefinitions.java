package org.jvirt.driver.host.iface;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.host.iface.IfaceApplier.ApplyFailure;
import org.jvirt.spi.HostScope;

/**
 * The changeable side of a scope's host interfaces (libvirt's netcf backend): definitions persisted by
 * define/undefine, applied by create/destroy, re-applied when the scope is first used if their start mode is
 * onboot (netcf's interfaces come up at boot), and change transactions: begin snapshots the definitions and the
 * running set, commit drops the snapshot, rollback puts the definitions back exactly and brings the runtime back
 * to the snapshot (what changed or started since is taken down, what ran then is started again). One lock for
 * all of it, as libvirt's netcf driver holds its driver lock for each call.
 */
public final class IfaceDefinitions {

    private static final System.Logger LOG = System.getLogger(IfaceDefinitions.class.getName());

    private final IfaceStore store;
    private final IfaceApplier applier;
    private final Map<String, IfaceSpec> defs = new LinkedHashMap<>();

    IfaceDefinitions(IfaceStore store, IfaceApplier applier) {
        this.store = store;
        this.applier = applier;
        store.load().forEach((n, x) -> defs.put(n, IfaceSpec.parse(x)));
        for (IfaceSpec s : defs.values()) {
            if (s.onboot() && !applier.running(s.name())) {
                try {
                    applier.up(s);
                } catch (ApplyFailure e) {
                    LOG.log(System.Logger.Level.WARNING, "Failed to start interface {0} at start: {1}", s.name(),
                            e.getMessage());
                }
            }
        }
    }

    /** The scope's definitions; started with iproute2 on this host's /sys. */
    public static IfaceDefinitions open(HostScope scope) {
        NetLinks links = new NetLinks(Path.of("/sys"));
        return new IfaceDefinitions(new IfaceStore(scope.configDir(), scope.stateDir()),
                new IfaceApplier(new IpCommand("ip"), links, Path.of("/sys")));
    }

    synchronized Optional<IfaceSpec> find(String name) {
        return Optional.ofNullable(defs.get(name));
    }

    synchronized List<IfaceSpec> all() {
        return List.copyOf(defs.values());
    }

    synchronized boolean running(String name) {
        return applier.running(name);
    }

    private IfaceSpec defined(String name) {
        IfaceSpec s = defs.get(name);
        if (s == null) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.NO_INTERFACE, "couldn't find interface named '%s'",
                    name);
        }
        return s;
    }

    synchronized IfaceSpec define(String xml) {
        IfaceSpec s = IfaceSpec.parse(xml);
        store.save(s.name(), s.xml());
        defs.put(s.name(), s);
        return s;
    }

    synchronized void undefine(String name) {
        defined(name);
        store.delete(name);
        defs.remove(name);
    }

    synchronized void create(String name) {
        IfaceSpec s = defined(name);
        if (applier.running(name)) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.OPERATION_INVALID, "interface is already running");
        }
        try {
            applier.up(s);
        } catch (ApplyFailure e) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.INTERNAL_ERROR,
                    "failed to create (start) interface %s: %s", name, e.getMessage());
        }
    }

    synchronized void destroy(String name) {
        IfaceSpec s = defined(name);
        if (!applier.running(name)) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.OPERATION_INVALID, "interface is not running");
        }
        try {
            applier.down(s);
        } catch (ApplyFailure e) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.INTERNAL_ERROR,
                    "failed to destroy (stop) interface %s: %s", name, e.getMessage());
        }
    }

    synchronized void changeBegin() {
        if (store.transaction().isPresent()) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.OPERATION_INVALID,
                    "failed to begin transaction: a transaction is already open");
        }
        Set<String> running = new TreeSet<>();
        defs.keySet().stream().filter(applier::running).forEach(running::add);
        store.beginTransaction(store.load(), running); // the files as they are, byte for byte
    }

    synchronized void changeCommit() {
        if (store.transaction().isEmpty()) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.OPERATION_INVALID,
                    "failed to commit transaction: no transaction is open");
        }
        store.endTransaction();
    }

    synchronized void changeRollback() {
        IfaceStore.Snapshot snap = store.transaction().orElseThrow(() -> VirtException.of(ErrorDomain.INTERFACE,
                ErrorNumber.OPERATION_INVALID, "failed to rollback transaction: no transaction is open"));
        Map<String, IfaceSpec> old = new LinkedHashMap<>();
        snap.definitions().forEach((n, x) -> old.put(n, IfaceSpec.parse(x)));
        Set<String> names = new TreeSet<>(defs.keySet());
        names.addAll(old.keySet());
        List<String> failures = new ArrayList<>();
        for (String n : names) {
            IfaceSpec cur = defs.get(n);
            IfaceSpec was = old.get(n);
            boolean changed = cur == null || was == null || !Objects.equals(cur.xml(), was.xml());
            if (applier.running(n) && (changed || !snap.running().contains(n))) {
                try {
                    applier.down(cur != null ? cur : was);
                } catch (ApplyFailure e) {
                    failures.add(n + ": " + e.getMessage());
                }
            }
        }
        for (String n : defs.keySet()) {
            if (!old.containsKey(n)) {
                store.delete(n);
            }
        }
        snap.definitions().forEach(store::save); // the files as they were at begin, byte for byte
        defs.clear();
        defs.putAll(old);
        for (String n : snap.running()) {
            IfaceSpec s = old.get(n);
            if (s != null && !applier.running(n)) {
                try {
                    applier.up(s);
                } catch (ApplyFailure e) {
                    failures.add(n + ": " + e.getMessage());
                }
            }
        }
        store.endTransaction();
        if (!failures.isEmpty()) {
            throw VirtException.of(ErrorDomain.INTERFACE, ErrorNumber.INTERNAL_ERROR,
                    "failed to rollback transaction: %s", String.join("; ", failures));
        }
    }
}
