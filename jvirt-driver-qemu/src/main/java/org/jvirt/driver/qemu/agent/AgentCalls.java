package org.jvirt.driver.qemu.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.DomainFSInfo;
import org.jvirt.DomainInterface;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.QemuJson;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.xml.domain.DiskXml;

/**
 * The domain calls served by the guest agent, with libvirt's argument checks and command choices
 * (qemu_driver.c's qemuDomainFS*, qemuDomainSetUserPassword, qemuDomainAuthorizedSSHKeys*, qemuDomainGetFSInfo).
 */
public final class AgentCalls {

    /** VIR_DOMAIN_AUTHORIZED_SSH_KEYS_SET_APPEND, _REMOVE */
    private static final int KEYS_APPEND = 1;
    private static final int KEYS_REMOVE = 2;
    /** libvirt waits for fstrim without limit (VIR_DOMAIN_QEMU_AGENT_COMMAND_BLOCK): a day stands for it. */
    private static final Duration BLOCK = Duration.ofDays(1);

    private final GuestAgent agent;

    public AgentCalls(GuestAgent agent) {
        this.agent = agent;
        this.info = new GuestInfo(agent, this);
    }

    private final GuestInfo info;

    /** virDomainGetGuestInfo and the guest's vCPUs. */
    public GuestInfo info() {
        return info;
    }

