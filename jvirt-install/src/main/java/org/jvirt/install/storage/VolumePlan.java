package org.jvirt.install.storage;

import org.jvirt.install.guest.XmlNode;

/**
 * A volume to make.
 *
 * @param pool          the pool's name
 * @param name          the volume's name
 * @param path          where it will be (the pool's target path and the name)
 * @param capacity      bytes
 * @param format        qcow2, raw, ...
 * @param backingPath   the backing store's path, or null
 * @param backingFormat the backing store's format, or null
 */
public record VolumePlan(String pool, String name, String path, long capacity, String format, String backingPath,
        String backingFormat) {

    /** The volume XML virt-install sends (sparse: allocation 0). */
    public String toXml() {
        XmlNode v = XmlNode.of("volume");
        v.child("name").text(name);
        v.child("capacity").text(capacity);
        v.child("allocation").text(0);
        v.child("target").child("format").attr("type", format);
        if (backingPath != null) {
            XmlNode b = v.child("backingStore");
            b.child("path").text(backingPath);
            if (backingFormat != null) {
                b.child("format").attr("type", backingFormat);
            }
        }
        return v.toXml();
    }
}
