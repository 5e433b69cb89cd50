package org.jvirt.driver.network;


import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.network.bridge.Forwarding;
import org.jvirt.driver.network.bridge.Links;
import org.jvirt.driver.network.bridge.RouteCheck;
import org.jvirt.driver.network.conf.ForwardMode;
import org.jvirt.driver.network.conf.NetworkDef;
import org.jvirt.driver.network.dnsmasq.Dnsmasq;
import org.jvirt.driver.network.exec.Exec;
import org.jvirt.driver.network.firewall.NetworkRules;
import org.jvirt.driver.network.firewall.Nft;
import org.jvirt.driver.network.obj.RunState;
import org.jvirt.xml.value.Bandwidth;

/**
 * networkStartNetwork / networkShutdownNetwork: puts a network on the host (bridge with its addresses,
 * firewall rules, IP forwarding, dnsmasq) and takes it off again. Each step that succeeded is undone, newest
 * first, when a later one fails, so a failed start leaves nothing behind.
 */
final class NetworkStarter {
    private final Dnsmasq dnsmasq;
    private final Nft nft;

    NetworkStarter(Dnsmasq dnsmasq, Nft nft) {
        this.dnsmasq = dnsmasq;
        this.nft = nft;
    }

    /**
     * Starts a network; returns what it started.
     *
     * @param familiesInUse the nft families in which other active networks have rules (their tables stay)
     */
    RunState start(NetworkDef def, Set<String> familiesInUse) {
        if (def.forward() == ForwardMode.BRIDGE) {
            if (def.bridge() != null && !Links.isBridge(def.bridge())) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR,
                        "Unable to get bridge %s: No such device", def.bridge());
            }
            return RunState.none(); // an existing host bridge: nothing to make, no dnsmasq, no rules
        }
        if (def.forward() == ForwardMode.HOSTDEV) {
            // each guest would get a whole SR-IOV virtual function by PCI passthrough (VFIO): this driver has no
            // such pool, and no host it was built on has SR-IOV hardware to check one against
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.NO_SUPPORT,
                    "this function is not supported by the connection driver: forward mode 'hostdev' "
                            + "(PCI passthrough of SR-IOV virtual functions) in network '%s'", def.name());
        }
        if (def.direct()) {
            // networkStartNetworkExternal: nothing to make; a <pf> must give a pool of virtual functions
            InterfacePool.of(def);
            return RunState.none();
        }
        RouteCheck.check(def);
        if (Links.exists(def.bridge())) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR,
                    "Unable to create bridge %s: File exists", def.bridge());
        }
        Deque<Runnable> undo = new ArrayDeque<>();
        try {
            Links.createBridge(def.bridge(), def.mac(), def.mtu(), def.stp(), def.delay(),
                    def.ips().stream().map(NetworkDef.IpDef::subnet).toList());
            undo.push(() -> Links.deleteQuietly(def.bridge()));
            Links.ipv6Sysctls(def.bridge(), def.hasIpv6());
            if (def.bandwidth() != null) {
                undo.push(() -> Links.deleteQuietly(Bandwidth.ifbName(def.bridge())));
                shape(def.bridge(), def.bandwidth());
            }
            List<RunState.Rule> rules = nft.add(NetworkRules.of(def));
            Set<String> ours = new java.util.HashSet<>(NetworkRules.families(def));
            ours.removeAll(familiesInUse);
            undo.push(() -> nft.remove(rules, ours));
            if (def.forward() == ForwardMode.NAT || def.forward() == ForwardMode.ROUTE) {
                Forwarding.enable(def.ipv4() != null, def.hasIpv6());
            }
            int pid = 0;
            if (def.needsDnsmasq()) {
                pid = dnsmasq.start(def);
            }
            return new RunState(pid, rules, false);
        } catch (RuntimeException e) {
            while (!undo.isEmpty()) {
                try {
                    undo.pop().run();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * The whole network's cap on its bridge (libvirt's virNetDevBandwidthSet, hierarchical so that ports' floors
     * could share it). A kernel without sfq or fw still shapes; one without tc's police action gets the
     * policed direction shaped on an ifb device instead, deleted with the bridge.
     */
    private static void shape(String dev, Bandwidth bw) {
        String what = "Unable to set bandwidth of bridge " + dev;
        for (List<String> tc : bw.tcCommands(dev, true, true)) {
            Exec.Result r = Exec.tryRun(what, tcArgv(tc), null, java.util.Map.of());
            if (r.exitCode() == 0 || Bandwidth.refinement(tc)) {
                continue;
            }
            if (!Bandwidth.police(tc)) {
                throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR, "%s: %s", what, r.out());
            }
            String ifb = Bandwidth.ifbName(dev);
            Exec.run(what, List.of("ip", "link", "add", ifb, "type", "ifb"));
            Exec.run(what, List.of("ip", "link", "set", ifb, "up"));
            for (List<String> c : bw.ifbCommands(dev, ifb, true)) {
                Exec.run(what, tcArgv(c));
            }
        }
    }

    private static List<String> tcArgv(List<String> args) {
        List<String> argv = new java.util.ArrayList<>(List.of("tc"));
        argv.addAll(args);
        return argv;
    }

    /**
     * Takes a network off the host: dnsmasq, then its rules (and a table no other network uses), then its bridge.
     * Runs to the end even when a step fails, so that as little as possible stays behind.
     */
    void stop(NetworkDef def, RunState run, Set<String> lastInFamily) {
        if (def.forward() == ForwardMode.BRIDGE || !def.forward().ownBridge()) {
            return;
        }
        dnsmasq.stop(run.dnsmasqPid(), def.name());
        try {
            nft.remove(run.rules(), lastInFamily);
        } finally {
            Links.deleteQuietly(def.bridge());
            if (def.bandwidth() != null && Links.exists(Bandwidth.ifbName(def.bridge()))) {
                Links.deleteQuietly(Bandwidth.ifbName(def.bridge()));
            }
        }
    }
}
