package org.jvirt.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed coverage table and support matrix must match the code. */
class ApiCoverageTest {

    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void coverageTableAndMatrixAreUpToDate() throws Exception {
        ApiCoverage c = ApiCoverage.ofInstalledDrivers(DOCS.resolve("libvirt-9.0-api-functions.txt"));
        String stale = "is stale: run scripts/gen-docs.sh and commit the result";
        assertEquals(c.tsv(), Files.readString(DOCS.resolve("api-coverage.tsv"), StandardCharsets.UTF_8),
                "docs/api-coverage.tsv " + stale);
        assertEquals(c.matrix(), Files.readString(DOCS.resolve("support-matrix.md"), StandardCharsets.UTF_8),
                "docs/support-matrix.md " + stale);
    }

    @Test
    void everyAnnotationNamesARealLibvirtFunction() throws Exception {
        ApiCoverage c = ApiCoverage.ofInstalledDrivers(DOCS.resolve("libvirt-9.0-api-functions.txt"));
        assertEquals(List.of(), c.unknownAnnotations());
    }

    /** Every row's count is one a client can reach: through the public API, and through jvirtd's dispatch. */
    @Test
    void everyCountedFunctionIsReachable() throws Exception {
        ApiCoverage c = ApiCoverage.ofInstalledDrivers(DOCS.resolve("libvirt-9.0-api-functions.txt"));
        assertEquals(List.of(), c.unreachable());
    }

    @Test
    void theDenominatorIsLibvirt90sWholeList() throws Exception {
        List<String> fns = ApiCoverage.readFunctions(DOCS.resolve("libvirt-9.0-api-functions.txt"));
        assertEquals(516, fns.size());
        assertTrue(fns.contains("virDomainCreateXML"));
    }
}
