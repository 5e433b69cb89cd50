package org.jvirt.daemon.admin;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.TypedParameter;
import org.jvirt.TypedParameters;
import org.jvirt.VirtException;
import org.jvirt.daemon.session.Admission;
import org.jvirt.daemon.session.WorkerPool;

import static org.jvirt.rpc.AdminParams.*;

/**
 * One server of the daemon as the admin interface manages it (libvirt's virNetServer): its name, its worker
 * pool, its client limits and clients, and how it reloads its TLS certificates. jvirtd has two, named as
 * libvirtd's are so that scripts written for virt-admin work unchanged: {@code libvirtd} (the main sockets) and
 * {@code admin} (the admin socket).
 */
public final class ManagedServer {

    /** Reloads the server's TLS certificates and keys from their files. */
    @FunctionalInterface
    public interface TlsReload {
        void reload() throws Exception;
    }

    /** The TLS reload of a server without a TLS listener: libvirt's error. */
    public static final TlsReload NO_TLS = () -> {
        throw noTls();
    };

    /** virNetServerUpdateTlsFiles on a server without a TLS context. */
    public static VirtException noTls() {
        return VirtException.of(ErrorDomain.RPC, ErrorNumber.INTERNAL_ERROR,
                "no tls service found, unable to update tls files");
    }

    private final String name;
    private final WorkerPool pool;
    private final Admission admission;
    private final ServerClients clients;
    private final TlsReload tls;
    private volatile int minWorkers;

    /**
     * @param minWorkers the configured min_workers (virtual threads need no idle workers; it is reported and
     *                   checked against the maximum, as libvirt checks it)
     * @param tls        reloads the TLS listener's certificates ({@link #NO_TLS} when there is none)
     */
    public ManagedServer(String name, WorkerPool pool, int minWorkers, Admission admission, ServerClients clients,
                         TlsReload tls) {
        this.name = name;
        this.pool = pool;
        this.minWorkers = minWorkers;
        this.admission = admission;
        this.clients = clients;
        this.tls = tls;
    }

    public String name() {
        return name;
    }

    public ServerClients clients() {
        return clients;
    }

    /**
     * virNetServerGetThreadPoolParameters. Calls run on virtual threads that hold a worker permit, so a worker
     * "exists" while it serves a call: the pool reports at least {@code minWorkers} workers (libvirt keeps that
     * many threads), more while more calls run, and the idle ones as free.
     */
    public List<TypedParameter> threadPoolParameters() {
        WorkerPool.Snapshot s = pool.snapshot();
        int current = Math.max(Math.min(minWorkers, s.maxWorkers()), s.normalBusy());
        return List.of(
                TypedParameter.ofUint(WORKERS_MIN, minWorkers),
                TypedParameter.ofUint(WORKERS_MAX, s.maxWorkers()),
                TypedParameter.ofUint(WORKERS_CURRENT, current),
                TypedParameter.ofUint(WORKERS_FREE, current - s.normalBusy()),
                TypedParameter.ofUint(WORKERS_PRIORITY, s.prioWorkers()),
                TypedParameter.ofUint(JOB_QUEUE_DEPTH, s.waiting()));
    }

    /** adminServerSetThreadPoolParameters + virThreadPoolSetParameters, with libvirt's checks and words. */
    public synchronized void setThreadPoolParameters(List<TypedParameter> params) {
        TypedParameters.validate(params, TypedParameters.fields(WORKERS_MIN, TypedParameter.Type.UINT,
                WORKERS_MAX, TypedParameter.Type.UINT, WORKERS_PRIORITY, TypedParameter.Type.UINT));
        long min = uint(params, WORKERS_MIN);
        long max = uint(params, WORKERS_MAX);
        long prio = uint(params, WORKERS_PRIORITY);
        WorkerPool.Snapshot s = pool.snapshot();
        long effMax = max >= 0 ? max : s.maxWorkers();
        long effMin = min >= 0 ? min : minWorkers;
        if (effMin > effMax) {
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG,
                    "minWorkers cannot be larger than maxWorkers");
        }
        if (max == 0) {
            // jvirtd's pool always has workers (libvirt's max_workers must be > 0 in the config too)
            throw VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG,
                    "maxWorkers must not be switched from zero to non-zero and vice versa");
        }
        pool.setLimits(clamp(max), clamp(prio));
        if (min >= 0) {
            minWorkers = clamp(min);
        }
    }

    /** adminServerGetClientLimits. */
    public List<TypedParameter> clientLimits() {
        return List.of(
                TypedParameter.ofUint(CLIENTS_MAX, admission.maxClients()),
                TypedParameter.ofUint(CLIENTS_CURRENT, admission.clients()),
                TypedParameter.ofUint(CLIENTS_UNAUTH_MAX, admission.maxAnonymous()),
                TypedParameter.ofUint(CLIENTS_UNAUTH_CURRENT, admission.anonymous()));
    }

    /** adminServerSetClientLimits + virNetServerSetClientLimits. */
    public synchronized void setClientLimits(List<TypedParameter> params) {
        TypedParameters.validate(params, TypedParameters.fields(CLIENTS_MAX, TypedParameter.Type.UINT,
                CLIENTS_UNAUTH_MAX, TypedParameter.Type.UINT));
        long max = uint(params, CLIENTS_MAX);
        long unauth = uint(params, CLIENTS_UNAUTH_MAX);
        long effMax = max >= 0 ? max : admission.maxClients();
        long effUnauth = unauth >= 0 ? unauth : admission.maxAnonymous();
        if (effMax < effUnauth) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.INVALID_ARG,
                    "The overall maximum number of clients waiting for authentication must not be less than the "
                            + "overall maximum number of clients");
        }
        admission.setLimits(clamp(effMax), clamp(effUnauth));
    }

    /** virNetServerUpdateTlsFiles. */
    public void updateTlsFiles() {
        try {
            tls.reload();
        } catch (VirtException e) {
            throw e;
        } catch (Exception e) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR,
                    "Unable to reload the TLS certificates of server '%s': %s", name, e.getMessage());
        }
    }

    /** The unsigned value of a UINT parameter, or -1 when absent (libvirt's "keep the current value"). */
    private static long uint(List<TypedParameter> params, String field) {
        for (TypedParameter p : params) {
            if (p.field().equals(field)) {
                return Integer.toUnsignedLong((Integer) p.value());
            }
        }
        return -1;
    }

    private static int clamp(long v) {
        return v < 0 ? -1 : (int) Math.min(v, Integer.MAX_VALUE);
    }
}
