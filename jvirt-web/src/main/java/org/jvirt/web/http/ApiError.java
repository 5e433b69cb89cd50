package org.jvirt.web.http;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtError;
import org.jvirt.VirtException;

/**
 * An error answer: libvirt's whole error (code, domain, message and their names) and the HTTP status chosen for
 * it. Errors the web layer finds itself (bad JSON, unknown route, a body too large) are libvirt errors too, so a
 * client reads one shape.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final VirtError error;

    public ApiError(int status, VirtError error) {
        super(error.displayMessage());
        this.status = status;
        this.error = error;
    }

    public static ApiError of(int status, ErrorNumber number, String detail) {
        return new ApiError(status, VirtError.of(ErrorDomain.NONE, number, detail));
    }

    public static ApiError badRequest(String detail) {
        return of(400, ErrorNumber.INVALID_ARG, detail);
    }

    public static ApiError from(VirtException e) {
        return new ApiError(statusOf(e.error()), e.error());
    }

    public int status() {
        return status;
    }

    public VirtError error() {
        return error;
    }

    /** The HTTP status for a libvirt error: missing → 404, wrong state → 409, bad input → 400, ... */
    public static int statusOf(VirtError e) {
        ErrorNumber n = e.number();
        if (n == null) {
            return 500;
        }
        return switch (n) {
            case NO_DOMAIN, NO_NETWORK, NO_STORAGE_POOL, NO_STORAGE_VOL, NO_NODE_DEVICE, NO_INTERFACE, NO_SECRET,
                 NO_NWFILTER, NO_NWFILTER_BINDING, NO_DOMAIN_SNAPSHOT, NO_DOMAIN_CHECKPOINT, NO_DOMAIN_METADATA,
                 NO_NETWORK_PORT -> 404;
            case INVALID_ARG, XML_ERROR, XML_DETAIL, INVALID_DOMAIN, INVALID_NETWORK, INVALID_STORAGE_POOL,
                 INVALID_STORAGE_VOL, CONFIG_UNSUPPORTED -> 400;
            case OPERATION_INVALID, DOM_EXIST, NETWORK_EXIST, STORAGE_POOL_BUILT, STORAGE_VOL_EXIST,
                 OPERATION_ABORTED -> 409;
            case NO_SUPPORT -> 501;
            case OPERATION_DENIED, ACCESS_DENIED, AUTH_FAILED -> 403;
            case OPERATION_TIMEOUT -> 504;
            default -> 500;
        };
    }

    /** The JSON body: {"error": {...}}. */
    public Body body() {
        ErrorNumber n = error.number();
        ErrorDomain d = error.errorDomain();
        return new Body(new Detail(status, error.code(), n == null ? null : n.name(), error.domain(),
                d == null ? null : d.name(), error.displayMessage()));
    }

    public record Body(Detail error) {
    }

    public record Detail(int status, int code, String codeName, int domain, String domainName, String message) {
    }
}
