package org.jvirt.daemon.dispatch;

import static org.jvirt.daemon.dispatch.Wire.dom;

import java.util.Optional;

import org.jvirt.DomainBlockJobInfo;
import org.jvirt.DomainCoreDumpFormat;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
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
import org.jvirt.rpc.TypedParams;
import org.jvirt.rpc.proto.remote.DomainProcedures;
import org.jvirt.rpc.proto.remote.DomainStateProcedures;
import org.jvirt.rpc.proto.remote.DomainStateTypes.RemoteDomainGetBlockJobInfoRet;
import org.jvirt.rpc.proto.remote.DomainStatsProcedures;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.RemoteDomainBlockPeekRet;
import org.jvirt.rpc.proto.remote.DomainStatsTypes.RemoteDomainMemoryPeekRet;
import org.jvirt.rpc.proto.remote.RemoteConstants;

/**
 * Block jobs (pull, rebase, copy, commit, info, abort, speed), block resize, block and memory peeks, core dumps.
 * The peeks refuse a size over the wire's buffer before asking the driver, as libvirtd does.
 */
final class DomainBlockServe {

    private DomainBlockServe() {
    }

    static void register(DispatchTable t) {
        t.on(DomainStatsProcedures.DOMAIN_BLOCK_PULL, (c, a) -> {
            dom(c.conn(), a.dom()).blockPull(a.path(), a.bandwidth(), c.flags(DomainBlockPullFlag.class, a.flags()));
            return null;
        });
        t.on(DomainStatsProcedures.DOMAIN_BLOCK_REBASE, (c, a) -> {
            dom(c.conn(), a.dom()).blockRebase(a.path(), a.base(), a.bandwidth(),
                    c.flags(DomainBlockRebaseFlag.class, a.flags()));
            return null;
        });
        t.on(DomainStatsProcedures.DOMAIN_BLOCK_COPY, (c, a) -> {
            dom(c.conn(), a.dom()).blockCopy(a.path(), a.destxml(), TypedParams.fromWire(a.params()),
                    c.flags(DomainBlockCopyFlag.class, a.flags()));
            return null;
        });
        t.on(DomainStatsProcedures.DOMAIN_BLOCK_COMMIT, (c, a) -> {
            dom(c.conn(), a.dom()).blockCommit(a.disk(), a.base(), a.top(), a.bandwidth(),
                    c.flags(DomainBlockCommitFlag.class, a.flags()));
            return null;
        });
        t.on(DomainStateProcedures.DOMAIN_GET_BLOCK_JOB_INFO, (c, a) -> {
            Optional<DomainBlockJobInfo> info = dom(c.conn(), a.dom()).getBlockJobInfo(a.path(),
                    c.flags(DomainBlockJobInfoFlag.class, a.flags()));
            return info.map(i -> new RemoteDomainGetBlockJobInfoRet(1, i.type().code(), i.bandwidth(), i.cur(),
                    i.end())).orElseGet(() -> new RemoteDomainGetBlockJobInfoRet(0, 0, 0, 0, 0));
        });
        t.on(DomainStatsProcedures.DOMAIN_BLOCK_JOB_ABORT, (c, a) -> {
            dom(c.conn(), a.dom()).blockJobAbort(a.path(), c.flags(DomainBlockJobAbortFlag.class, a.flags()));
            return null;
        });
        t.on(DomainStatsProcedures.DOMAIN_BLOCK_JOB_SET_SPEED, (c, a) -> {
            dom(c.conn(), a.dom()).blockJobSetSpeed(a.path(), a.bandwidth(),
                    c.flags(DomainBlockJobSetSpeedFlag.class, a.flags()));
            return null;
        });
        t.on(DomainStatsProcedures.DOMAIN_BLOCK_RESIZE, (c, a) -> {
            dom(c.conn(), a.dom()).blockResize(a.disk(), a.size(), c.flags(DomainBlockResizeFlag.class, a.flags()));
            return null;
        });
        t.on(DomainStatsProcedures.DOMAIN_BLOCK_PEEK, (c, a) -> {
            tooBig(Integer.toUnsignedLong(a.size()), RemoteConstants.REMOTE_DOMAIN_BLOCK_PEEK_BUFFER_MAX);
            c.noFlags(a.flags());
            return new RemoteDomainBlockPeekRet(dom(c.conn(), a.dom()).blockPeek(a.path(), a.offset(), a.size()));
        });
        t.on(DomainStatsProcedures.DOMAIN_MEMORY_PEEK, (c, a) -> {
            tooBig(Integer.toUnsignedLong(a.size()), RemoteConstants.REMOTE_DOMAIN_MEMORY_PEEK_BUFFER_MAX);
            return new RemoteDomainMemoryPeekRet(dom(c.conn(), a.dom()).memoryPeek(a.offset(), a.size(),
                    c.flags(DomainMemoryPeekFlag.class, a.flags())));
        });
        t.on(DomainProcedures.DOMAIN_CORE_DUMP, (c, a) -> {
            dom(c.conn(), a.dom()).coreDump(a.to(), c.flags(DomainCoreDumpFlag.class, a.flags()));
            return null;
        });
        t.on(DomainProcedures.DOMAIN_CORE_DUMP_WITH_FORMAT, (c, a) -> {
            DomainCoreDumpFormat f = DomainCoreDumpFormat.fromCode(a.dumpformat());
            if (f == null) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                        "dumpformat '%d' is not supported", a.dumpformat());
            }
            dom(c.conn(), a.dom()).coreDumpWithFormat(a.to(), f, c.flags(DomainCoreDumpFlag.class, a.flags()));
            return null;
        });
    }

    private static void tooBig(long size, int max) {
        if (size > max) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR, "size > maximum buffer size");
        }
    }
}
