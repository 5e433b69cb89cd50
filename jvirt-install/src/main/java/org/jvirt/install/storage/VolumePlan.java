package org.jvirt.install.storage;

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
        StringBuilder sb = new StringBuilder("<volume>\n  <name>").append(esc(name)).append("</name>\n")
                .append("  <capacity>").append(capacity).append("</capacity>\n")
                .append("  <allocation>0</allocation>\n")
                .append("  <target>\n    <format type=\"").append(esc(format)).append("\"/>\n  </target>\n");
        if (backingPath != null) {
            sb.append("  <backingStore>\n    <path>").append(esc(backingPath)).append("</path>\n");
            if (backingFormat != null) {
                sb.append("    <format type=\"").append(esc(backingFormat)).append("\"/>\n");
            }
            sb.append("  </backingStore>\n");
        }
        return sb.append("</volume>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
