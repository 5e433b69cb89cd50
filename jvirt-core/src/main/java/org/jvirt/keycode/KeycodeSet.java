package org.jvirt.keycode;

/**
 * libvirt's key code sets (virKeycodeSet), with libvirt's numbers (they cross the wire in virDomainSendKey) and
 * names (virsh send-key's {@code --codeset}).
 */
public enum KeycodeSet {
    /** Linux input event codes (linux/input.h), e.g. KEY_A = 30. */
    LINUX(0, "linux"),
    /** Kept by libvirt for compatibility: the same table as AT set 1. */
    XT(1, "xt"),
    ATSET1(2, "atset1"),
    ATSET2(3, "atset2"),
    ATSET3(4, "atset3"),
    OSX(5, "os_x"),
    /** The Linux XT keyboard driver's raw codes: AT set 1 with the 0xe0 prefix folded into 0x100. */
    XT_KBD(6, "xt_kbd"),
    USB(7, "usb"),
    WIN32(8, "win32"),
    /** QEMU's key numbers: AT set 1 with the 0xe0 prefix folded into the high bit (0x80). */
    QNUM(9, "qnum");

    private final int code;
    private final String libvirtName;

    KeycodeSet(int code, String libvirtName) {
        this.code = code;
        this.libvirtName = libvirtName;
    }

    /** libvirt's number (VIR_KEYCODE_SET_*). */
    public int code() {
        return code;
    }

    /** libvirt's name (virKeycodeSetTypeToString). */
    public String libvirtName() {
        return libvirtName;
    }

    /** The set with libvirt's number, or null. */
    public static KeycodeSet fromCode(int code) {
        for (KeycodeSet s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }

    /** The set with libvirt's name (virKeycodeSetTypeFromString), or null. */
    public static KeycodeSet fromName(String name) {
        for (KeycodeSet s : values()) {
            if (s.libvirtName.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
