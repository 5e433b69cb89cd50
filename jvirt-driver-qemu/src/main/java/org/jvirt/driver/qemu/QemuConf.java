package org.jvirt.driver.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.jvirt.driver.qemu.command.NbdTls;

/**
 * The settings of {@code qemu.conf} (libvirt's key names) in the scope's config directory that this driver
 * uses: SPICE TLS ({@code spice_tls}, off by default as in libvirt, and {@code spice_tls_x509_cert_dir}, whose
 * absence libvirt reports when the driver starts) and NBD disk TLS ({@code nbd_tls}, {@code nbd_tls_x509_cert_dir},
 * {@code nbd_tls_x509_secret_uuid}, falling back to the {@code default_tls_x509_*} keys as libvirt's do).
 *
 * @param spiceTlsDir the SPICE certificates' directory when SPICE TLS is on, else null
 * @param nbdTls      the TLS settings of NBD disks
 */
public record QemuConf(Path spiceTlsDir, NbdTls nbdTls) {

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
        String defaultDir = conf.getString("default_tls_x509_cert_dir").orElse(NbdTls.DEFAULT.dir().toString());
        Path nbdDir = conf.getString("nbd_tls_x509_cert_dir").map(Path::of).orElse(null);
        if (nbdDir != null && !Files.exists(nbdDir)) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.CONF_SYNTAX,
                    "nbd_tls_x509_cert_dir directory '%s' does not exist", nbdDir);
        }
        NbdTls nbd = new NbdTls(nbdDir != null ? nbdDir : Path.of(defaultDir),
                conf.getBoolean("nbd_tls").orElse(false), conf.getString("nbd_tls_x509_secret_uuid")
                        .or(() -> conf.getString("default_tls_x509_secret_uuid")).orElse(null));
        return new QemuConf(spiceDir, nbd);
    }
}
