package org.jvirt.daemon.session;

import org.jvirt.rpc.ProcedureTable;
import org.jvirt.rpc.ServerCall;

/** Answers decoded calls; implemented by the dispatch table. */
public interface CallServer {

    /** What to send back, and what to do once it is on the wire (start a download stream, close the client). */
    record Answer(byte[] packet, Runnable afterSend) {
        public static Answer of(byte[] packet) {
            return new Answer(packet, null);
        }
    }

    Answer serve(ClientSession client, ServerCall<?, ?> call);

    /**
     * Calls that change the connection's state (open, close) run on the reader thread, before the next packet
     * is read, so a client that pipelines calls behind CONNECT_OPEN finds the connection open.
     */
    boolean runsInline(ServerCall<?, ?> call);

    /** The programs this server's clients may call (the admin socket serves only the ADMIN program). */
    default ProcedureTable procedures() {
        return ProcedureTable.standard();
    }
}
