package org.jvirt.rpc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jvirt.VirtException;
import org.jvirt.rpc.frame.MessageHeader;
import org.jvirt.rpc.proto.admin.AdminProcedures;
import org.jvirt.rpc.proto.keepalive.KeepaliveProcedures;
import org.jvirt.rpc.proto.lxc.LxcProcedures;
import org.jvirt.rpc.proto.qemu.QemuProcedures;
import org.jvirt.rpc.proto.remote.RemoteProcedures;

/**
 * Looks procedures up by (program, version, number) — the one index that both the client (to decode events it
 * did not ask for) and the daemon (to dispatch calls) use. Built once; lookups are array reads.
 */
public final class ProcedureTable {

    private static final class Holder {
        static final ProcedureTable STANDARD = of(standardProcedures());
    }

    private static final class AdminHolder {
        static final ProcedureTable ADMIN = of(adminProcedures());
    }

    private final Map<Long, Procedure<?, ?>[]> byProgram = new HashMap<>();
    private final Map<String, Procedure<?, ?>> byName = new HashMap<>();
    private final List<Procedure<?, ?>> all;

    private ProcedureTable(Collection<Procedure<?, ?>> procedures) {
        Map<Long, List<Procedure<?, ?>>> grouped = new HashMap<>();
        for (Procedure<?, ?> p : procedures) {
            grouped.computeIfAbsent(key(p.program().number(), p.program().version()), k -> new ArrayList<>()).add(p);
            if (byName.put(p.program() + ":" + p.name(), p) != null) {
                throw new IllegalArgumentException("procedure declared twice: " + p);
            }
        }
        for (Map.Entry<Long, List<Procedure<?, ?>>> e : grouped.entrySet()) {
            int max = e.getValue().stream().mapToInt(Procedure::number).max().orElse(0);
            Procedure<?, ?>[] slots = new Procedure<?, ?>[max + 1];
            for (Procedure<?, ?> p : e.getValue()) {
                if (p.number() < 0) {
                    throw new IllegalArgumentException("negative procedure number: " + p);
                }
                if (slots[p.number()] != null) {
                    throw new IllegalArgumentException("procedure number used twice: " + p + ", " + slots[p.number()]);
                }
                slots[p.number()] = p;
            }
            byProgram.put(e.getKey(), slots);
        }
        this.all = List.copyOf(procedures);
    }

    /** Every procedure of the REMOTE, QEMU, LXC and KEEPALIVE programs of libvirt 9.0. */
    public static ProcedureTable standard() {
        return Holder.STANDARD;
    }

    public static ProcedureTable of(Collection<Procedure<?, ?>> procedures) {
        return new ProcedureTable(procedures);
    }

    /** The declarations the standard table is built from. */
    public static List<Procedure<?, ?>> standardProcedures() {
        List<Procedure<?, ?>> all = new ArrayList<>(RemoteProcedures.all());
        all.addAll(QemuProcedures.all());
        all.addAll(LxcProcedures.all());
        all.addAll(KeepaliveProcedures.all());
        return all;
    }

    /**
     * The table of a daemon's admin socket: the ADMIN program and keepalive. libvirtd serves ADMIN only there and
     * the main programs only on the main sockets, so each side answers the other's calls "Cannot find program".
     */
    public static ProcedureTable admin() {
        return AdminHolder.ADMIN;
    }

    /** The declarations the admin table is built from. */
    public static List<Procedure<?, ?>> adminProcedures() {
        List<Procedure<?, ?>> all = new ArrayList<>(AdminProcedures.all());
        all.addAll(KeepaliveProcedures.all());
        return all;
    }

    private static long key(int program, int version) {
        return ((long) program << 32) | (version & 0xffffffffL);
    }

    public boolean hasProgram(int program, int version) {
        return byProgram.containsKey(key(program, version));
    }

    public Optional<Procedure<?, ?>> find(int program, int version, int number) {
        Procedure<?, ?>[] slots = byProgram.get(key(program, version));
        if (slots == null || number < 0 || number >= slots.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(slots[number]);
    }

    /** By libvirt's name without the prefix, e.g. (REMOTE, "DOMAIN_LOOKUP_BY_NAME"). */
    public Optional<Procedure<?, ?>> find(Program program, String name) {
        return Optional.ofNullable(byName.get(program + ":" + name));
    }

    /**
     * The procedure a header names, or the error libvirt's server answers with: "Cannot find program N version M"
     * or "unknown procedure: N" (both code RPC, domain RPC).
     */
    public Procedure<?, ?> lookup(MessageHeader header) {
        if (!hasProgram(header.program(), header.version())) {
            throw new VirtException(RemoteErrors.unknownProgram(header.program(), header.version()));
        }
        return find(header.program(), header.version(), header.procedure())
                .orElseThrow(() -> new VirtException(RemoteErrors.unknownProcedure(header.procedure())));
    }

    /** The procedures of one program, by number. */
    public List<Procedure<?, ?>> procedures(Program program) {
        return all.stream().filter(p -> p.program() == program)
                .sorted((a, b) -> Integer.compare(a.number(), b.number())).toList();
    }

    public List<Procedure<?, ?>> all() {
        return all;
    }
}
