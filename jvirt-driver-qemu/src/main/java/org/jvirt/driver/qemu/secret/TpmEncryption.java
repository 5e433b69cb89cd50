package org.jvirt.driver.qemu.secret;

import java.util.Optional;
import java.util.UUID;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.SecretUsageType;
import org.jvirt.VirtException;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/**
 * An emulated TPM's {@code <backend type='emulator'><encryption secret='UUID'/></backend>}: the vTPM secret whose
 * value is the passphrase swtpm derives its state key from (libvirt's qemuTPMSetupEncryption, which looks the
 * secret up by UUID only).
 */
public final class TpmEncryption {

    private TpmEncryption() {
    }

    /** The backend's state secret, empty when the state is not encrypted. */
    public static Optional<SecretRef> of(Element backend) {
        Element enc = Dom.child(backend, "encryption");
        String uuid = enc == null ? null : Dom.attribute(enc, "secret");
        if (uuid == null) {
            return Optional.empty();
        }
        try {
            UUID.fromString(uuid);
        } catch (IllegalArgumentException e) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INTERNAL_ERROR, "Unable to parse secret uuid '%s'",
                    uuid);
        }
        return Optional.of(new SecretRef(SecretUsageType.VTPM, uuid, null));
    }

    /** The name of the passphrase's file while swtpm_setup and swtpm start. */
    public static String fileId(String tpmAlias) {
        return tpmAlias + "-swtpm-passphrase";
    }
}
