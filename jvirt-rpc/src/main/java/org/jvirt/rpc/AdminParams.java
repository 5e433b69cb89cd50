package org.jvirt.rpc;

/**
 * The typed-parameter names of libvirt's admin API (libvirt-admin.h), for both ends: the daemon fills them, the
 * admin client reads them.
 */
public final class AdminParams {

    private AdminParams() {
    }

    // VIR_THREADPOOL_*: virAdmServerGetThreadPoolParameters / Set
    public static final String WORKERS_MIN = "minWorkers";
    public static final String WORKERS_MAX = "maxWorkers";
    public static final String WORKERS_PRIORITY = "prioWorkers";
    public static final String WORKERS_FREE = "freeWorkers";
    public static final String WORKERS_CURRENT = "nWorkers";
    public static final String JOB_QUEUE_DEPTH = "jobQueueDepth";

    // VIR_SERVER_CLIENTS_*: virAdmServerGetClientLimits / Set
    public static final String CLIENTS_MAX = "nclients_max";
    public static final String CLIENTS_CURRENT = "nclients";
    public static final String CLIENTS_UNAUTH_MAX = "nclients_unauth_max";
    public static final String CLIENTS_UNAUTH_CURRENT = "nclients_unauth";

    // VIR_CLIENT_INFO_*: virAdmClientGetInfo
    public static final String CLIENT_READONLY = "readonly";
    public static final String CLIENT_SOCKET_ADDR = "sock_addr";
    public static final String CLIENT_SASL_USER_NAME = "sasl_user_name";
    public static final String CLIENT_X509_DNAME = "tls_x509_dname";
    public static final String CLIENT_UNIX_USER_ID = "unix_user_id";
    public static final String CLIENT_UNIX_USER_NAME = "unix_user_name";
    public static final String CLIENT_UNIX_GROUP_ID = "unix_group_id";
    public static final String CLIENT_UNIX_GROUP_NAME = "unix_group_name";
    public static final String CLIENT_UNIX_PROCESS_ID = "unix_process_id";
    public static final String CLIENT_SELINUX_CONTEXT = "selinux_context";
}
