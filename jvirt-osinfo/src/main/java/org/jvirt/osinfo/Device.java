package org.jvirt.osinfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hardware device the database knows ({@code http://pcisig.com/pci/1af4/1041}): from the PCI and USB id
 * registries (vendor and product names) and from osinfo-db's own device files, which add the short
 * {@code name} that virt-install asks about ("virtio-net", "virtio1.0-net", "qxl", "ich9-hda" ...) and a
 * {@code class} ("net", "block", "video", "audio" ...). Properties: {@code name}, {@code vendor},
 * {@code vendor-id}, {@code product}, {@code product-id}, {@code subsystem}, {@code bus-type}, {@code class}.
 */
public final class Device extends Entity {
    Device(String id, Map<String, List<String>> properties) {
        super(id, properties);
    }

    /** The short name osinfo-db gives the device ("virtio1.0-net"); absent for registry-only devices. */
    public Optional<String> name() {
        return property("name");
    }

    public Optional<String> vendor() {
        return property("vendor");
    }

    public Optional<String> vendorId() {
        return property("vendor-id");
    }

    public Optional<String> product() {
        return property("product");
    }

    public Optional<String> productId() {
        return property("product-id");
    }

    public Optional<String> subsystem() {
        return property("subsystem");
    }

    /** "pci", "usb", "isa", "ps2", "xen" ... */
    public Optional<String> busType() {
        return property("bus-type");
    }

    /** The device's class: "net", "block", "video", "audio", "input", "controller" ... */
    public Optional<String> deviceClass() {
        return property("class");
    }
}
