package org.jvirt.osinfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A ready-made disk image of an OS ({@code <image arch="x86_64" format="qcow2" cloud-init="true">}), such as a
 * cloud image to import. Properties: {@code architecture}, {@code format}, {@code url}, {@code cloud-init},
 * {@code variant}.
 */
public final class Image extends Entity {
    Image(String id, Map<String, List<String>> properties) {
        super(id, properties);
    }

    public String arch() {
        return property("architecture").orElse("all");
    }

    /** The disk format ("qcow2", "raw" ...). */
    public Optional<String> format() {
        return property("format");
    }

    public Optional<String> url() {
        return property("url");
    }

    public List<String> variants() {
        return properties("variant");
    }

    /** Whether the image runs cloud-init at boot (so a NoCloud seed configures it). */
    public boolean cloudInit() {
        return flag("cloud-init", false);
    }
}
