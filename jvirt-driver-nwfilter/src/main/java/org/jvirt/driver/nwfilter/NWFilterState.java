package org.jvirt.driver.nwfilter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.driver.nwfilter.conf.Errors;
import org.jvirt.driver.nwfilter.conf.FilterDef;
import org.jvirt.driver.nwfilter.conf.Params;
import org.jvirt.driver.nwfilter.conf.StandardFilters;
import org.jvirt.driver.nwfilter.fw.BridgeFirewall;
import org.jvirt.driver.nwfilter.fw.ChainLayout;
import org.jvirt.driver.nwfilter.fw.Instantiator;
import org.jvirt.driver.nwfilter.fw.PortRules;
import org.jvirt.io.AtomicFiles;
import org.jvirt.spi.HostScope;
import org.jvirt.xml.nwfilter.NwFilterBindingXml;

/**
 * The nwfilter driver of one scope (libvirt's virNWFilterDriverState): filters persisted under
 * {@code <config>/nwfilter}, bindings' status under {@code <run>/nwfilter-binding}, and the port rules in the
 * kernel. The scope's first start installs the standard filters; a later start takes back the bindings whose
 * port still exists and rebuilds their rules from the filters as they are now. Every change runs under its
 * lock.
 */
final class NWFilterState {
    private static final System.Logger LOG = System.getLogger(NWFilterState.class.getName());

    final HostScope scope;
    private final Path filterDir;
    private final Path bindingDir;
    private final Map<String, FilterDef> filters = new TreeMap<>();
    private final Map<String, Binding> bindings = new LinkedHashMap<>();
    private final BridgeFirewall fw = new BridgeFirewall();
    private final Instantiator inst = new Instantiator(filters::get);
    private final IpLearner learner;
    private final FileChannel lockFile;
    int refs;

    /** Another process's driver owns this scope (a running jvirtd): this one must not touch its rules. */
    static final class Busy extends Exception {
        Busy(String msg) {
            super(msg, null, false, false);
        }
    }

    NWFilterState(HostScope scope) throws Busy {
        this.scope = scope;
        this.filterDir = scope.configDir().resolve("nwfilter");
        this.bindingDir = scope.runDir().resolve("nwfilter-binding");
        this.lockFile = lock();
        this.learner = new IpLearner(this, scope);
        synchronized (this) {
            if (!Files.isDirectory(filterDir)) {
                installStandard();
            }
            loadFilters();
            loadBindings();
        }
    }

    private FileChannel lock() throws Busy {
        try {
            Files.createDirectories(bindingDir);
            FileChannel ch = FileChannel.open(bindingDir.resolve("driver.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new Busy(bindingDir + " is in use by another nwfilter driver");
            }
            return ch;
        } catch (IOException e) {
            throw new Busy("cannot lock " + bindingDir + ": " + e.getMessage());
        }
    }

    /** What libvirt's package puts in /etc/libvirt/nwfilter, on a scope's very first start. */
    private void installStandard() {
        try {
            Files.createDirectories(filterDir);
        } catch (IOException e) {
            throw Errors.of(ErrorNumber.SYSTEM_ERROR, "cannot create directory '%s': %s", filterDir, e.getMessage());
        }
        for (String name : StandardFilters.NAMES) {
            FilterDef def = FilterDef.parse(StandardFilters.xml(name));
            AtomicFiles.write(filterDir.resolve(name + ".xml"), def.toXml(), ErrorDomain.NWFILTER);
        }
    }

    private void loadFilters() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(filterDir, "*.xml")) {
            for (Path p : ds) {
                try {
                    FilterDef def = FilterDef.parse(Files.readString(p));
                    if (!p.getFileName().toString().equals(def.name() + ".xml")) {
                        LOG.log(System.Logger.Level.WARNING, "network filter config filename '" + p
                                + "' does not match name '" + def.name() + "'");
                        continue;
                    }
                    filters.put(def.name(), def);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot load network filter " + p + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw Errors.of(ErrorNumber.SYSTEM_ERROR, "cannot read '%s': %s", filterDir, e.getMessage());
        }
    }

    /** Takes back the bindings of a previous driver: rules rebuilt where the port exists, removed elsewhere. */
    private void loadBindings() {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(bindingDir, "*.xml")) {
            for (Path p : ds) {
                Binding b;
                try {
                    b = new Binding(NwFilterBindingXml.parse(Files.readString(p)));
                    Path st = bindingDir.resolve(b.portdev + ".state");
                    if (Files.exists(st)) {
                        Properties props = new Properties();
                        props.load(new StringReader(Files.readString(st)));
                        b.rules = PortRules.read(props);
                        b.learnedIp = props.getProperty("learned.ip");
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot load filter binding " + p + ": " + e.getMessage());
                    continue;
                }
                bindings.put(b.portdev, b);
            }
        } catch (IOException e) {
            throw Errors.of(ErrorNumber.SYSTEM_ERROR, "cannot read '%s': %s", bindingDir, e.getMessage());
        }
        if (!bindings.isEmpty() && !fw.tableExists()) {
            bindings.values().forEach(b -> b.rules = PortRules.NONE); // someone flushed the ruleset: all anew
        }
        for (Binding b : new ArrayList<>(bindings.values())) {
            try {
                if (!Files.exists(Path.of("/sys/class/net", b.portdev))) {
                    throw Errors.of(ErrorNumber.OPERATION_FAILED, "port %s is gone", b.portdev);
                }
                instantiate(b);
                saveStatus(b);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.INFO, "dropping filter binding " + b.portdev + ": " + e.getMessage());
                drop(b);
            }
        }
    }

