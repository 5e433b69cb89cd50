package org.jvirt.web.http;

/** What a route answers: a JSON value, raw bytes of a media type, or nothing. */
public sealed interface Result {

    int status();

    /** A JSON body (any Jackson-serialisable value); {@code etag} is sent as the ETag header when not null. */
    record Json(int status, Object value, String etag) implements Result {
    }

    /** Bytes of a given media type (XML, text, a file). */
    record Bytes(int status, String contentType, byte[] data, String etag) implements Result {
    }

    /** A body written as it is produced (a volume's content): no length is known in advance. */
    record Streamed(int status, String contentType, Writer writer) implements Result {
    }

    /** Writes a streamed body; a failure after the first byte can only cut the response short. */
    @FunctionalInterface
    interface Writer {
        void write(java.io.OutputStream out) throws Exception;
    }

    /** No body. */
    record Empty(int status) implements Result {
    }

    static Result ok(Object value) {
        return new Json(200, value, null);
    }

    static Result json(int status, Object value) {
        return new Json(status, value, null);
    }

    static Result noContent() {
        return new Empty(204);
    }
}
