package org.jvirt.rpc;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorLevel;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtError;
import org.jvirt.VirtException;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteError;

/**
 * {@code remote_error} (virNetMessageError), the payload of every error reply and failed stream, to and from
 * {@link VirtError}; the client-side rewriting libvirt's client applies; and the errors the RPC layer itself
 * raises, in libvirt's words. Exceptions become error replies only through here.
 */
public final class RemoteErrors {

    private RemoteErrors() {
    }

    /** The wire form of an error. {@code dom} and {@code net} are always absent, as libvirtd sends them. */
    public static RemoteError toWire(VirtError e) {
        int level = (e.level() == null ? ErrorLevel.ERROR : e.level()).code();
        return new RemoteError(e.code(), e.domain(), e.message(), level, null, e.str1(), e.str2(), e.str3(), e.int1(), e.int2(), null);
    }

    /** The error exactly as sent, with no rewriting (what a server or a proxy sees). */
    public static VirtError fromWire(RemoteError e) {
        return new VirtError(e.code(), e.domain(), levelOf(e.level()), e.message(), e.str1(), e.str2(), e.str3(),
                e.int1(), e.int2());
    }

    private static ErrorLevel levelOf(int code) {
        for (ErrorLevel l : ErrorLevel.values()) {
            if (l.code() == code) {
                return l;
            }
        }
        return ErrorLevel.ERROR;
    }

    /**
     * libvirt's client-side legacy remapping (virnetclientprogram.c, for 0.7.x servers): codes 61..63 become
     * 65..67 unless the domain is NWFILTER; 64 from QEMU becomes 68 (OPERATION_TIMEOUT); 65 from XEN becomes 69.
     */
    public static VirtError legacyRemap(VirtError e) {
        int code = e.code();
        int mapped = code;
        if (code >= 61 && code <= 63 && e.domain() != ErrorDomain.NWFILTER.code()) {
            mapped = code + 4;
        } else if (code == 64 && e.domain() == ErrorDomain.QEMU.code()) {
            mapped = ErrorNumber.OPERATION_TIMEOUT.code();
        } else if (code == 65 && e.domain() == ErrorDomain.XEN.code()) {
            mapped = ErrorNumber.MIGRATE_PERSIST_FAILED.code();
        }
        return mapped == code ? e : new VirtError(mapped, e.domain(), e.level(), e.message(), e.str1(), e.str2(),
                e.str3(), e.int1(), e.int2());
    }

    /**
     * libvirt's client turns "unknown procedure" (code RPC, domain REMOTE or RPC, level ERROR) into NO_SUPPORT, so
     * callers fall back to older APIs when the server lacks a procedure. Message and domain are kept.
     */
    public static VirtError unknownProcedureAsNoSupport(VirtError e) {
        boolean fromRpc = e.domain() == ErrorDomain.REMOTE.code() || e.domain() == ErrorDomain.RPC.code();
        if (fromRpc && e.code() == ErrorNumber.RPC.code() && e.level() == ErrorLevel.ERROR && e.message() != null
                && e.message().startsWith("unknown procedure")) {
            return new VirtError(ErrorNumber.NO_SUPPORT.code(), e.domain(), e.level(), e.message(), e.str1(),
                    e.str2(), e.str3(), e.int1(), e.int2());
        }
        return e;
    }

    /** What a client raises for an error it received: both rewritings applied, the right exception subclass. */
    public static VirtException forClient(RemoteError wire) {
        return VirtException.of(unknownProcedureAsNoSupport(legacyRemap(fromWire(wire))));
    }

    /** libvirt's RPC-layer error (code RPC, domain RPC) with the given message. */
    public static VirtError rpc(String message) {
        return VirtError.of(ErrorDomain.RPC, ErrorNumber.RPC, message);
    }

    /** The server's answer to a procedure it does not know: reply exactly this so clients fall back. */
    public static VirtError unknownProcedure(int procedure) {
        return rpc("unknown procedure: " + procedure);
    }

    /** The server's answer to a program/version it does not serve. */
    public static VirtError unknownProgram(int program, int version) {
        return rpc("Cannot find program " + program + " version " + version);
    }

    /** A call packet with a status other than OK. */
    public static VirtError unexpectedStatus(int status) {
        return rpc("Unexpected message status " + Integer.toUnsignedString(status));
    }

    /** A packet type the receiver does not accept here. */
    public static VirtError unexpectedType(int type) {
        return rpc("Unexpected message type " + Integer.toUnsignedString(type));
    }

    /** A call made before authentication completed (code RPC on purpose: old clients lack AUTH_FAILED). */
    public static VirtError authenticationRequired() {
        return rpc("authentication required");
    }

    /**
     * A write call on a read-only connection: "operation forbidden: read only access prevents virDomainSuspend",
     * in the error domain of the API function, as libvirt's public API raises it.
     */
    public static VirtError readOnlyDenied(Procedure<?, ?> procedure) {
        String api = procedure.api() != null ? procedure.api() : procedure.name();
        ErrorDomain domain = procedure.apiDomain() != null ? procedure.apiDomain() : ErrorDomain.NONE;
        return VirtError.of(domain, ErrorNumber.OPERATION_DENIED, "read only access prevents " + api);
    }
}
