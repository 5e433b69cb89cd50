package org.jvirt.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jvirt.DomainBlockJobInfo;
import org.jvirt.DomainCoreDumpFormat;
import org.jvirt.ErrorDomain;
import org.jvirt.Libvirt;
import org.jvirt.TypedParameter;
import org.jvirt.flags.DomainBlockCommitFlag;
import org.jvirt.flags.DomainBlockCopyFlag;
import org.jvirt.flags.DomainBlockJobAbortFlag;
import org.jvirt.flags.DomainBlockJobInfoFlag;
import org.jvirt.flags.DomainBlockJobSetSpeedFlag;
import org.jvirt.flags.DomainBlockPullFlag;
import org.jvirt.flags.DomainBlockRebaseFlag;
import org.jvirt.flags.DomainBlockResizeFlag;
import org.jvirt.flags.DomainCoreDumpFlag;
import org.jvirt.flags.DomainMemoryPeekFlag;

/**
 * A hypervisor driver's entry points on a domain's disks and memory as images: block jobs (pull, rebase, copy,
 * commit; their info, speed and abort), resize, peeks, and the core dump. A disk is named by its target ("vda")
 * or its source path, as libvirt's virDomainDiskByName finds it. A driver overrides what it implements; the rest
 * fail with VIR_ERR_NO_SUPPORT naming the function.
 */
public interface DomainBlockDriver {

    @Libvirt("virDomainBlockPull")
    default void blockPull(DomainRef dom, String disk, long bandwidth, Set<DomainBlockPullFlag> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainBlockPull");
    }

    /** {@code base} null: pull the whole chain; with COPY: {@code base} is the copy's destination. */
    @Libvirt("virDomainBlockRebase")
    default void blockRebase(DomainRef dom, String disk, String base, long bandwidth,
                             Set<DomainBlockRebaseFlag> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainBlockRebase");
    }

    /** {@code destXml}: a {@code <disk>} naming the destination; params bandwidth, granularity, buf-size. */
    @Libvirt("virDomainBlockCopy")
    default void blockCopy(DomainRef dom, String disk, String destXml, List<TypedParameter> params,
                           Set<DomainBlockCopyFlag> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainBlockCopy");
    }

    @Libvirt("virDomainBlockCommit")
    default void blockCommit(DomainRef dom, String disk, String base, String top, long bandwidth,
                             Set<DomainBlockCommitFlag> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainBlockCommit");
    }

    /** The disk's job, or empty when it has none (libvirt's return value 0). */
    @Libvirt("virDomainGetBlockJobInfo")
    default Optional<DomainBlockJobInfo> getBlockJobInfo(DomainRef dom, String disk,
                                                         Set<DomainBlockJobInfoFlag> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainGetBlockJobInfo");
    }

    @Libvirt("virDomainBlockJobAbort")
    default void blockJobAbort(DomainRef dom, String disk, Set<DomainBlockJobAbortFlag> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainBlockJobAbort");
    }

    @Libvirt("virDomainBlockJobSetSpeed")
    default void blockJobSetSpeed(DomainRef dom, String disk, long bandwidth, Set<DomainBlockJobSetSpeedFlag> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainBlockJobSetSpeed");
    }

    /** The new size in KiB, or in bytes with BYTES. */
    @Libvirt("virDomainBlockResize")
    default void blockResize(DomainRef dom, String disk, long size, Set<DomainBlockResizeFlag> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainBlockResize");
    }

    /** {@code size} bytes of the disk's guest-visible content from {@code offset}. */
    @Libvirt("virDomainBlockPeek")
    default byte[] blockPeek(DomainRef dom, String disk, long offset, int size) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainBlockPeek");
    }

    @Libvirt("virDomainMemoryPeek")
    default byte[] memoryPeek(DomainRef dom, long start, int size, Set<DomainMemoryPeekFlag> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainMemoryPeek");
    }

    /** {@code to}: an absolute path (the public API makes it so). */
    @Libvirt({"virDomainCoreDump", "virDomainCoreDumpWithFormat"})
    default void coreDump(DomainRef dom, String to, DomainCoreDumpFormat format, Set<DomainCoreDumpFlag> flags) {
        throw Unsupported.of(ErrorDomain.DOMAIN, "virDomainCoreDumpWithFormat");
    }
}
