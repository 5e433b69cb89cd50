package org.jvirt.rpc.frame;

/** libvirt's framing constants, with the values of virnetprotocol.x (libvirt 9.0). */
public final class NetLimits {

    private NetLimits() {
    }

    /** Initial receive buffer (VIR_NET_MESSAGE_INITIAL): a starting size, not a limit. */
    public static final int MESSAGE_INITIAL = 65536;
    /** Old payload limit (VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX); libvirtd still sends stream data in chunks this big. */
    public static final int LEGACY_PAYLOAD_MAX = 262120;
    /** Largest header + payload, i.e. the length word minus its own four bytes (VIR_NET_MESSAGE_MAX). */
    public static final int MESSAGE_MAX = 33554432;
    /** Size of the header (VIR_NET_MESSAGE_HEADER_MAX). */
    public static final int HEADER_MAX = 24;
    /** Largest payload (VIR_NET_MESSAGE_PAYLOAD_MAX). */
    public static final int PAYLOAD_MAX = 33554408;
    /** Size of the length word (VIR_NET_MESSAGE_LEN_MAX). */
    public static final int LEN_MAX = 4;
    /** Longest string (VIR_NET_MESSAGE_STRING_MAX). */
    public static final int STRING_MAX = 4194304;
    /** Most file descriptors one message may carry (VIR_NET_MESSAGE_NUM_FDS_MAX). */
    public static final int NUM_FDS_MAX = 32;
    /** Smallest packet: the length word and a header. */
    public static final int PACKET_MIN = LEN_MAX + HEADER_MAX;
}
