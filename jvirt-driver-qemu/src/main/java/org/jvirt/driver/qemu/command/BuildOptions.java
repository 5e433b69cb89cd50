package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import org.jvirt.driver.qemu.caps.KvmSupport;

/**
 * How to build this start's command line.
 *
 * @param kvm         whether KVM may be used (and why not)
 * @param startPaused add {@code -S}: the CPUs wait for {@code cont}
 * @param vncPorts    picks a port for {@code autoport='yes'} (VNC, SPICE and websocket ports share the range)
 * @param spiceTlsDir qemu.conf's {@code spice_tls_x509_cert_dir} when {@code spice_tls} is on, else null (off,
 *                    libvirt's default): SPICE TLS ports need it
 * @param nbdTls      qemu.conf's TLS settings of NBD disks
 */
public record BuildOptions(KvmSupport kvm, boolean startPaused, VncPorts vncPorts, Path spiceTlsDir, NbdTls nbdTls) {

    public BuildOptions(KvmSupport kvm, boolean startPaused, VncPorts vncPorts) {
        this(kvm, startPaused, vncPorts, null, NbdTls.DEFAULT);
    }

    public BuildOptions(KvmSupport kvm, boolean startPaused, VncPorts vncPorts, Path spiceTlsDir) {
        this(kvm, startPaused, vncPorts, spiceTlsDir, NbdTls.DEFAULT);
    }

    /** Chooses VNC ports: the driver's allocator binds to find a free one; tests use a fixed one. */
    @FunctionalInterface
    public interface VncPorts {
        int allocate();
    }
}
