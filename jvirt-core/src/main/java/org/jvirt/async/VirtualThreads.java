package org.jvirt.async;

import java.util.concurrent.Executor;

/** The async mirror's default executor: one virtual thread per call, so blocking driver calls cost no pool slot. */
public final class VirtualThreads {

    public static final Executor EXECUTOR = task -> Thread.ofVirtual().name("jvirt-async").start(task);

    private VirtualThreads() {
    }
}
