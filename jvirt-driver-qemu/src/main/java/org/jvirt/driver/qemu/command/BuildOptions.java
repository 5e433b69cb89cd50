package org.jvirt.driver.qemu.command;

import org.jvirt.driver.qemu.caps.KvmSupport;

/**
 * How to build this start's command line.
 *
 * @param kvm         whether KVM may be used (and why not)
 * @param startPaused add {@code -S}: the CPUs wait for {@code cont}
 * @param vncPorts    picks a port for {@code autoport='yes'}
 */
public record BuildOptions(KvmSupport kvm, boolean startPaused, VncPorts vncPorts) {

    /** Chooses VNC ports: the driver's allocator binds to find a free one; tests use a fixed one. */
    @FunctionalInterface
    public interface VncPorts {
        int allocate();
    }
}
