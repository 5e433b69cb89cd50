package org.jvirt.coverage;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jvirt.Libvirt;
import org.jvirt.spi.Driver;

/**
 * Counts jvirt's coverage of libvirt's API and writes it down: {@code docs/api-coverage.tsv} (libvirt function,
 * Java method, drivers implementing it) and {@code docs/support-matrix.md}. Everything is read from the code:
 * {@link Libvirt} annotations on the public API and on the driver SPI, and which SPI methods each driver's
 * classes override. The denominator is libvirt 9.0's function list, {@code docs/libvirt-9.0-api-functions.txt}.
 */
public final class ApiCoverage {

    /** The public classes whose {@code @Libvirt} methods make up the API. */
    static final List<String> PUBLIC_CLASSES = List.of("Connect", "Domain", "DomainSnapshot",
            "DomainCheckpoint", "Network", "StoragePool", "StorageVol", "NodeDevice", "Interface", "Secret", "NWFilter", "NWFilterBinding", "Stream");

    /** The SPI tables; a driver implements a function when its class overrides the annotated default. */
    static final List<String> SPI_CLASSES = List.of("HostDriver", "DomainDriver", "DomainTuningDriver", "DomainBlockDriver",
            "DomainSnapshotDriver", "DomainCheckpointDriver",
            "NetworkDriver", "StorageDriver", "NodeDeviceDriver", "InterfaceDriver", "SecretDriver", "NWFilterDriver");

    /** Implemented in the public API layer itself, the same for every driver. */
    static final String CORE = "core";

    private final List<String> functions;
    private final Map<String, String> javaMethods = new TreeMap<>();
    private final Map<String, Method> spiMethods = new TreeMap<>();
    private final Map<String, TreeSet<String>> implementedBy = new TreeMap<>();
    private final List<String> drivers = new ArrayList<>();

