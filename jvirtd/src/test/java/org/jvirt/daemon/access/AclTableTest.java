package org.jvirt.daemon.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.ProcedureTable;
import org.jvirt.rpc.proto.remote.ConnectListProcedures;
import org.jvirt.rpc.proto.remote.ConnectProcedures;
import org.jvirt.rpc.proto.remote.DomainStateProcedures;

/** The permission table covers every procedure jvirt declares, and is what the generator makes of libvirt's .x. */
class AclTableTest {

    @Test
    void everyDeclaredProcedureHasItsPermissions() {
        List<String> missing = new ArrayList<>();
        for (Procedure<?, ?> p : ProcedureTable.standard().all()) {
            // keepalive's PING/PONG never reach dispatch (libvirt's .x for it has no @acl either)
            if (p.program() != org.jvirt.rpc.Program.KEEPALIVE && AclTable.standard().entry(p) == null) {
                missing.add(p.toString());
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(AclTable.standard().entries().size() >= 451);
    }

    @Test
    void entriesReadAsLibvirtAnnotatesThem() {
        AclTable.Entry open = AclTable.standard().entry(ConnectProcedures.CONNECT_OPEN);
        assertEquals("connect", open.acl().get(0).object());
        assertEquals("getattr", open.acl().get(0).perm());
        AclTable.Entry all = AclTable.standard().entry(ConnectListProcedures.CONNECT_LIST_ALL_DOMAINS);
        assertEquals("search_domains", all.acl().get(0).perm());
        assertEquals("domain", all.filter().get(0).object());
        AclTable.Entry xml = AclTable.standard().entry(DomainStateProcedures.DOMAIN_GET_XML_DESC);
        AclCheck secure = xml.acl().get(1);
        assertEquals("read_secure", secure.perm());
        assertTrue(secure.applies(1, null), "VIR_DOMAIN_XML_SECURE asks for read_secure");
        assertFalse(secure.applies(0, null));
    }

    @Test
    void flagConditionsFollowGendispatch() {
        AclCheck live = AclCheck.parse("domain:save:!0x3");
        assertTrue(live.applies(0, null), "no AFFECT flag: the persistent config may change");
        assertFalse(live.applies(1, null));
        AclCheck config = AclCheck.parse("domain:save:0x2");
        assertTrue(config.applies(2, null));
        assertFalse(config.applies(1, null));
        AclCheck agent = AclCheck.parse("domain:write::source:1");
        assertTrue(agent.applies(0, 1L));
        assertFalse(agent.applies(0, 0L));
    }

    @Test
    void theCommittedTableIsTheGeneratorsOutput() throws Exception {
        Path src = Path.of("/work/src/libvirt-9.0.0/src/remote/remote_protocol.x");
        Path root = Path.of("").toAbsolutePath().getParent();
        Path script = root.resolve("scripts/gen-acl-table.py");
        assumeTrue(Files.exists(src) && Files.exists(script), "no libvirt source here");
        Path committed = root.resolve("jvirtd/src/main/resources/org/jvirt/daemon/access/acl.tsv");
        String before = Files.readString(committed);
        Process p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertEquals(before, Files.readString(committed), "acl.tsv is stale: run scripts/gen-acl-table.py");
        assertNotNull(out);
    }
}
