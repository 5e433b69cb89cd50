package org.jvirt.install.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jvirt.install.InstallRequest.CloudInitSpec;

/**
 * The NoCloud files for --cloud-init, as virt-install writes them (virtinst/install/cloudinit.py): meta-data and
 * user-data (the user's, or a #cloud-config setting the root password and SSH key), and network-config when given.
 *
 * @param files              file name to content, in the seed's order
 * @param generatedPassword  the root password made for root-password-generate, or null
 */
public record CloudInitData(Map<String, byte[]> files, String generatedPassword) {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static CloudInitData of(CloudInitSpec spec) throws IOException {
        String generated = null;
        if (spec.rootPasswordGenerate()) {
            SecureRandom r = new SecureRandom();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            generated = sb.toString();
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("meta-data", spec.metaData() == null ? new byte[0] : Files.readAllBytes(spec.metaData()));
        files.put("user-data", spec.userData() != null ? Files.readAllBytes(spec.userData())
                : userData(spec, generated).getBytes(StandardCharsets.UTF_8));
        if (spec.networkConfig() != null) {
            files.put("network-config", Files.readAllBytes(spec.networkConfig()));
        }
        return new CloudInitData(files, generated);
    }

    private static String userData(CloudInitSpec spec, String generated) throws IOException {
        StringBuilder c = new StringBuilder("#cloud-config\n");
        String rootPass = spec.rootPasswordFile() != null ? firstLine(spec.rootPasswordFile()) : generated;
        if (rootPass != null) {
            c.append("chpasswd:\n  list: |\n    root:").append(rootPass).append('\n');
            c.append(generated != null ? "  expire: True\n" : "  expire: False\n");
        }
        if (spec.rootSshKey() != null) {
            c.append("users:\n  - name: root\n    ssh-authorized-keys:\n      - ")
                    .append(firstLine(spec.rootSshKey())).append('\n');
        }
        if (spec.disable()) {
            c.append("runcmd:\n- echo \"Disabled by virt-install\" > /etc/cloud/cloud-init.disabled\n");
        }
        return c.toString();
    }

    private static String firstLine(Path p) throws IOException {
        String s = Files.readString(p);
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).replace("\r", "");
    }
}
