package org.jvirt.driver.test;

import java.util.Set;

import org.jvirt.DomainCoreDumpFormat;
import org.jvirt.ErrorNumber;
import org.jvirt.Flags;
import org.jvirt.flags.DomainCoreDumpFlag;
import org.jvirt.flags.DomainMemoryPeekFlag;
import org.jvirt.spi.DomainBlockDriver;
import org.jvirt.spi.DomainRef;

/**
 * What libvirt 9.0's test driver has of the block and memory table: the core dump (testDomainCoreDumpWithFormat,
 * written by {@link DomainQueries#coreDump}) and testDomainMemoryPeek, whose memory reads as bytes counting up
 * from the start address. Block jobs, resize and block peeks it does not have, so neither does this.
 */
final class TestDomainBlocks implements DomainBlockDriver {

    private final TestState st;
    private final DomainQueries queries;

    TestDomainBlocks(TestState st) {
        this.st = st;
        this.queries = new DomainQueries(st);
    }

    @Override
    public void coreDump(DomainRef dom, String to, DomainCoreDumpFormat format, Set<DomainCoreDumpFlag> flags) {
        queries.coreDump(dom, to, format.code(), Flags.toBits(flags));
    }

    @Override
    public byte[] memoryPeek(DomainRef dom, long start, int size, Set<DomainMemoryPeekFlag> flags) {
        if (flags.size() != 1) {
            throw Errors.test(ErrorNumber.INVALID_ARG,
                    "flags parameter must be VIR_MEMORY_VIRTUAL or VIR_MEMORY_PHYSICAL");
        }
        synchronized (st) {
            if (!TestDomains.obj(st, dom).isActive()) {
                throw Errors.domainNotRunning();
            }
        }
        byte[] out = new byte[size];
        byte b = (byte) start;
        for (int i = 0; i < size; i++) {
            out[i] = b++;
        }
        return out;
    }
}
