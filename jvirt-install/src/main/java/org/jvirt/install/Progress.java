package org.jvirt.install;

/**
 * Reports the long steps (volume allocation, media extraction and upload, domain creation), as virt-install's
 * meter does. The command line prints them; the web UI can forward them.
 */
public interface Progress {
    Progress NONE = new Progress() {
        @Override
        public void start(String label, long total) {
        }

        @Override
        public void update(long done) {
        }

        @Override
        public void end(long done) {
        }
    };

    /** A step begins; {@code total} is its size in bytes, or 0 when unknown. */
    void start(String label, long total);

    /** How far the step is. */
    void update(long done);

    /** The step is done. */
    void end(long done);

    /** A line for the user (virt-install's "Using debian11 default --memory 1024"). */
    default void message(String line) {
    }

    /** A warning (virt-install's "WARNING  ..."). */
    default void warning(String line) {
    }
}
