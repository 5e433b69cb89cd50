package org.jvirt.xml.domain;

/**
 * What a guest NIC connects to: the {@code type=} of {@code <interface>} selects one of these exclusive
 * variants, each with the {@code <source>} attributes it uses.
 */
public sealed interface InterfaceSource {
    /** The value of {@code <interface type=...>}. */
    String interfaceType();

    /** {@code type='network'}: a libvirt virtual network. */
    record Network(String network, String portgroup) implements InterfaceSource {
        public String interfaceType() {
            return "network";
        }
    }

    /** {@code type='bridge'}: a host bridge. */
    record Bridge(String bridge) implements InterfaceSource {
        public String interfaceType() {
            return "bridge";
        }
    }

    /** {@code type='user'}: user-mode networking (slirp, passt); no source. */
    record User() implements InterfaceSource {
        public String interfaceType() {
            return "user";
        }
    }

    /** {@code type='direct'}: macvtap on a host device, mode vepa/bridge/private/passthrough. */
    record Direct(String dev, String mode) implements InterfaceSource {
        public String interfaceType() {
            return "direct";
        }
    }

    /** A type jvirt does not model (ethernet, vhostuser, hostdev, ...); the source stays untouched. */
    record Other(String interfaceType) implements InterfaceSource {
    }
}