    public ApiCoverage(List<String> functions, List<Driver> driverList) {
        this.functions = List.copyOf(functions);
        try {
            for (String c : PUBLIC_CLASSES) {
                scanPublic(Class.forName("org.jvirt." + c));
            }
            for (String c : SPI_CLASSES) {
                scanSpi(Class.forName("org.jvirt.spi." + c));
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        List<Driver> sorted = new ArrayList<>(driverList);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        for (Driver d : sorted) {
            drivers.add(d.name());
            for (Class<?> impl : d.entryPointClasses()) {
                scanDriver(d.name(), impl);
            }
        }
    }

    public static ApiCoverage ofInstalledDrivers(Path functionList) throws IOException {
        List<Driver> found = new ArrayList<>();
        ServiceLoader.load(Driver.class).forEach(found::add);
        return new ApiCoverage(readFunctions(functionList), found);
    }

    static List<String> readFunctions(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.trim());
            }
        }
        return out;
    }

    private void scanPublic(Class<?> c) {
        for (Method m : c.getDeclaredMethods()) {
            Libvirt ann = m.getAnnotation(Libvirt.class);
            if (ann == null || !Modifier.isPublic(m.getModifiers())) {
                continue;
            }
            for (String fn : ann.value()) {
                javaMethods.merge(fn, c.getSimpleName() + "." + m.getName(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
            }
        }
    }

    private void scanSpi(Class<?> spi) {
        for (Method m : spi.getDeclaredMethods()) {
            Libvirt ann = m.getAnnotation(Libvirt.class);
            if (ann != null) {
                for (String fn : ann.value()) {
                    spiMethods.put(fn, m);
                }
            }
        }
    }

    private void scanDriver(String driver, Class<?> impl) {
        for (Map.Entry<String, Method> e : spiMethods.entrySet()) {
            Method spi = e.getValue();
            if (!spi.getDeclaringClass().isAssignableFrom(impl)) {
                continue;
            }
            try {
                Method found = impl.getMethod(spi.getName(), spi.getParameterTypes());
                if (!found.getDeclaringClass().isInterface() || found.getDeclaringClass() != spi.getDeclaringClass()) {
                    implementedBy.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(driver);
                }
            } catch (NoSuchMethodException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }

    /** One row of the coverage table. */
    public record Row(String function, String javaMethod, List<String> drivers, String notApplicable) {
        boolean covered() {
            return javaMethod != null;
        }
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String fn : functions) {
            String java = javaMethods.get(fn);
            List<String> by;
            if (java == null) {
                by = List.of(); // no client can call it, whatever a driver overrides
            } else if (spiMethods.containsKey(fn)) {
                by = List.copyOf(implementedBy.getOrDefault(fn, new TreeSet<>()));
            } else if (java != null) {
                by = List.of(CORE);
            } else {
                by = List.of();
            }
            rows.add(new Row(fn, java, by, NotApplicable.reason(fn).orElse(null)));
        }
        return rows;
    }

    /** Functions annotated in the code that libvirt 9.0 does not have: typos, which the test refuses. */
    public List<String> unknownAnnotations() {
        TreeSet<String> known = new TreeSet<>(functions);
        List<String> out = new ArrayList<>();
        for (String fn : javaMethods.keySet()) {
            if (!known.contains(fn) && !fn.startsWith("virDomainQemu")) {
                out.add(fn);
            }
        }
        for (String fn : spiMethods.keySet()) {
            if (!known.contains(fn) && !fn.startsWith("virDomainQemu") && !out.contains(fn)) {
                out.add(fn);
            }
        }
        return out;
    }

    public String tsv() {
        StringBuilder sb = new StringBuilder("# libvirt function\tJava method\tdrivers implementing it\n");
        for (Row r : rows()) {
            String java = r.javaMethod() != null ? r.javaMethod()
                    : r.notApplicable() != null ? "n/a: " + r.notApplicable() : "-";
            String by = r.drivers().isEmpty() ? "-" : String.join(",", r.drivers());
            sb.append(r.function()).append('\t').append(java).append('\t').append(by).append('\n');
        }
        return sb.toString();
    }

    public String matrix() {
        List<Row> rows = rows();
        long total = rows.size();
        long na = rows.stream().filter(r -> r.notApplicable() != null && !r.covered()).count();
        long covered = rows.stream().filter(Row::covered).count();
        StringBuilder sb = new StringBuilder();
        sb.append("# jvirt support matrix\n\n");
        sb.append("Generated from the code by `scripts/gen-docs.sh` (`org.jvirt.coverage.ApiCoverage`); a test fails when "
                + "it is stale. Do not edit by hand.\n\n");
        sb.append(String.format("libvirt 9.0 has %d API functions. jvirt's public API covers %d of them; %d have no "
                + "meaning in Java (listed at the end with the reason); %d are not covered yet.%n%n",
                total, covered, na, total - covered - na));
        sb.append(servedProcedures()).append("\n\n");
        for (String d : drivers) {
            long n = rows.stream().filter(r -> r.drivers().contains(d) || r.drivers().contains(CORE)).count();
            sb.append(String.format("- driver `%s` implements %d functions (including those served by the core API)%n", d, n));
        }
        sb.append("\n`core` = served by the public API layer for every driver; `yes` = the driver implements it; ")
                .append("`-` = fails with VIR_ERR_NO_SUPPORT naming the function.\n");
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            if (r.notApplicable() == null || r.covered()) {
                groups.computeIfAbsent(group(r.function()), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            sb.append("\n## ").append(g.getKey()).append("\n\n| function | Java |");
            for (String d : drivers) {
                sb.append(' ').append(d).append(" |");
            }
            sb.append("\n|---|---|");
            sb.append("---|".repeat(drivers.size())).append('\n');
            for (Row r : g.getValue()) {
                sb.append("| ").append(r.function()).append(" | ")
                        .append(r.javaMethod() == null ? "-" : "`" + r.javaMethod() + "`").append(" |");
                for (String d : drivers) {
                    String cell = r.drivers().contains(CORE) ? "core" : r.drivers().contains(d) ? "yes" : "-";
                    sb.append(' ').append(cell).append(" |");
                }
                sb.append('\n');
            }
        }
        sb.append("\n## Not applicable in Java\n\n| function | why |\n|---|---|\n");
        for (Row r : rows) {
            if (r.notApplicable() != null && !r.covered()) {
                sb.append("| ").append(r.function()).append(" | ").append(r.notApplicable()).append(" |\n");
            }
        }
        return sb.toString();
    }

    /**
     * How many of libvirt's REMOTE procedures jvirtd's dispatch table serves; every other declared call with a
     * public function answers VIR_ERR_NO_SUPPORT naming it (jvirtd's UnservedProceduresTest).
     */
    static String servedProcedures() {
        java.util.Set<org.jvirt.rpc.Procedure<?, ?>> served = org.jvirt.daemon.dispatch.DispatchTable.standard().served();
        List<org.jvirt.rpc.Procedure<?, ?>> remote = org.jvirt.rpc.ProcedureTable.standard()
                .procedures(org.jvirt.rpc.Program.REMOTE);
        long n = remote.stream().filter(served::contains).count();
        return String.format("jvirtd serves %d of libvirt 9.0's %d REMOTE procedures; every other call answers "
                + "VIR_ERR_NO_SUPPORT naming its function, as libvirtd does for a driver without it.", n, remote.size());
    }

    /**
     * The rows whose count a client could not reach: a function some driver implements that has a remote procedure
     * (so a client of jvirtd would ask for it) while jvirtd does not serve that procedure, or a function counted
     * without a public method. Each row of the matrix is checked here (ApiCoverageTest). (Functions the remote
     * client computes itself, such as virConnectIsAlive or the virDomainMigrate* orchestrations, have no procedure
     * of their own and are not a gap.)
     */
    public List<String> unreachable() {
        java.util.Set<org.jvirt.rpc.Procedure<?, ?>> served = org.jvirt.daemon.dispatch.DispatchTable.standard().served();
        Map<String, List<org.jvirt.rpc.Procedure<?, ?>>> byApi = new TreeMap<>();
        for (org.jvirt.rpc.Procedure<?, ?> p : org.jvirt.rpc.ProcedureTable.standard().all()) {
            if (p.api() != null && !p.isMessage()) {
                byApi.computeIfAbsent(p.api(), k -> new ArrayList<>()).add(p);
            }
        }
        List<String> out = new ArrayList<>();
        for (Row r : rows()) {
            List<org.jvirt.rpc.Procedure<?, ?>> procs = byApi.getOrDefault(r.function(), List.of());
            boolean local = r.drivers().stream().anyMatch(d -> !d.equals("remote") && !d.equals(CORE));
            if (local && !procs.isEmpty() && procs.stream().noneMatch(served::contains)) {
                out.add(r.function() + ": implemented by " + r.drivers() + " but jvirtd serves none of " + procs);
            }
            if (!r.drivers().isEmpty() && !r.covered()) {
                out.add(r.function() + ": counted for " + r.drivers() + " without a public method");
            }
        }
        return out;
    }

    private static String group(String fn) {
        for (String prefix : Arrays.asList("virDomainSnapshot", "virDomainCheckpoint", "virDomain", "virNetworkPort",
                "virNetwork", "virStoragePool", "virStorageVol", "virNodeDevice", "virNode", "virInterface",
                "virSecret", "virNWFilterBinding", "virNWFilter", "virStream", "virConnect")) {
            if (fn.startsWith(prefix)) {
                return prefix;
            }
        }
        return "other";
    }

    /** Writes both files under {@code docsDir}: {@code scripts/gen-docs.sh} runs this. */
    public static void main(String[] args) throws IOException {
        Path docs = Path.of(args.length > 0 ? args[0] : "docs");
        ApiCoverage c = ofInstalledDrivers(docs.resolve("libvirt-9.0-api-functions.txt"));
        Files.writeString(docs.resolve("api-coverage.tsv"), c.tsv(), StandardCharsets.UTF_8);
        Files.writeString(docs.resolve("support-matrix.md"), c.matrix(), StandardCharsets.UTF_8);
        System.out.println("wrote " + docs.resolve("api-coverage.tsv") + " and " + docs.resolve("support-matrix.md"));
    }
}
