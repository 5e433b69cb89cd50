package org.jvirt.driver.qemu;

import java.util.BitSet;
import java.util.List;
import java.util.Set;

import org.jvirt.DomainIOThreadInfo;
import org.jvirt.TypedParameter;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.spi.DomainRef;
import org.jvirt.spi.DomainTuningDriver;

/**
 * The QEMU driver's tuning entry points. So far the IOThreads (iothreadinfo, iothreadpin, iothreadadd, iothreaddel,
 * iothreadset); the other tuning families answer "not supported" from the SPI's defaults.
 */
final class QemuDomainTuning implements DomainTuningDriver {

    private final QemuDriverState st;

    QemuDomainTuning(QemuDriverState st) {
        this.st = st;
    }

    private DomainObj get(DomainRef ref) {
        return st.ctx.store().get(ref);
    }

    @Override
    public List<DomainIOThreadInfo> getIOThreadInfo(DomainRef dom, Set<DomainModificationImpact> flags) {
        return st.iothreads.info(get(dom), flags);
    }

    @Override
    public void pinIOThread(DomainRef dom, int iothreadId, BitSet cpus, Set<DomainModificationImpact> flags) {
        st.iothreads.pin(get(dom), iothreadId, cpus, flags);
    }

    @Override
    public void addIOThread(DomainRef dom, int iothreadId, Set<DomainModificationImpact> flags) {
        st.iothreads.add(get(dom), iothreadId, flags);
    }

    @Override
    public void delIOThread(DomainRef dom, int iothreadId, Set<DomainModificationImpact> flags) {
        st.iothreads.del(get(dom), iothreadId, flags);
    }

    @Override
    public void setIOThreadParams(DomainRef dom, int iothreadId, List<TypedParameter> params,
                                  Set<DomainModificationImpact> flags) {
        st.iothreads.setParams(get(dom), iothreadId, params, flags);
    }
}
