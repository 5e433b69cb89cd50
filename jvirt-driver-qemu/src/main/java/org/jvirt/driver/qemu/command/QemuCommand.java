package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A ready command line.
 *
 * @param binary   the emulator
 * @param args     its arguments, one per argv element
 * @param env      environment for the child
 * @param taps     tap devices the caller must create (and enslave to their bridge) before starting
 * @param vncPort  the VNC TCP port chosen, or -1
 */
public record QemuCommand(Path binary, List<String> args, Map<String, String> env, List<TapDevice> taps,
        int vncPort) {

    public QemuCommand {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        taps = List.copyOf(taps);
    }

    /**
     * A tap device for {@code <interface type='bridge'>}.
     *
     * @param ifname the tap's name
     * @param bridge the bridge to attach it to
     * @param mac       the guest's MAC, or null
     * @param isolated  {@code <port isolated='yes'/>}: the bridge port is isolated
     * @param bandwidth the NIC's {@code <bandwidth>} (tc on the tap), or null
     * @param linkDev   a macvtap's source device, or null
     * @param macvtapMode a macvtap's mode (bridge, vepa, private, passthrough), or null for a tap
     */
    public record TapDevice(String ifname, String bridge, String mac, boolean isolated,
                            org.jvirt.xml.value.Bandwidth bandwidth, String linkDev, String macvtapMode) {
        public TapDevice(String ifname, String bridge, String mac) {
            this(ifname, bridge, mac, false, null, null, null);
        }

        public TapDevice(String ifname, String bridge, String mac, boolean isolated,
                         org.jvirt.xml.value.Bandwidth bandwidth) {
            this(ifname, bridge, mac, isolated, bandwidth, null, null);
        }

        /** A macvtap ({@code <interface type='direct'>}) rather than a tap. */
        public boolean macvtap() {
            return macvtapMode != null;
        }
    }
}
