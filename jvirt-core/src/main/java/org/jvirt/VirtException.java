package org.jvirt;

/**
 * The one exception of the jvirt API: it carries libvirt's whole error. Subclasses exist for the cases callers
 * commonly catch; {@link #of(VirtError)} picks the right one, so an error that crossed the wire is rethrown as
 * the same type it was raised as.
 */
public class VirtException extends RuntimeException {

    private final VirtError error;

    public VirtException(VirtError error) {
        super(error.displayMessage());
        this.error = error;
    }

    public VirtException(VirtError error, Throwable cause) {
        super(error.displayMessage(), cause);
        this.error = error;
    }

    public VirtError error() {
        return error;
    }

    /** The code as an enum; {@code null} when a newer peer sent a code this version does not know. */
    public ErrorNumber number() {
        return error.number();
    }

    public ErrorDomain errorDomain() {
        return error.errorDomain();
    }

    /** Rebuilds the exception of the right subclass for an error, e.g. one decoded from the wire. */
    public static VirtException of(VirtError error) {
        ErrorNumber n = error.number();
        if (n == null) {
            return new VirtException(error);
        }
        return switch (n) {
            case NO_DOMAIN, NO_NETWORK, NO_STORAGE_POOL, NO_STORAGE_VOL, NO_NODE_DEVICE, NO_INTERFACE,
                 NO_SECRET, NO_NWFILTER, NO_NWFILTER_BINDING, NO_DOMAIN_SNAPSHOT, NO_DOMAIN_CHECKPOINT,
                 NO_DOMAIN_METADATA, NO_NETWORK_PORT -> new NotFoundException(error);
            case NO_SUPPORT -> new NotSupportedException(error);
            case OPERATION_INVALID -> new OperationInvalidException(error);
            case OPERATION_DENIED, ACCESS_DENIED -> new AccessDeniedException(error);
            case INVALID_ARG -> new InvalidArgumentException(error);
            case XML_ERROR, XML_DETAIL -> new XmlException(error);
            default -> new VirtException(error);
        };
    }

    /** Raises libvirt's error for a code and a detail, as {@code virReportError} does. */
    public static VirtException of(ErrorDomain domain, ErrorNumber number, String detail) {
        return of(VirtError.of(domain, number, detail));
    }

    /** As {@link #of(ErrorDomain, ErrorNumber, String)}, with a {@link String#format} detail. */
    public static VirtException of(ErrorDomain domain, ErrorNumber number, String format, Object... args) {
        return of(VirtError.of(domain, number, String.format(format, args)));
    }

    /** libvirt's error for a function a driver does not implement: "this function is not supported ...: fn". */
    public static VirtException noSupport(ErrorDomain domain, String function) {
        return of(domain, ErrorNumber.NO_SUPPORT, function);
    }
}
