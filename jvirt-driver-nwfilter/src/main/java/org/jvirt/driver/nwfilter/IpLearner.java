package org.jvirt.driver.nwfilter;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jvirt.Connect;
import org.jvirt.Network;
import org.jvirt.NetworkDHCPLease;
import org.jvirt.spi.HostScope;

/**
 * CTRL_IP_LEARNING (libvirt's nwfilter_learnipaddr): one virtual thread, running while some port is learning,
 * looks every quarter second for each learning port's address: {@code any}, the first sender address the
 * port's nftables set caught; {@code dhcp}, the lease the scope's network driver holds for the guest's MAC
 * (asked through the public API on {@code network:///}, as a hypervisor driver would). The address found goes
 * to the state, which applies the whole filter with it.
 */
final class IpLearner {
    private static final long PERIOD_MS = 250;

    private final NWFilterState state;
    private final HostScope scope;
    private final Set<Binding> watched = ConcurrentHashMap.newKeySet();
    private Thread thread;
    private volatile boolean stopped;

    IpLearner(NWFilterState state, HostScope scope) {
        this.state = state;
        this.scope = scope;
    }

    synchronized void watch(Binding b) {
        watched.add(b);
        if (thread == null && !stopped) {
            thread = Thread.ofVirtual().name("nwfilter-learn").start(this::loop);
        }
    }

    void forget(Binding b) {
        watched.remove(b);
    }

    void stop() {
        stopped = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
        }
    }

    private void loop() {
        while (!stopped) {
            for (Binding b : List.copyOf(watched)) {
                try {
                    String ip = "dhcp".equals(b.learning) ? lease(b) : first(state.caught(b));
                    if (ip != null) {
                        watched.remove(b);
                        state.learned(b, ip);
                    }
                } catch (RuntimeException e) {
                    System.getLogger(IpLearner.class.getName()).log(System.Logger.Level.DEBUG,
                            "learning the address of " + b.portdev + ": " + e.getMessage());
                }
            }
            synchronized (this) {
                if (watched.isEmpty()) {
                    thread = null;
                    return;
                }
            }
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String first(List<String> ips) {
        return ips.isEmpty() ? null : ips.get(0);
    }

    /** The IPv4 lease some active network of this scope holds for the binding's MAC. */
    private String lease(Binding b) {
        try (Connect c = Connect.open(scope.uri("network"))) {
            for (Network n : c.listAllNetworks()) {
                if (!n.isActive()) {
                    continue;
                }
                for (NetworkDHCPLease l : n.getDHCPLeases(b.mac)) {
                    if (l.ipaddr() != null && !l.ipaddr().contains(":")) {
                        return l.ipaddr();
                    }
                }
            }
        }
        return null;
    }
}
