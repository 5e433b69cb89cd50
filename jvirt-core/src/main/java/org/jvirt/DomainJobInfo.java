package org.jvirt;

/** libvirt's {@code virDomainJobInfo}: a domain's background job and its progress (times in ms, data in bytes). */
public record DomainJobInfo(DomainJobType type, long timeElapsed, long timeRemaining, long dataTotal,
                            long dataProcessed, long dataRemaining, long memTotal, long memProcessed,
                            long memRemaining, long fileTotal, long fileProcessed, long fileRemaining) {

    public static DomainJobInfo none() {
        return new DomainJobInfo(DomainJobType.NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
