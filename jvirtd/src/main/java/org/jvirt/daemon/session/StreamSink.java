package org.jvirt.daemon.session;

import org.jvirt.rpc.frame.RpcMessage;

/** The daemon's end of an open stream: receives the client's STREAM / STREAM_HOLE packets for its serial. */
public interface StreamSink {

    /** Called on the reader thread, in arrival order. May block: that is the stream's flow control. */
    void onPacket(RpcMessage packet);

    /** The client went away: abort whatever is still open. */
    void abandon();
}
