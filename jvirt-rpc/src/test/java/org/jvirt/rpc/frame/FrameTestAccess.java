package org.jvirt.rpc.frame;

/** Lets tests of other packages see how much a frame decoder holds. */
public final class FrameTestAccess {

    private FrameTestAccess() {
    }

    public static int allocated(FrameDecoder d) {
        return d.allocated();
    }
}
