package org.jvirt.rpc;

import java.util.Objects;
import java.util.function.Predicate;

import org.jvirt.ErrorDomain;
import org.jvirt.rpc.xdr.XdrType;

/**
 * One remote procedure, declared once (in the generated {@code *Procedures} classes) and used by both the client
 * stubs and the daemon's dispatcher: its number and name, the codec of its arguments and of its reply, and the
 * facts libvirt annotates in its .x files — priority, stream direction, which calls a read-only connection may
 * make — plus the public API function it backs.
 *
 * <p>For a {@link Kind#MESSAGE} (an event), {@code args} is the message payload and {@code ret} is void.
 *
 * @param <A> the argument record ({@code Void} when there are none)
 * @param <R> the reply record ({@code Void} when the reply is empty)
 */
public record Procedure<A, R>(
        Program program,
        int number,
        String name,
        Kind kind,
        XdrType<A> args,
        XdrType<R> ret,
        Priority priority,
        StreamDirection stream,
        int sparseFlag,
        ReadOnly readOnly,
        Predicate<? super A> writeWhen,
        String writeWhenText,
        String api,
        ErrorDomain apiDomain) {

    /** CALL: a request that gets a reply. MESSAGE: an asynchronous event the server sends. */
    public enum Kind { CALL, MESSAGE }

    /** libvirt's {@code @priority}: high-priority calls never wait behind calls that may block on a hypervisor. */
    public enum Priority { LOW, HIGH }

    /**
     * libvirt's {@code @readstream}/{@code @writestream}, from the client's point of view. READ carries data
     * daemon to client (download, screenshot; consoles are READ too and then flow both ways), WRITE the
     * other way (upload, tunnelled migration).
     */
    public enum StreamDirection { NONE, READ, WRITE }

    /** Whether a read-only connection may make the call (libvirt's virCheckReadOnlyGoto in src/libvirt-*.c). */
    public enum ReadOnly {
        /** Allowed on a read-only connection. */
        ALLOWED,
        /** Refused on a read-only connection. */
        DENIED,
        /** Refused only when the arguments ask for something privileged ({@link #writeWhen()}). */
        CONDITIONAL
    }

    public Procedure {
        Objects.requireNonNull(program);
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(args);
        Objects.requireNonNull(ret);
        Objects.requireNonNull(priority);
        Objects.requireNonNull(stream);
        Objects.requireNonNull(readOnly);
        if ((readOnly == ReadOnly.CONDITIONAL) != (writeWhen != null)) {
            throw new IllegalArgumentException(name + ": a condition goes with CONDITIONAL, and only with it");
        }
    }

    /** Declares a call; refine it with the {@code with...} methods. */
    public static <A, R> Procedure<A, R> call(Program program, int number, String name, XdrType<A> args,
                                              XdrType<R> ret) {
        return new Procedure<>(program, number, name, Kind.CALL, args, ret, Priority.LOW, StreamDirection.NONE, 0,
                ReadOnly.ALLOWED, null, null, null, null);
    }

    /** Declares an asynchronous message (event) whose payload has the given type. */
    public static <A> Procedure<A, Void> message(Program program, int number, String name, XdrType<A> payload) {
        return new Procedure<>(program, number, name, Kind.MESSAGE, payload, XdrType.VOID, Priority.LOW,
                StreamDirection.NONE, 0, ReadOnly.ALLOWED, null, null, null, null);
    }

    public Procedure<A, R> withHighPriority() {
        return new Procedure<>(program, number, name, kind, args, ret, Priority.HIGH, stream, sparseFlag, readOnly,
                writeWhen, writeWhenText, api, apiDomain);
    }

    public Procedure<A, R> withStream(StreamDirection direction, int sparseFlag) {
        return new Procedure<>(program, number, name, kind, args, ret, priority, direction, sparseFlag, readOnly,
                writeWhen, writeWhenText, api, apiDomain);
    }

    /** The public API function this procedure implements and the error domain libvirt raises its errors in. */
    public Procedure<A, R> withApi(String function, ErrorDomain domain) {
        return new Procedure<>(program, number, name, kind, args, ret, priority, stream, sparseFlag, readOnly,
                writeWhen, writeWhenText, function, domain);
    }

    /** Refused on read-only connections. */
    public Procedure<A, R> withReadOnlyDenied() {
        return new Procedure<>(program, number, name, kind, args, ret, priority, stream, sparseFlag,
                ReadOnly.DENIED, null, null, api, apiDomain);
    }

    /**
     * Refused on read-only connections when {@code condition} holds for the arguments. The generated conditions
     * take {@code Object} and cast: a lambda over the record type would load the record class with the table.
     */
    public Procedure<A, R> withReadOnlyDeniedWhen(Predicate<? super A> condition, String description) {
        return new Procedure<>(program, number, name, kind, args, ret, priority, stream, sparseFlag,
                ReadOnly.CONDITIONAL, condition, description, api, apiDomain);
    }

    /** Whether a read-only connection may make this call with these (decoded) arguments. */
    public boolean allowedOnReadOnly(A arguments) {
        return switch (readOnly) {
            case ALLOWED -> true;
            case DENIED -> false;
            case CONDITIONAL -> arguments == null || !writeWhen.test(arguments);
        };
    }

    /** Unchecked variant for dispatchers that hold arguments as {@code Object}. */
    @SuppressWarnings("unchecked")
    public boolean allowedOnReadOnlyUnchecked(Object arguments) {
        return allowedOnReadOnly((A) arguments);
    }

    public boolean isMessage() {
        return kind == Kind.MESSAGE;
    }

    public boolean isStream() {
        return stream != StreamDirection.NONE;
    }

    @Override
    public String toString() {
        return program + "." + name + "(" + number + ")";
    }
}
