package org.jvirt.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.jvirt.ErrorDomain;
import org.jvirt.rpc.Procedure.Kind;
import org.jvirt.rpc.Procedure.Priority;
import org.jvirt.rpc.Procedure.ReadOnly;
import org.jvirt.rpc.Procedure.StreamDirection;
import org.jvirt.rpc.proto.remote.DomainStateProcedures;
import org.jvirt.rpc.proto.remote.DomainStateTypes.RemoteDomainGetXmlDescArgs;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomain;

class ProcedureTableTest {

    private static final ProcedureTable TABLE = ProcedureTable.standard();

    record Expected(int number, String name, String kind, String readOnly) {
    }

    /** Read from a list taken from the protocol reference's tables, independent of the generator's input. */
    private static List<Expected> expected() throws IOException {
        List<Expected> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ProcedureTableTest.class.getResourceAsStream("remote-procedures-9.0.txt"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                out.add(new Expected(Integer.parseInt(f[0]), f[1], f[2], f[3]));
            }
        }
        return out;
    }

    @Test
    void remoteHasExactlyProcedures1To443WithLibvirtsNames() throws IOException {
        List<Procedure<?, ?>> remote = TABLE.procedures(Program.REMOTE);
        assertEquals(443, remote.size());
        for (int i = 0; i < 443; i++) {
            assertEquals(i + 1, remote.get(i).number(), "libvirt 9.0 has no holes in 1..443");
        }
        Map<Integer, String> names = remote.stream().collect(Collectors.toMap(Procedure::number, Procedure::name,
                (a, b) -> a, TreeMap::new));
        List<Expected> exp = expected();
        assertEquals(443, exp.size());
        for (Expected e : exp) {
            assertEquals(e.name(), names.get(e.number()), "name of " + e.number());
        }
    }

    @Test
    void kindsAndReadOnlyPolicyMatchTheReference() throws IOException {
        for (Expected e : expected()) {
            Procedure<?, ?> p = TABLE.find(Program.REMOTE.number(), 1, e.number()).orElseThrow();
            assertEquals(e.kind().equals("message") ? Kind.MESSAGE : Kind.CALL, p.kind(), p.toString());
            ReadOnly ro = switch (e.readOnly()) {
                case "W" -> ReadOnly.DENIED;
                case "C" -> ReadOnly.CONDITIONAL;
                default -> ReadOnly.ALLOWED;
            };
            assertEquals(ro, p.readOnly(), p.toString());
        }
    }

    @Test
    void otherProgramsAreComplete() {
        assertEquals(List.of("DOMAIN_MONITOR_COMMAND", "DOMAIN_ATTACH", "DOMAIN_AGENT_COMMAND",
                        "CONNECT_DOMAIN_MONITOR_EVENT_REGISTER", "CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER",
                        "DOMAIN_MONITOR_EVENT", "DOMAIN_MONITOR_COMMAND_WITH_FILES"),
                TABLE.procedures(Program.QEMU).stream().map(Procedure::name).toList());
        assertEquals(Kind.MESSAGE, TABLE.find(Program.QEMU, "DOMAIN_MONITOR_EVENT").orElseThrow().kind());
        assertEquals(List.of("DOMAIN_OPEN_NAMESPACE"),
                TABLE.procedures(Program.LXC).stream().map(Procedure::name).toList());
        assertEquals(List.of("PING", "PONG"), TABLE.procedures(Program.KEEPALIVE).stream().map(Procedure::name).toList());
        assertTrue(TABLE.procedures(Program.KEEPALIVE).stream().allMatch(Procedure::isMessage));
        assertEquals(0x20008086, Program.REMOTE.number());
        assertEquals(0x20008087, Program.QEMU.number());
        assertEquals(0x00068000, Program.LXC.number());
        assertEquals(0x6b656570, Program.KEEPALIVE.number());
    }

    @Test
    void streamsFollowTheAnnotations() {
        Map<Integer, StreamDirection> streams = TABLE.procedures(Program.REMOTE).stream().filter(Procedure::isStream)
                .collect(Collectors.toMap(Procedure::number, Procedure::stream));
        assertEquals(Map.of(148, StreamDirection.WRITE, 201, StreamDirection.READ, 208, StreamDirection.WRITE,
                209, StreamDirection.READ, 211, StreamDirection.READ, 215, StreamDirection.WRITE,
                296, StreamDirection.READ, 304, StreamDirection.WRITE), streams);
        assertEquals(1, TABLE.find(Program.REMOTE, "STORAGE_VOL_DOWNLOAD").orElseThrow().sparseFlag());
        assertEquals(1, TABLE.find(Program.REMOTE, "STORAGE_VOL_UPLOAD").orElseThrow().sparseFlag());
    }

    @Test
    void prioritiesFollowTheAnnotations() {
        assertEquals(Priority.HIGH, TABLE.find(Program.REMOTE, "CONNECT_OPEN").orElseThrow().priority());
        assertEquals(Priority.HIGH, TABLE.find(Program.REMOTE, "DOMAIN_DESTROY").orElseThrow().priority());
        assertEquals(Priority.LOW, TABLE.find(Program.REMOTE, "DOMAIN_CREATE").orElseThrow().priority());
        assertEquals(Priority.LOW, TABLE.find(Program.REMOTE, "DOMAIN_GET_INFO").orElseThrow().priority());
    }

    @Test
    void conditionalReadOnlyLooksAtTheFlags() {
        var p = DomainStateProcedures.DOMAIN_GET_XML_DESC;
        RemoteNonnullDomain dom = new RemoteNonnullDomain("d", new java.util.UUID(0, 0), -1);
        assertTrue(p.allowedOnReadOnly(new RemoteDomainGetXmlDescArgs(dom, 2)));   // INACTIVE
        assertFalse(p.allowedOnReadOnly(new RemoteDomainGetXmlDescArgs(dom, 1)));  // SECURE
        assertFalse(p.allowedOnReadOnly(new RemoteDomainGetXmlDescArgs(dom, 8)));  // MIGRATABLE
        Procedure<?, ?> ifaddr = TABLE.find(Program.REMOTE, "DOMAIN_INTERFACE_ADDRESSES").orElseThrow();
        assertEquals("source == VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_AGENT", ifaddr.writeWhenText());
        assertEquals(ReadOnly.DENIED, TABLE.find(Program.QEMU, "DOMAIN_MONITOR_COMMAND").orElseThrow().readOnly());
    }

    @Test
    void apiNamesAndDomainsAreAttached() {
        Procedure<?, ?> p = TABLE.find(Program.REMOTE, "NETWORK_CREATE").orElseThrow();
        assertEquals("virNetworkCreate", p.api());
        assertEquals(ErrorDomain.NETWORK, p.apiDomain());
        assertEquals(ErrorDomain.DOMAIN_SNAPSHOT,
                TABLE.find(Program.REMOTE, "DOMAIN_SNAPSHOT_DELETE").orElseThrow().apiDomain());
        assertEquals(ErrorDomain.NONE, TABLE.find(Program.QEMU, "DOMAIN_MONITOR_COMMAND").orElseThrow().apiDomain());
    }

    @Test
    void lookupsAgree() {
        for (Procedure<?, ?> p : TABLE.all()) {
            assertSame(p, TABLE.find(p.program().number(), p.program().version(), p.number()).orElseThrow());
            assertSame(p, TABLE.find(p.program(), p.name()).orElseThrow());
        }
        assertFalse(TABLE.find(Program.REMOTE.number(), 1, 0).isPresent());
        assertFalse(TABLE.find(Program.REMOTE.number(), 1, 444).isPresent());
        assertFalse(TABLE.find(Program.REMOTE.number(), 2, 1).isPresent());
        assertEquals(Set.copyOf(TABLE.all()).size(), TABLE.all().size());
    }
}
