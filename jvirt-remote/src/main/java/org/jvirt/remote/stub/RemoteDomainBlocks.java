package org.jvirt.remote.stub;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jvirt.DomainBlockJobInfo;
import org.jvirt.DomainBlockJobType;
import org.jvirt.DomainCoreDumpFormat;
import org.jvirt.Flags;
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
import org.jvirt.remote.client.Rpc;
import org.jvirt.rpc.TypedParams;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomain;
import org.jvirt.rpc.proto.remote.DomainProcedures;
import org.jvirt.rpc.proto.remote.DomainStateProcedures;
import org.jvirt.rpc.proto.remote.DomainStateTypes.RemoteDomainGetBlockJobInfoArgs;
import org.jvirt.rpc.proto.remote.DomainStateTypes.RemoteDomainGetBlockJobInfoRet;
import org.jvirt.rpc.proto.remote.DomainStatsProcedures;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.*;
import org.jvirt.rpc.proto.remote.DomainTypes.RemoteDomainCoreDumpArgs;
import org.jvirt.rpc.proto.remote.DomainTypes.RemoteDomainCoreDumpWithFormatArgs;
import org.jvirt.spi.DomainBlockDriver;
import org.jvirt.spi.DomainRef;

/**
 * Block jobs, resize, peeks and core dumps over the wire, one procedure each. A RAW dump goes by the old
 * DOMAIN_CORE_DUMP procedure, as virsh's plain dump calls virDomainCoreDump.
 */
public final class RemoteDomainBlocks implements DomainBlockDriver {

    private final Rpc rpc;

    public RemoteDomainBlocks(Rpc rpc) {
        this.rpc = rpc;
    }

    private static RemoteNonnullDomain w(DomainRef d) {
        return Refs.wire(d);
    }

    @Override
    public void blockPull(DomainRef dom, String disk, long bandwidth, Set<DomainBlockPullFlag> flags) {
        rpc.call(DomainStatsProcedures.DOMAIN_BLOCK_PULL,
                new RemoteDomainBlockPullArgs(w(dom), disk, bandwidth, Flags.toBits(flags)));
    }

    @Override
    public void blockRebase(DomainRef dom, String disk, String base, long bandwidth,
                            Set<DomainBlockRebaseFlag> flags) {
        rpc.call(DomainStatsProcedures.DOMAIN_BLOCK_REBASE,
                new RemoteDomainBlockRebaseArgs(w(dom), disk, base, bandwidth, Flags.toBits(flags)));
    }

    @Override
    public void blockCopy(DomainRef dom, String disk, String destXml, List<TypedParameter> params,
                          Set<DomainBlockCopyFlag> flags) {
        rpc.call(DomainStatsProcedures.DOMAIN_BLOCK_COPY, new RemoteDomainBlockCopyArgs(w(dom), disk, destXml,
                TypedParams.toWire(params), Flags.toBits(flags)));
    }

    @Override
    public void blockCommit(DomainRef dom, String disk, String base, String top, long bandwidth,
                            Set<DomainBlockCommitFlag> flags) {
        rpc.call(DomainStatsProcedures.DOMAIN_BLOCK_COMMIT,
                new RemoteDomainBlockCommitArgs(w(dom), disk, base, top, bandwidth, Flags.toBits(flags)));
    }

    @Override
    public Optional<DomainBlockJobInfo> getBlockJobInfo(DomainRef dom, String disk,
                                                        Set<DomainBlockJobInfoFlag> flags) {
        RemoteDomainGetBlockJobInfoRet r = rpc.call(DomainStateProcedures.DOMAIN_GET_BLOCK_JOB_INFO,
                new RemoteDomainGetBlockJobInfoArgs(w(dom), disk, Flags.toBits(flags)));
        if (r.found() == 0) {
            return Optional.empty();
        }
        return Optional.of(new DomainBlockJobInfo(DomainBlockJobType.fromCode(r.type()), r.bandwidth(), r.cur(),
                r.end()));
    }

    @Override
    public void blockJobAbort(DomainRef dom, String disk, Set<DomainBlockJobAbortFlag> flags) {
        rpc.call(DomainStatsProcedures.DOMAIN_BLOCK_JOB_ABORT,
                new RemoteDomainBlockJobAbortArgs(w(dom), disk, Flags.toBits(flags)));
    }

    @Override
    public void blockJobSetSpeed(DomainRef dom, String disk, long bandwidth, Set<DomainBlockJobSetSpeedFlag> flags) {
        rpc.call(DomainStatsProcedures.DOMAIN_BLOCK_JOB_SET_SPEED,
                new RemoteDomainBlockJobSetSpeedArgs(w(dom), disk, bandwidth, Flags.toBits(flags)));
    }

    @Override
    public void blockResize(DomainRef dom, String disk, long size, Set<DomainBlockResizeFlag> flags) {
        rpc.call(DomainStatsProcedures.DOMAIN_BLOCK_RESIZE,
                new RemoteDomainBlockResizeArgs(w(dom), disk, size, Flags.toBits(flags)));
    }

    @Override
    public byte[] blockPeek(DomainRef dom, String disk, long offset, int size) {
        return rpc.call(DomainStatsProcedures.DOMAIN_BLOCK_PEEK,
                new RemoteDomainBlockPeekArgs(w(dom), disk, offset, size, 0)).buffer();
    }

    @Override
    public byte[] memoryPeek(DomainRef dom, long start, int size, Set<DomainMemoryPeekFlag> flags) {
        return rpc.call(DomainStatsProcedures.DOMAIN_MEMORY_PEEK,
                new RemoteDomainMemoryPeekArgs(w(dom), start, size, Flags.toBits(flags))).buffer();
    }

    @Override
    public void coreDump(DomainRef dom, String to, DomainCoreDumpFormat format, Set<DomainCoreDumpFlag> flags) {
        if (format == DomainCoreDumpFormat.RAW) {
            rpc.call(DomainProcedures.DOMAIN_CORE_DUMP, new RemoteDomainCoreDumpArgs(w(dom), to, Flags.toBits(flags)));
        } else {
            rpc.call(DomainProcedures.DOMAIN_CORE_DUMP_WITH_FORMAT,
                    new RemoteDomainCoreDumpWithFormatArgs(w(dom), to, format.code(), Flags.toBits(flags)));
        }
    }
}
