package org.jvirt;

import java.util.HashMap;
import java.util.Map;

/**
 * libvirt's {@code virErrorNumber}: the same integers, and the same two message templates per code
 * (the one used without a detail, and the one with a {@code %s} for the detail), so that messages read
 * exactly like libvirt's.
 */
public enum ErrorNumber {
    OK(0, null, null),
    INTERNAL_ERROR(1, "internal error", "internal error: %s"),
    NO_MEMORY(2, "out of memory", "out of memory: %s"),
    NO_SUPPORT(3, "this function is not supported by the connection driver", "this function is not supported by the connection driver: %s"),
    UNKNOWN_HOST(4, "unknown host", "unknown host %s"),
    NO_CONNECT(5, "no connection driver available", "no connection driver available for %s"),
    INVALID_CONN(6, "invalid connection pointer in", "invalid connection pointer in %s"),
    INVALID_DOMAIN(7, "invalid domain pointer in", "invalid domain pointer in %s"),
    INVALID_ARG(8, "invalid argument", "invalid argument: %s"),
    OPERATION_FAILED(9, "operation failed", "operation failed: %s"),
    GET_FAILED(10, "GET operation failed", "GET operation failed: %s"),
    POST_FAILED(11, "POST operation failed", "POST operation failed: %s"),
    HTTP_ERROR(12, "got unknown HTTP error code", "got unknown HTTP error code %s"),
    SEXPR_SERIAL(13, "failed to serialize S-Expr", "failed to serialize S-Expr: %s"),
    NO_XEN(14, "could not use Xen hypervisor entry", "could not use Xen hypervisor entry %s"),
    XEN_CALL(15, "failed Xen syscall", "failed Xen syscall %s"),
    OS_TYPE(16, "unknown OS type", "unknown OS type %s"),
    NO_KERNEL(17, "missing kernel information", "missing kernel information: %s"),
    NO_ROOT(18, "missing root device information", "missing root device information in %s"),
    NO_SOURCE(19, "missing source information for device", "missing source information for device %s"),
    NO_TARGET(20, "missing target information for device", "missing target information for device %s"),
    NO_NAME(21, "missing name information", "missing name information in %s"),
    NO_OS(22, "missing operating system information", "missing operating system information for %s"),
    NO_DEVICE(23, "missing devices information", "missing devices information for %s"),
    NO_XENSTORE(24, "could not connect to Xen Store", "could not connect to Xen Store %s"),
    DRIVER_FULL(25, "too many drivers registered", "too many drivers registered in %s"),
    CALL_FAILED(26, "library call failed", "library call failed: %s"),
    XML_ERROR(27, "XML description is invalid or not well formed", "XML error: %s"),
    DOM_EXIST(28, "this domain exists already", "domain %s exists already"),
    OPERATION_DENIED(29, "operation forbidden for read only access", "operation forbidden: %s"),
    OPEN_FAILED(30, "failed to open configuration file", "failed to open configuration file %s"),
    READ_FAILED(31, "failed to read configuration file", "failed to read configuration file %s"),
    PARSE_FAILED(32, "failed to parse configuration file", "failed to parse configuration file %s"),
    CONF_SYNTAX(33, "configuration file syntax error", "configuration file syntax error: %s"),
    WRITE_FAILED(34, "failed to write configuration file", "failed to write configuration file: %s"),
    XML_DETAIL(35, "parser error", "%s"),
    INVALID_NETWORK(36, "invalid network pointer in", "invalid network pointer in %s"),
    NETWORK_EXIST(37, "this network exists already", "network %s exists already"),
    SYSTEM_ERROR(38, "system call error", "%s"),
    RPC(39, "RPC error", "%s"),
    GNUTLS_ERROR(40, "GNUTLS call error", "%s"),
    WAR_NO_NETWORK(41, "Failed to find the network", "Failed to find the network: %s"),
    NO_DOMAIN(42, "Domain not found", "Domain not found: %s"),
    NO_NETWORK(43, "Network not found", "Network not found: %s"),
    INVALID_MAC(44, "invalid MAC address", "invalid MAC address: %s"),
    AUTH_FAILED(45, "authentication failed", "authentication failed: %s"),
    INVALID_STORAGE_POOL(46, "invalid storage pool pointer in", "invalid storage pool pointer in %s"),
    INVALID_STORAGE_VOL(47, "invalid storage volume pointer in", "invalid storage volume pointer in %s"),
    WAR_NO_STORAGE(48, "Failed to find a storage driver", "Failed to find a storage driver: %s"),
    NO_STORAGE_POOL(49, "Storage pool not found", "Storage pool not found: %s"),
    NO_STORAGE_VOL(50, "Storage volume not found", "Storage volume not found: %s"),
    WAR_NO_NODE(51, "Failed to find a node driver", "Failed to find a node driver: %s"),
    INVALID_NODE_DEVICE(52, "invalid node device pointer", "invalid node device pointer in %s"),
    NO_NODE_DEVICE(53, "Node device not found", "Node device not found: %s"),
    NO_SECURITY_MODEL(54, "Security model not found", "Security model not found: %s"),
    OPERATION_INVALID(55, "Requested operation is not valid", "Requested operation is not valid: %s"),
    WAR_NO_INTERFACE(56, "Failed to find the interface", "Failed to find the interface: %s"),
    NO_INTERFACE(57, "Interface not found", "Interface not found: %s"),
    INVALID_INTERFACE(58, "invalid interface pointer in", "invalid interface pointer in %s"),
    MULTIPLE_INTERFACES(59, "multiple matching interfaces found", "multiple matching interfaces found: %s"),
    WAR_NO_NWFILTER(60, "Failed to start the nwfilter driver", "Failed to start the nwfilter driver: %s"),
    INVALID_NWFILTER(61, "Invalid network filter", "Invalid network filter: %s"),
    NO_NWFILTER(62, "Network filter not found", "Network filter not found: %s"),
    BUILD_FIREWALL(63, "Error while building firewall", "Error while building firewall: %s"),
    WAR_NO_SECRET(64, "Failed to find a secret storage driver", "Failed to find a secret storage driver: %s"),
    INVALID_SECRET(65, "Invalid secret", "Invalid secret: %s"),
    NO_SECRET(66, "Secret not found", "Secret not found: %s"),
    CONFIG_UNSUPPORTED(67, "unsupported configuration", "unsupported configuration: %s"),
    OPERATION_TIMEOUT(68, "Timed out during operation", "Timed out during operation: %s"),
    MIGRATE_PERSIST_FAILED(69, "Failed to make domain persistent after migration", "Failed to make domain persistent after migration: %s"),
    HOOK_SCRIPT_FAILED(70, "Hook script execution failed", "Hook script execution failed: %s"),
    INVALID_DOMAIN_SNAPSHOT(71, "Invalid domain snapshot", "Invalid domain snapshot: %s"),
    NO_DOMAIN_SNAPSHOT(72, "Domain snapshot not found", "Domain snapshot not found: %s"),
    INVALID_STREAM(73, "invalid stream pointer", "invalid stream pointer in %s"),
    ARGUMENT_UNSUPPORTED(74, "argument unsupported", "argument unsupported: %s"),
    STORAGE_PROBE_FAILED(75, "Storage pool probe failed", "Storage pool probe failed: %s"),
    STORAGE_POOL_BUILT(76, "Storage pool already built", "Storage pool already built: %s"),
    SNAPSHOT_REVERT_RISKY(77, "revert requires force", "revert requires force: %s"),
    OPERATION_ABORTED(78, "operation aborted", "operation aborted: %s"),
    AUTH_CANCELLED(79, "authentication cancelled", "authentication cancelled: %s"),
    NO_DOMAIN_METADATA(80, "metadata not found", "metadata not found: %s"),
    MIGRATE_UNSAFE(81, "Unsafe migration", "Unsafe migration: %s"),
    OVERFLOW(82, "numerical overflow", "numerical overflow: %s"),
    BLOCK_COPY_ACTIVE(83, "block copy still active", "block copy still active: %s"),
    OPERATION_UNSUPPORTED(84, "Operation not supported", "Operation not supported: %s"),
    SSH(85, "SSH transport error", "SSH transport error: %s"),
    AGENT_UNRESPONSIVE(86, "Guest agent is not responding", "Guest agent is not responding: %s"),
    RESOURCE_BUSY(87, "resource busy", "resource busy: %s"),
    ACCESS_DENIED(88, "access denied", "access denied: %s"),
    DBUS_SERVICE(89, "error from service", "error from service: %s"),
    STORAGE_VOL_EXIST(90, "this storage volume exists already", "storage volume %s exists already"),
    CPU_INCOMPATIBLE(91, "the CPU is incompatible with host CPU", "the CPU is incompatible with host CPU: %s"),
    XML_INVALID_SCHEMA(92, "XML document failed to validate against schema", "XML document failed to validate against schema: %s"),
    MIGRATE_FINISH_OK(93, "migration successfully aborted", "migration successfully aborted: %s"),
    AUTH_UNAVAILABLE(94, "authentication unavailable", "authentication unavailable: %s"),
    NO_SERVER(95, "Server not found", "Server not found: %s"),
    NO_CLIENT(96, "Client not found", "Client not found: %s"),
    AGENT_UNSYNCED(97, "guest agent replied with wrong id to guest-sync command", "guest agent replied with wrong id to guest-sync command: %s"),
    LIBSSH(98, "libssh transport error", "libssh transport error: %s"),
    DEVICE_MISSING(99, "device not found", "device not found: %s"),
    INVALID_NWFILTER_BINDING(100, "Invalid network filter binding", "Invalid network filter binding: %s"),
    NO_NWFILTER_BINDING(101, "Network filter binding not found", "Network filter binding not found: %s"),
    INVALID_DOMAIN_CHECKPOINT(102, "Invalid domain checkpoint", "Invalid domain checkpoint: %s"),
    NO_DOMAIN_CHECKPOINT(103, "Domain checkpoint not found", "Domain checkpoint not found: %s"),
    NO_DOMAIN_BACKUP(104, "Domain backup job id not found", "Domain backup job id not found: %s"),
    INVALID_NETWORK_PORT(105, "Invalid network port pointer", "Invalid network port pointer: %s"),
    NETWORK_PORT_EXIST(106, "this network port exists already", "network port %s exists already"),
    NO_NETWORK_PORT(107, "network port not found", "network port not found: %s"),
    NO_HOSTNAME(108, "no hostname found", "no hostname found: %s"),
    CHECKPOINT_INCONSISTENT(109, "checkpoint inconsistent", "checkpoint inconsistent: %s"),
    MULTIPLE_DOMAINS(110, "multiple matching domains found", "multiple matching domains found: %s");
    private static final Map<Integer, ErrorNumber> BY_CODE = new HashMap<>();

    static {
        for (ErrorNumber n : values()) {
            BY_CODE.put(n.code, n);
        }
    }

    private final int code;
    private final String message;
    private final String messageWithDetail;

    ErrorNumber(int code, String message, String messageWithDetail) {
        this.code = code;
        this.message = message;
        this.messageWithDetail = messageWithDetail;
    }

    /** libvirt's integer for this error. */
    public int code() {
        return code;
    }

    /** The template libvirt uses with a detail ({@code %s}) or without one. */
    public String template(boolean withDetail) {
        return withDetail ? messageWithDetail : message;
    }

    /** The full message libvirt would print for this code and detail. */
    public String format(String detail) {
        if (message == null) {
            return detail;
        }
        return detail == null ? message : messageWithDetail.replace("%s", detail);
    }

    /** The code for a libvirt integer; {@code null} when this version of jvirt does not know it. */
    public static ErrorNumber fromCode(int code) {
        return BY_CODE.get(code);
    }
}
