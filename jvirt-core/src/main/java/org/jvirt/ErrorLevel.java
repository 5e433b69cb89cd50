package org.jvirt;

/** libvirt's {@code virErrorLevel}. */
public enum ErrorLevel {
    NONE(0), WARNING(1), ERROR(2);

    private final int code;

    ErrorLevel(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ErrorLevel fromCode(int code) {
        for (ErrorLevel l : values()) {
            if (l.code == code) {
                return l;
            }
        }
        return ERROR;
    }
}
