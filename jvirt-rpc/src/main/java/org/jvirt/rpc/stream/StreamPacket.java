package org.jvirt.rpc.stream;

import java.util.Arrays;
import java.util.Objects;

import org.jvirt.VirtError;

/**
 * What one packet of a stream means. Streams reuse the program, procedure and serial of the call that opened
 * them; the type and status say which of these it is.
 */
public sealed interface StreamPacket {

    /** STREAM/CONTINUE with raw bytes; an empty one means end of data (EOF) from the sender. */
    record Data(byte[] bytes) implements StreamPacket {
        public Data {
            Objects.requireNonNull(bytes);
        }

        public boolean isEof() {
            return bytes.length == 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Data[" + bytes.length + " bytes]";
        }
    }

    /** STREAM_HOLE/CONTINUE: a hole in a sparse stream. */
    record Hole(StreamHole hole) implements StreamPacket {
    }

    /** STREAM/OK, empty: the sender finishes the stream (or confirms the other side's finish or abort). */
    record Finish() implements StreamPacket {
    }

    /** STREAM/ERROR, empty: the client aborts the stream. */
    record Abort() implements StreamPacket {
    }

    /** STREAM/ERROR with remote_error: the stream failed on the sender's side and is dead. */
    record Failure(VirtError error) implements StreamPacket {
    }
}