    /**
     * virDomainInterfaceAddresses with the agent as source (guest-network-get-interfaces): an alias
     * ({@code eth0:1}) adds its addresses to its interface, as libvirt merges them.
     */
    public List<DomainInterface> interfaceAddresses(DomainObj dom) {
        dom.requireRun();
        JsonNode ifaces = agent.execute(dom, "guest-network-get-interfaces", null, GuestAgent.DEFAULT_TIMEOUT);
        Map<String, String> hwaddr = new java.util.LinkedHashMap<>();
        Map<String, List<DomainInterface.Address>> addrs = new HashMap<>();
        for (JsonNode i : ifaces) {
            if (!i.hasNonNull("name")) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                        "qemu agent didn't provide 'name' field");
            }
            String name = i.path("name").asText();
            String ifname = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
            if (!hwaddr.containsKey(ifname)) {
                hwaddr.put(ifname, i.hasNonNull("hardware-address") ? i.path("hardware-address").asText() : null);
                addrs.put(ifname, new ArrayList<>());
            }
            for (JsonNode a : i.path("ip-addresses")) {
                String type = a.path("ip-address-type").asText(null);
                if (type == null || !(type.equals("ipv4") || type.equals("ipv6"))) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                            "unknown ip address type '%s'", type);
                }
                addrs.get(ifname).add(new DomainInterface.Address(type.equals("ipv4") ? DomainInterface.Address.IPV4
                        : DomainInterface.Address.IPV6, a.path("ip-address").asText(), a.path("prefix").asInt()));
            }
        }
        List<DomainInterface> out = new ArrayList<>();
        hwaddr.forEach((name, mac) -> out.add(new DomainInterface(name, mac, addrs.get(name))));
        return out;
    }

    public int fsFreeze(DomainObj dom, List<String> mountpoints, int flags) {
        noFlags(flags, "qemuDomainFSFreeze");
        dom.requireRun();
        if (mountpoints.isEmpty()) {
            return agent.execute(dom, "guest-fsfreeze-freeze", null, GuestAgent.DEFAULT_TIMEOUT).asInt();
        }
        ObjectNode args = QemuJson.mapper().createObjectNode();
        ArrayNode list = args.putArray("mountpoints");
        mountpoints.forEach(list::add);
        return agent.execute(dom, "guest-fsfreeze-freeze-list", args, GuestAgent.DEFAULT_TIMEOUT).asInt();
    }

    public int fsThaw(DomainObj dom, List<String> mountpoints, int flags) {
        noFlags(flags, "qemuDomainFSThaw");
        if (!mountpoints.isEmpty()) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED,
                    "specifying mountpoints is not supported");
        }
        dom.requireRun();
        return agent.execute(dom, "guest-fsfreeze-thaw", null, GuestAgent.DEFAULT_TIMEOUT).asInt();
    }

    public void fsTrim(DomainObj dom, String mountPoint, long minimum, int flags) {
        noFlags(flags, "qemuDomainFSTrim");
        if (mountPoint != null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.ARGUMENT_UNSUPPORTED,
                    "Specifying mount point is not supported for now");
        }
        dom.requireRun();
        agent.execute(dom, "guest-fstrim", QemuJson.mapper().createObjectNode().put("minimum", minimum), BLOCK);
    }

    /** The password travels base64-encoded inside the agent's JSON, never in a log or on a command line. */
    public void setUserPassword(DomainObj dom, String user, String password, int flags) {
        if ((flags & ~1) != 0) {
            noFlags(flags & ~1, "qemuDomainSetUserPassword");
        }
        dom.requireRun();
        ObjectNode args = QemuJson.mapper().createObjectNode().put("crypted", (flags & 1) != 0).put("username", user)
                .put("password", Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
        agent.execute(dom, "guest-set-user-password", args, GuestAgent.DEFAULT_TIMEOUT);
    }

    public List<String> authorizedSSHKeysGet(DomainObj dom, String user, int flags) {
        noFlags(flags, "qemuDomainAuthorizedSSHKeysGet");
        dom.requireRun();
        JsonNode r = agent.execute(dom, "guest-ssh-get-authorized-keys",
                QemuJson.mapper().createObjectNode().put("username", user), GuestAgent.DEFAULT_TIMEOUT);
        List<String> keys = new ArrayList<>();
        r.path("keys").forEach(k -> keys.add(k.asText()));
        return keys;
    }

    public void authorizedSSHKeysSet(DomainObj dom, String user, List<String> keys, int flags) {
        if ((flags & ~(KEYS_APPEND | KEYS_REMOVE)) != 0) {
            noFlags(flags & ~(KEYS_APPEND | KEYS_REMOVE), "qemuDomainAuthorizedSSHKeysSet");
        }
        dom.requireRun();
        ObjectNode args = QemuJson.mapper().createObjectNode().put("username", user);
        ArrayNode list = args.putArray("keys");
        keys.forEach(list::add);
        if ((flags & KEYS_REMOVE) != 0) {
            agent.execute(dom, "guest-ssh-remove-authorized-keys", args, GuestAgent.DEFAULT_TIMEOUT);
        } else {
            args.put("reset", (flags & KEYS_APPEND) == 0);
            agent.execute(dom, "guest-ssh-add-authorized-keys", args, GuestAgent.DEFAULT_TIMEOUT);
        }
    }

    /**
     * guest-get-fsinfo, each filesystem's disks named by their target as libvirt does: the agent gives the PCI
     * address the guest sees, QEMU ({@code query-pci}) the device there, the live definition that device's disk.
     */
    public List<DomainFSInfo> getFSInfo(DomainObj dom, int flags) {
        noFlags(flags, "qemuDomainGetFSInfo");
        DomainRun run = dom.requireRun();
        JsonNode fss = agent.execute(dom, "guest-get-fsinfo", null, GuestAgent.DEFAULT_TIMEOUT);
        DiskNames names = diskNames(dom, run);
        List<DomainFSInfo> out = new ArrayList<>();
        for (JsonNode fs : fss) {
            List<String> aliases = new ArrayList<>();
            for (JsonNode disk : fs.path("disk")) {
                String target = names.target(disk);
                if (target != null && !aliases.contains(target)) {
                    aliases.add(target);
                }
            }
            out.add(new DomainFSInfo(fs.path("mountpoint").asText(), fs.path("name").asText(),
                    fs.path("type").asText(), aliases));
        }
        return out;
    }

    /** Names the agent's disk descriptions (PCI address, serial) by the domain's disk targets. */
    static final class DiskNames {
        private final Map<String, String> qdevAt = new HashMap<>();
        private final Map<String, String> targetOfAlias = new HashMap<>();
        private final Map<String, String> targetOfSerial = new HashMap<>();

        /** The target ({@code vda}) of the domain disk an agent disk entry describes, or null. */
        String target(JsonNode disk) {
            JsonNode pci = disk.path("pci-controller");
            String target = null;
            if (pci.has("bus")) {
                String qdev = qdevAt.get(pci.path("bus").asInt() + ":" + pci.path("slot").asInt() + ":"
                        + pci.path("function").asInt());
                target = qdev == null ? null : targetOfAlias.get(qdev);
            }
            if (target == null && disk.hasNonNull("serial")) {
                target = targetOfSerial.get(disk.path("serial").asText());
            }
            return target;
        }
    }

    DiskNames diskNames(DomainObj dom, DomainRun run) {
        DiskNames n = new DiskNames();
        pciDevices(run.process().monitor().execute("query-pci"), n.qdevAt);
        synchronized (dom) {
            for (DiskXml d : run.liveDef().devices().disks()) {
                if (d.alias() != null) {
                    n.targetOfAlias.put(d.alias(), d.targetDev());
                }
                if (d.serial() != null) {
                    n.targetOfSerial.put(d.serial(), d.targetDev());
                }
            }
        }
        return n;
    }

    /** Every PCI function QEMU has, behind bridges too, as "bus:slot:function" to its device id. */
    private static void pciDevices(JsonNode buses, Map<String, String> out) {
        for (JsonNode bus : buses) {
            devices(bus.path("devices"), out);
        }
    }

    private static void devices(JsonNode devices, Map<String, String> out) {
        for (JsonNode d : devices) {
            if (d.hasNonNull("qdev_id") && !d.path("qdev_id").asText().isEmpty()) {
                out.put(d.path("bus").asInt() + ":" + d.path("slot").asInt() + ":" + d.path("function").asInt(),
                        d.path("qdev_id").asText());
            }
            JsonNode bridge = d.path("pci_bridge");
            if (bridge.has("devices")) {
                devices(bridge.path("devices"), out);
            }
        }
    }

    private static void noFlags(int flags, String function) {
        if (flags != 0) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                    "unsupported flags (0x%x) in function %s", flags, function);
        }
    }
}
