package org.jvirt;

/** The typed-parameter names of virDomainSetIOThreadParams (libvirt-domain.h's VIR_DOMAIN_IOTHREAD_*). */
public final class DomainIOThreadParams {

    /** ULLONG: the longest time an IOThread polls before it sleeps, in ns; 0 turns polling off. */
    public static final String POLL_MAX_NS = "poll_max_ns";
    /** UINT: how much the polling time grows; 0 lets the hypervisor choose. */
    public static final String POLL_GROW = "poll_grow";
    /** UINT: by how much the polling time shrinks; 0 lets the hypervisor choose. */
    public static final String POLL_SHRINK = "poll_shrink";
    /** INT: the fewest worker threads of the IOThread's pool; -1 for the hypervisor's default. */
    public static final String THREAD_POOL_MIN = "thread_pool_min";
    /** INT: the most worker threads of the IOThread's pool; -1 for the hypervisor's default. */
    public static final String THREAD_POOL_MAX = "thread_pool_max";

    private DomainIOThreadParams() {
    }
}
