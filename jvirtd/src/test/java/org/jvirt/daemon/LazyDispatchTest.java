package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.rpc.proto.remote.ConnectListProcedures;
import org.jvirt.rpc.proto.remote.ConnectProcedures;
import org.jvirt.rpc.proto.remote.DomainDeviceProcedures;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes.RemoteNodeNumOfDevicesArgs;
import org.jvirt.rpc.proto.remote.NodeProcedures;

/**
 * jvirtd registers its serve classes on first need (DispatchTable): a fresh daemon whose first calls come from
 * many clients at once, each from a different serve class (the last ones in the registration order included),
 * answers every one as the driver does.
 */
class LazyDispatchTest {

    @Test
    void firstCallsFromEveryKindAtOnceAreAllServed() throws Exception {
        Map<String, Integer> expected = new TreeMap<>();
        Map<String, Callable<Integer>> calls = new TreeMap<>();
        try (DaemonFixture fx = new DaemonFixture(); Connect direct = Connect.open("test:///default")) {
            expected.put("defined networks", direct.numOfDefinedNetworks());
            expected.put("interfaces", direct.numOfInterfaces());
            expected.put("node devices", direct.nodeNumOfDevices(null));
            expected.put("pools", direct.numOfStoragePools());
            expected.put("networks", direct.numOfNetworks());
            expected.put("domains", direct.numOfDomains());
            expected.put("node cpus", direct.nodeGetInfo().cpus());
            expected.put("version", (int) direct.getVersion());
            calls.put("defined networks", () -> first(fx, c -> c.call(
                    ConnectListProcedures.CONNECT_NUM_OF_DEFINED_NETWORKS, null).num()));
            calls.put("interfaces", () -> first(fx, c -> c.call(ConnectListProcedures.CONNECT_NUM_OF_INTERFACES,
                    null).num()));
            calls.put("node devices", () -> first(fx, c -> c.call(DomainDeviceProcedures.NODE_NUM_OF_DEVICES,
                    new RemoteNodeNumOfDevicesArgs(null, 0)).num()));
            calls.put("pools", () -> first(fx, c -> c.call(ConnectListProcedures.CONNECT_NUM_OF_STORAGE_POOLS,
                    null).num()));
            calls.put("networks", () -> first(fx, c -> c.call(ConnectListProcedures.CONNECT_NUM_OF_NETWORKS,
                    null).num()));
            calls.put("domains", () -> first(fx, c -> c.call(ConnectListProcedures.CONNECT_NUM_OF_DOMAINS,
                    null).num()));
            calls.put("node cpus", () -> first(fx, c -> c.call(NodeProcedures.NODE_GET_INFO, null).cpus()));
            calls.put("version", () -> first(fx, c -> (int) c.call(ConnectProcedures.CONNECT_GET_VERSION,
                    null).hvVer()));

            CountDownLatch go = new CountDownLatch(1);
            Map<String, Integer> got = new TreeMap<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(calls.size())) {
                List<String> names = new ArrayList<>(calls.keySet());
                List<Future<Integer>> futures = new ArrayList<>();
                for (String n : names) {
                    futures.add(pool.submit(() -> {
                        go.await();
                        return calls.get(n).call();
                    }));
                }
                go.countDown();
                for (int i = 0; i < names.size(); i++) {
                    got.put(names.get(i), futures.get(i).get());
                }
            }
            assertEquals(expected, got);
        }
    }

    interface RawCall {
        int on(RawClient c) throws Exception;
    }

    private static int first(DaemonFixture fx, RawCall call) throws Exception {
        try (RawClient c = RawClient.open(fx.daemon.socketPath(), "test:///default")) {
            return call.on(c);
        }
    }
}
