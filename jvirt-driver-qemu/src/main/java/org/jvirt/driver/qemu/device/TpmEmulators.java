package org.jvirt.driver.qemu.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.command.RuntimeLayout;
import org.jvirt.driver.qemu.command.TpmArgs;
import org.jvirt.driver.qemu.domain.AtomicFiles;
import org.jvirt.driver.qemu.process.Swtpm;
import org.jvirt.driver.qemu.secret.SecretFiles;
import org.jvirt.driver.qemu.secret.SecretRef;
import org.jvirt.driver.qemu.secret.TpmEncryption;
import org.jvirt.flags.DomainUndefineFlag;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * The emulated TPMs of a guest (libvirt's qemuExtTPM*): the state lives under the driver's
 * {@code swtpm/UUID/tpm2} (or {@code tpm1.2}), manufactured by swtpm_setup the first time; a swtpm serves it
 * while the guest runs (its pid file and socket in the run directory); undefining the guest, or the end of a
 * transient one, removes the state unless the guest or the caller asks to keep it.
 */
public final class TpmEmulators {

    private TpmEmulators() {
    }

    /** The state directory of a guest's emulated TPMs (all versions), libvirt's swtpmStorageDir/UUID. */
    public static Path stateOf(Path driverStateDir, DomainXml def) {
        return driverStateDir.resolve("swtpm").resolve(def.uuid().toString());
    }

    /**
     * Prepares and starts the swtpm of every emulated TPM of a live definition before QEMU starts; an encrypted
     * state's passphrase comes from the secret driver at {@code secretUri}, elevated, and sits in a private file
     * of the run directory only while swtpm_setup and swtpm read it. A failure leaves no swtpm running and no
     * state that was created for this start.
     */
    public static void start(DomainXml live, RuntimeLayout layout, Path driverStateDir, Path logDir,
            String secretUri) {
        for (DeviceXml tpm : TpmArgs.tpms(live)) {
            Element backend = Dom.child(tpm.element(), "backend");
            if (backend == null || !"emulator".equals(Dom.attribute(backend, "type"))) {
                continue;
            }
            boolean tpm2 = !"1.2".equals(Dom.attribute(backend, "version"));
            Swtpm swtpm = Swtpm.find();
            Path base = stateOf(driverStateDir, live);
            Path state = base.resolve(tpm2 ? "tpm2" : "tpm1.2");
            Path log = logDir.resolve(live.name() + "-swtpm.log");
            boolean created = !Files.exists(state);
            try {
                Files.createDirectories(logDir);
                Files.createDirectories(state, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (IOException e) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR,
                        "Unable to create directory %s: %s", state, e.getMessage());
            }
            SecretRef secret = TpmEncryption.of(backend).orElse(null);
            Path passphrase = null;
            try {
                if (secret != null) {
                    passphrase = passphraseFile(layout.runDir(), secret, secretUri);
                }
                if (created) {
                    swtpm.manufacture(state, live.name() + ":" + live.uuid(), log, tpm2, passphrase);
                }
                swtpm.start(state, TpmArgs.emulatorSocket(layout, "tpm0"), log, pidFile(layout.runDir()), tpm2,
                        passphrase);
            } catch (RuntimeException e) {
                if (created) {
                    AtomicFiles.deleteTree(base);
                }
                throw e;
            } finally {
                if (passphrase != null) {
                    AtomicFiles.deleteTree(passphrase);
                }
            }
        }
    }

    /** Stops the swtpms of a run (each pid file in its run directory); nothing to do when there are none. */
    public static void stop(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            return;
        }
        try (Stream<Path> s = Files.list(runDir)) {
            s.filter(p -> p.getFileName().toString().endsWith("-swtpm.pid")).forEach(Swtpm::stop);
        } catch (IOException ignored) {
            // nothing listed, nothing to stop
        }
    }

    /**
     * libvirt's qemuTPMEmulatorCleanupHost when a guest goes away: the state is removed when
     * {@code persistent_state='yes'} is not set and KEEP_TPM is not given, or when it is set and TPM is given.
     */
    public static void removeState(DomainXml def, Path driverStateDir, Set<DomainUndefineFlag> flags) {
        for (DeviceXml tpm : TpmArgs.tpms(def)) {
            Element backend = Dom.child(tpm.element(), "backend");
            if (backend == null || !"emulator".equals(Dom.attribute(backend, "type")) || def.uuid() == null) {
                continue;
            }
            boolean persistentState = "yes".equals(Dom.attribute(backend, "persistent_state"));
            if (persistentState ? flags.contains(DomainUndefineFlag.TPM)
                    : !flags.contains(DomainUndefineFlag.KEEP_TPM)) {
                AtomicFiles.deleteTree(stateOf(driverStateDir, def));
            }
        }
    }

    private static Path passphraseFile(Path runDir, SecretRef secret, String secretUri) {
        try (Connect c = Connect.open(secretUri)) {
            byte[] value = secret.value(c);
            try {
                return SecretFiles.writeFor(runDir, TpmEncryption.fileId("tpm0"), value);
            } finally {
                Arrays.fill(value, (byte) 0);
            }
        }
    }

    private static Path pidFile(Path runDir) {
        return runDir.resolve("tpm0-swtpm.pid");
    }
}
