package org.jvirt.driver.qemu.device;

import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.driver.qemu.lifecycle.Queries;
import org.jvirt.flags.DomainMemoryModFlag;
import org.jvirt.xml.domain.DomainXml;

/**
 * virDomainSetMemoryFlags and virDomainSetMaxMemory (libvirt's qemuDomainSetMemoryFlags): the balloon for the
 * running guest, {@code <currentMemory>} of the persistent config, and with MAXIMUM the config's
 * {@code <memory>} (a running guest's cannot grow).
 */
public final class MemoryConfig {

    private final DriverContext ctx;
    private final Queries queries;

    public MemoryConfig(DriverContext ctx, Queries queries) {
        this.ctx = ctx;
        this.queries = queries;
    }

    public void set(DomainObj dom, long kib, Set<DomainMemoryModFlag> flags) {
        dom.beginJob("set memory");
        try {
            Impact imp = Impact.of(dom, flags.contains(DomainMemoryModFlag.LIVE),
                    flags.contains(DomainMemoryModFlag.CONFIG));
            DomainXml persistent = imp.config() ? Impact.persistentCopy(dom) : null;
            if (flags.contains(DomainMemoryModFlag.MAXIMUM)) {
                if (imp.live()) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                            "cannot resize the maximum memory on an active domain");
                }
                if (persistent.maxMemoryKiB() != null && persistent.maxMemoryKiB() < kib) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                            "cannot set initial memory size greater than the maximum memory size");
                }
                persistent.memoryKiB(kib);
                Long cur = persistent.currentMemoryKiB();
                if (cur != null && cur > kib) {
                    persistent.currentMemoryKiB(kib);
                }
            } else {
                long max = imp.live() ? dom.requireRun().liveDef().memoryKiB() : 0;
                if (persistent != null && (!imp.live() || max > persistent.memoryKiB())) {
                    max = persistent.memoryKiB();
                }
                if (kib > max) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                            "cannot set memory higher than max memory");
                }
                if (imp.live()) {
                    queries.setMemory(dom, kib);
                }
                if (persistent != null) {
                    persistent.currentMemoryKiB(kib);
                }
            }
            if (persistent != null) {
                ctx.store().writeConfig(persistent);
                Impact.setPersistent(dom, persistent);
            }
        } finally {
            dom.endJob();
        }
    }
}
