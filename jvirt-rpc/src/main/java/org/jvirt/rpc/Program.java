package org.jvirt.rpc;

/**
 * The RPC programs that share one libvirt connection, with libvirt's numbers. A packet names its program and
 * version in the header; {@link ProcedureTable} resolves (program, version, procedure) to a declaration.
 */
public enum Program {
    /** The main API (remote_protocol.x). */
    REMOTE(0x20008086, 1),
    /** QEMU-specific calls (qemu_protocol.x). */
    QEMU(0x20008087, 1),
    /** LXC-specific calls (lxc_protocol.x). */
    LXC(0x00068000, 1),
    /** Keepalive PING/PONG messages (virkeepaliveprotocol.x). */
    KEEPALIVE(0x6b656570, 1),
    /** The daemon's administration interface (admin_protocol.x), served on its own socket only. */
    ADMIN(0x06900690, 1);

    private final int number;
    private final int version;

    Program(int number, int version) {
        this.number = number;
        this.version = version;
    }

    public int number() {
        return number;
    }

    public int version() {
        return version;
    }

    /** The program with this number, or null. */
    public static Program fromNumber(int number) {
        for (Program p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        return null;
    }
}
