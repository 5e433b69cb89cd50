package org.jvirt;

/**
 * How a block job ended, or that it reached its synchronised phase, as the BLOCK_JOB and BLOCK_JOB_2 events tell.
 * libvirt's {@code virConnectDomainEventBlockJobStatus}, same values.
 */
public enum DomainBlockJobStatus {
    COMPLETED(0),
    FAILED(1),
    CANCELED(2),
    READY(3);

    private final int code;

    DomainBlockJobStatus(int code) {
        this.code = code;
    }

    /** libvirt's integer. */
    public int code() {
        return code;
    }
}
