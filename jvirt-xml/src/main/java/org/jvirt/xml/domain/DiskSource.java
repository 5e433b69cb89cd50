package org.jvirt.xml.domain;

import java.util.List;

/**
 * Where a disk's data lives: the {@code type=} of {@code <disk>} selects one of these exclusive variants, and
 * each knows the attributes of {@code <source>} it uses.
 */
public sealed interface DiskSource {
    /** The value of {@code <disk type=...>} for this variant. */
    String diskType();

    /** {@code type='file'}: an image file. */
    record File(String path) implements DiskSource {
        public String diskType() {
            return "file";
        }
    }

    /** {@code type='block'}: a host block device. */
    record Block(String dev) implements DiskSource {
        public String diskType() {
            return "block";
        }
    }

    /** {@code type='dir'}: a host directory exposed as a FAT image. */
    record Dir(String dir) implements DiskSource {
        public String diskType() {
            return "dir";
        }
    }

    /** {@code type='network'}: an image served by a protocol (nbd, rbd, iscsi, http, ...). */
    record Network(String protocol, String name, List<Host> hosts) implements DiskSource {
        public Network {
            hosts = List.copyOf(hosts);
        }

        public String diskType() {
            return "network";
        }
    }

    /** {@code type='volume'}: a volume of a libvirt storage pool. */
    record Volume(String pool, String volume, String mode) implements DiskSource {
        public String diskType() {
            return "volume";
        }
    }

    /** A type jvirt does not model (nvme, vhostuser, ...): only the type name; the source stays untouched. */
    record Other(String diskType) implements DiskSource {
    }

    /**
     * A host of a network source: {@code <host name='..' port='..' transport='..' socket='..'/>}.
     * Null fields are left out.
     */
    record Host(String name, Integer port, String transport, String socket) {
        public static Host of(String name, Integer port) {
            return new Host(name, port, null, null);
        }
    }
}
