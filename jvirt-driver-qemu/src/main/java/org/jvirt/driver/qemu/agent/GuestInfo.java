package org.jvirt.driver.qemu.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;

/**
 * virDomainGetGuestInfo and the guest's own vCPU states, as libvirt's typed parameters: names, order and the
 * rule that, when no category is asked for, one the agent lacks is left out rather than failing.
 */
public final class GuestInfo {

    /** virDomainGuestInfoTypes bits, in the order libvirt gathers them. */
    private static final int USERS = 1;
    private static final int OS = 2;
    private static final int TIMEZONE = 4;
    private static final int HOSTNAME = 8;
    private static final int FILESYSTEM = 16;
    private static final int DISKS = 32;
    private static final int INTERFACES = 64;
    private static final int ALL = 127;
    /** qemu-ga's guest-get-osinfo member and libvirt's parameter for it, in libvirt's order. */
    private static final String[][] OS_PARAMS = {{"id", "os.id"}, {"name", "os.name"},
        {"pretty-name", "os.pretty-name"}, {"version", "os.version"}, {"version-id", "os.version-id"},
        {"machine", "os.machine"}, {"variant", "os.variant"}, {"variant-id", "os.variant-id"},
        {"kernel-release", "os.kernel-release"}, {"kernel-version", "os.kernel-version"}};

    private final GuestAgent agent;
    private final AgentCalls calls;

    GuestInfo(GuestAgent agent, AgentCalls calls) {
        this.agent = agent;
        this.calls = calls;
    }

