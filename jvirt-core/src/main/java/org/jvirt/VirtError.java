package org.jvirt;

/**
 * libvirt's whole error ({@code virError}), field for field, so that it crosses the wire without loss.
 * {@code code} and {@code domain} are kept as libvirt's integers: a newer peer may send a code this version
 * does not know, and it must come back out unchanged.
 *
 * @param code     virErrorNumber
 * @param domain   virErrorDomain
 * @param level    severity
 * @param message  the full, human-readable message
 * @param str1     the message template (libvirt fills it with the code's template)
 * @param str2     the detail
 * @param str3     extra information, rarely set
 * @param int1     extra information, -1 when unset
 * @param int2     extra information, -1 when unset
 */
public record VirtError(int code, int domain, ErrorLevel level, String message,
                        String str1, String str2, String str3, int int1, int int2) {

    /** The error as libvirt's {@code virReportError(domain, code, "%s", detail)} builds it. */
    public static VirtError of(ErrorDomain domain, ErrorNumber number, String detail) {
        String template = number.template(detail != null);
        return new VirtError(number.code(), domain.code(), ErrorLevel.ERROR, number.format(detail),
                template, detail, null, -1, -1);
    }

    /** The code as an enum; {@code null} for a code this version does not know. */
    public ErrorNumber number() {
        return ErrorNumber.fromCode(code);
    }

    public ErrorDomain errorDomain() {
        return ErrorDomain.fromCode(domain);
    }

    /** The message, or libvirt's "Unknown error" when the peer sent none. */
    public String displayMessage() {
        return message == null ? "Unknown error" : message;
    }
}
