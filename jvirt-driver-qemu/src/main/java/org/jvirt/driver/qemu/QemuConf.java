package org.jvirt.driver.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;

/**
 * The settings of {@code qemu.conf} (libvirt's key names) in the scope's config directory that this driver
 * uses: SPICE TLS ({@code spice_tls}, off by default as in libvirt, and {@code spice_tls_x509_cert_dir}, whose
 * absence libvirt reports when the driver starts).
 *
 * @param spiceTlsDir the SPICE certificates' directory when SPICE TLS is on, else null
 */
public record QemuConf(Path spiceTlsDir) {

    /** Where a missing {@code spice_tls_x509_cert_dir} points, as libvirt's /etc/pki/libvirt-spice. */
    static final Path DEFAULT_SPICE_TLS_DIR = Path.of("/etc/pki/jvirt-spice");

    public static QemuConf read(Path configDir) {
        Path file = configDir.resolve("qemu.conf");
        ConfFile conf = Files.exists(file) ? ConfFile.read(file) : ConfFile.empty();
        Path spiceDir = null;
        if (conf.getBoolean("spice_tls").orElse(false)) {
            spiceDir = conf.getString("spice_tls_x509_cert_dir").map(Path::of).orElse(DEFAULT_SPICE_TLS_DIR);
            if (!Files.isDirectory(spiceDir)) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONF_SYNTAX,
                        "spice_tls_x509_cert_dir directory '%s' does not exist", spiceDir);
            }
        }
        return new QemuConf(spiceDir);
    }
}
