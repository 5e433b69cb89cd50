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
import org.jvirt.driver.network.firewall.NetworkRules;
import org.jvirt.driver.network.firewall.Nft;
import org.jvirt.driver.network.obj.RunState;

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
        if (!def.forward().ownBridge()) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.NO_SUPPORT,
                    "this function is not supported by the connection driver: forward mode '%s'", def.forward().xml());
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
        }
    }
}
