package org.jvirt.driver.qemu;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jvirt.driver.qemu.caps.HostInfo;
import org.jvirt.driver.qemu.caps.KvmSupport;
import org.jvirt.driver.qemu.caps.QemuBinaries;
import org.jvirt.driver.qemu.caps.QemuCapsCache;
import org.jvirt.driver.qemu.command.VncPortAllocator;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.domain.DomainStore;
import org.jvirt.driver.qemu.domain.EventBus;
import org.jvirt.driver.qemu.lifecycle.DriverContext;
import org.jvirt.driver.qemu.lifecycle.Lifecycle;
import org.jvirt.driver.qemu.lifecycle.Queries;

/**
 * One driver instance (libvirt's virQEMUDriver): loaded configs, the guests it took back or started, and the
 * connections listening. Closing it lets go of the guests without stopping them — exactly what a daemon that
 * dies does — so the next instance takes them back from their status files.
 */
final class QemuDriverState implements AutoCloseable {

    private static final java.util.Map<java.nio.file.Path, QemuCapsCache> CAPS = new java.util.concurrent.ConcurrentHashMap<>();

    final QemuDriverConfig config;
    final DriverContext ctx;
    final Lifecycle lifecycle;
    final Queries queries;
    final org.jvirt.driver.qemu.device.Hotplug hotplug;
    final org.jvirt.driver.qemu.device.VcpuHotplug vcpus;
    final org.jvirt.driver.qemu.device.IOThreads iothreads;
    final org.jvirt.driver.qemu.device.MemoryConfig memory;
    final org.jvirt.driver.qemu.lifecycle.Console console = new org.jvirt.driver.qemu.lifecycle.Console();
    final org.jvirt.driver.qemu.agent.AgentCalls agentCalls;
    int refs;
    private final java.nio.channels.FileChannel lockFile;

    /** Another process's driver owns these directories (a running jvirtd): this one must not touch them. */
    static final class Busy extends Exception {
        Busy(String msg) {
            super(msg, null, false, false);
        }
    }

    QemuDriverState(QemuDriverConfig config, java.util.Map<String, java.nio.file.Path> binaries,
                    org.jvirt.driver.qemu.lifecycle.HostDrivers hostDrivers, QemuConf conf) throws Busy {
        this.config = config;
        this.lockFile = lock(config.runDir());
        DomainStore store = new DomainStore(config.stateDir());
        this.ctx = new DriverContext(config.stateDir(), config.runDir(), config.stateDir().resolve("log"), store,
                new EventBus(), CAPS.computeIfAbsent(config.cacheDir(), QemuCapsCache::new), binaries,
                KvmSupport.detect(), HostInfo.read(), new VncPortAllocator(), new AtomicBoolean(),
                org.jvirt.driver.qemu.firmware.FirmwareDescriptors.forHost(config.system(), System.getenv()),
                hostDrivers, conf);
        this.lifecycle = new Lifecycle(ctx);
        this.agentCalls = new org.jvirt.driver.qemu.agent.AgentCalls(lifecycle.agent());
        this.queries = new Queries(ctx);
        this.hotplug = new org.jvirt.driver.qemu.device.Hotplug(ctx);
        this.vcpus = new org.jvirt.driver.qemu.device.VcpuHotplug(ctx);
        this.iothreads = new org.jvirt.driver.qemu.device.IOThreads(ctx);
        this.memory = new org.jvirt.driver.qemu.device.MemoryConfig(ctx, queries);
        store.loadConfigs();
        lifecycle.reconnectAndAutostart();
    }

    /**
     * One driver per run directory on the host: two would fight over the same guests (QMP takes one client, and
     * a guest whose monitor cannot be reached is killed on reconnect). The lock dies with its process.
     */
    private static java.nio.channels.FileChannel lock(java.nio.file.Path runDir) throws Busy {
        try {
            java.nio.file.Files.createDirectories(runDir);
            java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(runDir.resolve("driver.lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock l;
            try {
                l = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new Busy(runDir + " is in use by another QEMU driver");
            }
            return ch;
        } catch (java.io.IOException e) {
            throw new Busy("cannot lock " + runDir + ": " + e.getMessage());
        }
    }

    static java.util.Map<String, java.nio.file.Path> findBinaries() {
        return QemuBinaries.find(QemuBinaries.DEFAULT_DIRS);
    }

    /** Lets go: monitors close, guests keep running, nothing reacts to them here any more. */
    @Override
    public void close() {
        ctx.closed().set(true);
        for (DomainObj d : ctx.store().all()) {
            DomainRun r = d.run();
            if (r != null) {
                r.process().detach();
            }
        }
        try {
            lockFile.close(); // releases the lock: the next driver may take the guests
        } catch (java.io.IOException ignored) {
            // the lock goes with the process anyway
        }
    }
}