    // ---- filters

    synchronized List<FilterDef> filters() {
        return List.copyOf(filters.values());
    }

    synchronized FilterDef filter(String name) {
        FilterDef d = filters.get(name);
        if (d == null) {
            throw Errors.of(ErrorNumber.NO_NWFILTER, "no nwfilter with matching name '%s'", name);
        }
        return d;
    }

    synchronized FilterDef filter(UUID uuid) {
        for (FilterDef d : filters.values()) {
            if (d.uuid().equals(uuid)) {
                return d;
            }
        }
        throw Errors.of(ErrorNumber.NO_NWFILTER, "no nwfilter with matching uuid '%s'", uuid);
    }

    /** nwfilterDefineXML: new, or a changed definition whose bindings are rebuilt (all or none). */
    synchronized FilterDef define(String xml) {
        requirePrivileged("Can't define NWFilters in session mode");
        FilterDef def = FilterDef.parse(xml);
        FilterDef same = filters.values().stream().filter(d -> d.uuid().equals(def.uuid())).findFirst().orElse(null);
        if (same != null && !same.name().equals(def.name())) {
            throw Errors.of(ErrorNumber.OPERATION_FAILED,
                    "filter with same UUID but different name ('%s') already exists", same.name());
        }
        FilterDef old = filters.get(def.name());
        if (same == null && old != null) {
            throw Errors.of(ErrorNumber.OPERATION_FAILED, "filter '%s' already exists with uuid %s", def.name(),
                    old.uuid());
        }
        filters.put(def.name(), def);
        try {
            if (reaches(def.name(), def.name(), new java.util.HashSet<>())) {
                throw Errors.of(ErrorNumber.OPERATION_FAILED, "filter would introduce a loop");
            }
            rebuildUsers(def.name());
        } catch (RuntimeException e) {
            if (old == null) {
                filters.remove(def.name());
            } else {
                filters.put(old.name(), old);
            }
            rebuildUsersQuietly(def.name());
            throw e;
        }
        AtomicFiles.write(filterDir.resolve(def.name() + ".xml"), def.toXml(), ErrorDomain.NWFILTER);
        return def;
    }

    /** Whether {@code target} is referenced from {@code from}'s references, transitively. */
    private boolean reaches(String from, String target, Set<String> seen) {
        FilterDef d = filters.get(from);
        if (d == null || !seen.add(from)) {
            return false;
        }
        for (String r : d.references()) {
            if (r.equals(target) || reaches(r, target, seen)) {
                return true;
            }
        }
        return false;
    }

    private boolean uses(Binding b, String name) {
        return b.filter.equals(name) || reaches(b.filter, name, new java.util.HashSet<>());
    }

    private void rebuildUsers(String name) {
        for (Binding b : bindings.values()) {
            if (uses(b, name)) {
                instantiate(b);
                saveStatus(b);
            }
        }
    }

    private void rebuildUsersQuietly(String name) {
        try {
            rebuildUsers(name);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot restore the rules of filter " + name + ": " + e.getMessage());
        }
    }

    synchronized void undefine(UUID uuid) {
        requirePrivileged("Can't define NWFilters in session mode");
        FilterDef d = filter(uuid);
        for (Binding b : bindings.values()) {
            if (uses(b, d.name())) {
                throw Errors.of(ErrorNumber.OPERATION_INVALID, "nwfilter is in use");
            }
        }
        AtomicFiles.delete(filterDir.resolve(d.name() + ".xml"), ErrorDomain.NWFILTER);
        filters.remove(d.name());
    }

    // ---- bindings

    synchronized List<Binding> bindings() {
        return List.copyOf(bindings.values());
    }