    public Map<String, Object> getGuestInfo(DomainObj dom, int types, int flags) {
        if (flags != 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x%x) in function qemuDomainGetGuestInfo", flags);
        }
        if ((types & ~ALL) != 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "unsupported guest information types '0x%x'", types & ~ALL);
        }
        DomainRun run = dom.requireRun();
        boolean report = types != 0;
        int want = types == 0 ? ALL : types;
        Map<String, Object> p = new LinkedHashMap<>();
        if ((want & USERS) != 0) {
            JsonNode users = agent.executeIfSupported(dom, "guest-get-users", null, report);
            if (users != null) {
                p.put("user.count", users.size());
                for (int i = 0; i < users.size(); i++) {
                    JsonNode u = users.get(i);
                    p.put("user." + i + ".name", u.path("user").asText());
                    if (u.hasNonNull("domain")) {
                        p.put("user." + i + ".domain", u.path("domain").asText());
                    }
                    p.put("user." + i + ".login-time", (long) (u.path("login-time").asDouble() * 1000));
                }
            }
        }
        if ((want & OS) != 0) {
            JsonNode os = agent.executeIfSupported(dom, "guest-get-osinfo", null, report);
            if (os != null) {
                for (String[] kv : OS_PARAMS) {
                    if (os.hasNonNull(kv[0])) {
                        p.put(kv[1], os.path(kv[0]).asText());
                    }
                }
            }
        }
        if ((want & TIMEZONE) != 0) {
            JsonNode tz = agent.executeIfSupported(dom, "guest-get-timezone", null, report);
            if (tz != null) {
                if (tz.hasNonNull("zone")) {
                    p.put("timezone.name", tz.path("zone").asText());
                }
                p.put("timezone.offset", tz.path("offset").asInt());
            }
        }
        if ((want & HOSTNAME) != 0) {
            JsonNode h = agent.executeIfSupported(dom, "guest-get-host-name", null, report);
            if (h != null && h.hasNonNull("host-name")) {
                p.put("hostname", h.path("host-name").asText());
            }
        }
        JsonNode fss = (want & FILESYSTEM) != 0 ? agent.executeIfSupported(dom, "guest-get-fsinfo", null, report)
                : null;
        JsonNode disks = (want & DISKS) != 0 ? agent.executeIfSupported(dom, "guest-get-disks", null, report) : null;
        JsonNode ifaces = (want & INTERFACES) != 0
                ? agent.executeIfSupported(dom, "guest-network-get-interfaces", null, report) : null;
        AgentCalls.DiskNames names = fss != null || disks != null ? calls.diskNames(dom, run) : null;
        if (fss != null) {
            filesystems(fss, names, p);
        }
        if (disks != null) {
            disks(disks, names, p);
        }
        if (ifaces != null) {
            interfaces(ifaces, p);
        }
        return p;
    }

    private static void filesystems(JsonNode fss, AgentCalls.DiskNames names, Map<String, Object> p) {
        p.put("fs.count", fss.size());
        for (int i = 0; i < fss.size(); i++) {
            JsonNode fs = fss.get(i);
            String k = "fs." + i + ".";
            p.put(k + "name", fs.path("name").asText());
            p.put(k + "mountpoint", fs.path("mountpoint").asText());
            p.put(k + "fstype", fs.path("type").asText());
            if (fs.has("total-bytes")) {
                p.put(k + "total-bytes", fs.path("total-bytes").asLong());
            }
            if (fs.has("used-bytes")) {
                p.put(k + "used-bytes", fs.path("used-bytes").asLong());
            }
            JsonNode disks = fs.path("disk");
            p.put(k + "disk.count", disks.size());
            for (int j = 0; j < disks.size(); j++) {
                JsonNode d = disks.get(j);
                String target = names.target(d);
                if (target != null) {
                    p.put(k + "disk." + j + ".alias", target);
                }
                if (d.hasNonNull("serial")) {
                    p.put(k + "disk." + j + ".serial", d.path("serial").asText());
                }
                if (d.hasNonNull("dev")) {
                    p.put(k + "disk." + j + ".device", d.path("dev").asText());
                }
            }
        }
    }

    private static void disks(JsonNode disks, AgentCalls.DiskNames names, Map<String, Object> p) {
        p.put("disk.count", disks.size());
        for (int i = 0; i < disks.size(); i++) {
            JsonNode d = disks.get(i);
            String k = "disk." + i + ".";
            p.put(k + "name", d.path("name").asText());
            p.put(k + "partition", d.path("partition").asBoolean());
            JsonNode deps = d.path("dependencies");
            if (deps.isArray()) {
                p.put(k + "dependency.count", deps.size());
                for (int j = 0; j < deps.size(); j++) {
                    p.put(k + "dependency." + j + ".name", deps.get(j).asText());
                }
            }
            JsonNode addr = d.path("address");
            if (addr.hasNonNull("serial")) {
                p.put(k + "serial", addr.path("serial").asText());
            }
            String target = addr.isObject() ? names.target(addr) : null;
            if (target != null) {
                p.put(k + "alias", target);
            }
            if (d.hasNonNull("alias")) {
                p.put(k + "guest_alias", d.path("alias").asText());
            }
        }
    }

    private static void interfaces(JsonNode ifaces, Map<String, Object> p) {
        p.put("if.count", ifaces.size());
        for (int n = 0; n < ifaces.size(); n++) {
            JsonNode i = ifaces.get(n);
            String k = "if." + n + ".";
            p.put(k + "name", i.path("name").asText());
            if (i.hasNonNull("hardware-address")) {
                p.put(k + "hwaddr", i.path("hardware-address").asText());
            }
            JsonNode addrs = i.path("ip-addresses");
            p.put(k + "addr.count", addrs.size());
            for (int j = 0; j < addrs.size(); j++) {
                JsonNode a = addrs.get(j);
                p.put(k + "addr." + j + ".type", a.path("ip-address-type").asText());
                p.put(k + "addr." + j + ".addr", a.path("ip-address").asText());
                p.put(k + "addr." + j + ".prefix", a.path("prefix").asInt());
            }
        }
    }

    /** virDomainGetGuestVcpus: "vcpus", "online", "offlinable" as libvirt's bitmap strings. */
    public Map<String, Object> getGuestVcpus(DomainObj dom, int flags) {
        if (flags != 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x%x) in function qemuDomainGetGuestVcpus", flags);
        }
        dom.requireRun();
        JsonNode cpus = agent.execute(dom, "guest-get-vcpus", null, GuestAgent.DEFAULT_TIMEOUT);
        BitSet all = new BitSet();
        BitSet online = new BitSet();
        BitSet offlinable = new BitSet();
        for (JsonNode c : cpus) {
            int id = c.path("logical-id").asInt();
            all.set(id);
            if (c.path("online").asBoolean()) {
                online.set(id);
            }
            if (c.path("can-offline").asBoolean()) {
                offlinable.set(id);
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("vcpus", format(all));
        p.put("online", format(online));
        p.put("offlinable", format(offlinable));
        return p;
    }

    /** virDomainSetGuestVcpus: onlines (state 1) or offlines (0) the listed vCPUs, all of which the guest has. */
    public void setGuestVcpus(DomainObj dom, String cpumap, int state, int flags) {
        if (flags != 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x%x) in function qemuDomainSetGuestVcpus", flags);
        }
        if (state != 0 && state != 1) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "unsupported state value");
        }
        BitSet want = parse(cpumap);
        dom.requireRun();
        JsonNode cpus = agent.execute(dom, "guest-get-vcpus", null, GuestAgent.DEFAULT_TIMEOUT);
        TreeMap<Integer, JsonNode> byId = new TreeMap<>();
        cpus.forEach(c -> byId.put(c.path("logical-id").asInt(), c));
        BitSet missing = (BitSet) want.clone();
        byId.keySet().forEach(missing::clear);
        if (!missing.isEmpty()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "guest is missing vCPUs '%s'",
                    format(missing));
        }
        ArrayNode list = QemuJson.mapper().createArrayNode();
        for (int id = want.nextSetBit(0); id >= 0; id = want.nextSetBit(id + 1)) {
            if (state == 0 && !byId.get(id).path("can-offline").asBoolean()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                        "vCPU '%d' is not offlinable", id);
            }
            list.addObject().put("logical-id", id).put("online", state == 1);
        }
        agent.execute(dom, "guest-set-vcpus", QemuJson.mapper().createObjectNode().set("vcpus", list),
                GuestAgent.DEFAULT_TIMEOUT);
    }

    /** libvirt's bitmap text: "0-3,5". */
    static String format(BitSet b) {
        StringBuilder sb = new StringBuilder();
        for (int i = b.nextSetBit(0); i >= 0; ) {
            int end = b.nextClearBit(i) - 1;
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(i);
            if (end > i) {
                sb.append('-').append(end);
            }
            i = b.nextSetBit(end + 1);
        }
        return sb.toString();
    }

    /** virBitmapParse's list: "0-3,^2,5". */
    static BitSet parse(String map) {
        BitSet b = new BitSet();
        try {
            for (String part : map.split(",")) {
                String t = part.strip();
                boolean neg = t.startsWith("^");
                if (neg) {
                    t = t.substring(1);
                }
                int dash = t.indexOf('-');
                int lo = Integer.parseInt(dash < 0 ? t : t.substring(0, dash).strip());
                int hi = dash < 0 ? lo : Integer.parseInt(t.substring(dash + 1).strip());
                if (lo < 0 || hi < lo) {
                    throw new NumberFormatException(t);
                }
                if (neg) {
                    b.clear(lo, hi + 1);
                } else {
                    b.set(lo, hi + 1);
                }
            }
        } catch (NumberFormatException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "Failed to parse bitmap '%s'", map);
        }
        return b;
    }
}