    synchronized Binding binding(String portdev) {
        Binding b = bindings.get(portdev);
        if (b == null) {
            throw Errors.of(ErrorNumber.NO_NWFILTER_BINDING, "no nwfilter binding for port dev '%s'", portdev);
        }
        return b;
    }

    /** nwfilterBindingCreateXML: the port's rules applied (or its address learning begun), then saved. */
    synchronized Binding createBinding(String xml) {
        requirePrivileged("Can't define NWFilter bindings in session mode");
        Binding b = new Binding(NwFilterBindingXml.parse(xml));
        if (bindings.containsKey(b.portdev)) {
            throw Errors.of(ErrorNumber.OPERATION_FAILED, "binding '%s' already exists", b.portdev);
        }
        try {
            instantiate(b);
        } catch (RuntimeException e) {
            if (b.rules != PortRules.NONE) {
                fw.remove(b.portdev, b.rules, bindings.isEmpty());
            }
            throw e;
        }
        bindings.put(b.portdev, b);
        AtomicFiles.write(bindingDir.resolve(b.portdev + ".xml"), b.xml.toXml(), ErrorDomain.NWFILTER);
        saveStatus(b);
        return b;
    }

    synchronized void deleteBinding(String portdev) {
        drop(binding(portdev));
    }

    private void drop(Binding b) {
        bindings.remove(b.portdev);
        learner.forget(b);
        fw.remove(b.portdev, b.rules, bindings.isEmpty());
        AtomicFiles.delete(bindingDir.resolve(b.portdev + ".xml"), ErrorDomain.NWFILTER);
        AtomicFiles.delete(bindingDir.resolve(b.portdev + ".state"), ErrorDomain.NWFILTER);
    }

    /**
     * virNWFilterInstantiateFilterUpdate: the filter tree with the binding's variables; when only IP is
     * missing and learning is on, the port gets the learning rules until the learner finds the address.
     */
    private void instantiate(Binding b) {
        Map<String, List<String>> vars = b.variables();
        Set<String> missing = inst.missing(b.filter, vars);
        if (missing.equals(Set.of(Params.IP)) && !b.learningMode().equals("none")) {
            b.learning = b.learningMode();
            b.rules = fw.apply(b.portdev, b.rules, Learning.layout(b), b.learning.equals("any"), this::freeMark);
            learner.watch(b);
            return;
        }
        if (!missing.isEmpty()) {
            throw Errors.of(ErrorNumber.INTERNAL_ERROR,
                    "Cannot instantiate filter due to unresolvable variables or unavailable list elements: %s",
                    String.join(", ", missing));
        }
        ChainLayout layout = ChainLayout.of(b.portdev, inst.instantiate(b.filter, vars));
        b.rules = fw.apply(b.portdev, b.rules, layout, false, this::freeMark);
        b.learning = null;
    }

    /** A mark id no port with IP-layer rules has (BridgeFirewall marks those ports' packets with it). */
    private int freeMark() {
        Set<Integer> used = new java.util.HashSet<>();
        bindings.values().forEach(x -> used.add(x.rules.mark()));
        for (int id = 1; id <= BridgeFirewall.MAX_MARK; id++) {
            if (!used.contains(id)) {
                return id;
            }
        }
        throw Errors.of(ErrorNumber.INTERNAL_ERROR, "too many ports with IP-layer filter rules (at most %d)",
                BridgeFirewall.MAX_MARK);
    }

    /** The learner found a port's address: the whole filter now. */
    synchronized void learned(Binding b, String ip) {
        if (bindings.get(b.portdev) != b || b.learning == null) {
            return;
        }
        b.learnedIp = ip;
        try {
            instantiate(b);
            saveStatus(b);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot apply the filter of " + b.portdev + ": " + e.getMessage());
        }
    }

    /** The addresses a learning port's set has caught (the learner polls this). */
    List<String> caught(Binding b) {
        return fw.learned(b.portdev);
    }

    private void saveStatus(Binding b) {
        Properties p = b.rules.toProperties();
        if (b.learnedIp != null) {
            p.setProperty("learned.ip", b.learnedIp);
        }
        StringWriter w = new StringWriter();
        try {
            p.store(w, "port rules of filter binding " + b.portdev);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AtomicFiles.write(bindingDir.resolve(b.portdev + ".state"), w.toString(), ErrorDomain.NWFILTER);
    }

    private void requirePrivileged(String message) {
        if (!scope.system()) {
            throw Errors.of(ErrorNumber.OPERATION_INVALID, "%s", message);
        }
    }

    /** The last connection is gone: the learner stops; rules and bindings stay for the next driver. */
    void close() {
        learner.stop();
        try {
            lockFile.close();
        } catch (IOException ignored) {
            // the lock goes with the process in any case
        }
    }
}
