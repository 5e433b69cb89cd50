package org.jvirt.driver.qemu.command;

import java.nio.file.Path;
import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * {@code <tpm>} as libvirt 9.0's qemuBuildTPMCommandLine builds it: the backend ({@code emulator}: the
 * per-guest swtpm's control socket, which the driver starts before QEMU; {@code passthrough}: the host's TPM
 * device and its cancel file; {@code external}: a swtpm someone else runs) as {@code -tpmdev}, then the
 * front end ({@code tpm-crb} or {@code tpm-tis}) as {@code -device}.
 */
public final class TpmArgs {

    private TpmArgs() {
    }

    /** The TPM devices of a definition, in document order. */
    public static List<DeviceXml> tpms(DomainXml def) {
        return def.devices().all().stream().filter(d -> d.deviceKind().equals("tpm")).toList();
    }

    /** Where the swtpm of an emulated TPM listens: in the run's own directory, gone when the run ends. */
    public static Path emulatorSocket(RuntimeLayout layout, String alias) {
        return layout.runDir().resolve(alias + "-swtpm.sock");
    }

    static void add(BuildContext ctx) {
        List<DeviceXml> tpms = tpms(ctx.def);
        if (tpms.size() > 1) {
            throw BuildContext.unsupported("only a single TPM non-proxy device is supported");
        }
        if (tpms.isEmpty()) {
            return;
        }
        DeviceXml tpm = tpms.get(0);
        Element e = tpm.element();
        String model = Dom.attribute(e, "model") == null ? "tpm-tis" : Dom.attribute(e, "model");
        if (!model.equals("tpm-tis") && !model.equals("tpm-crb")) {
            throw BuildContext.unsupported("TPM model '%s' is not supported by this driver", model);
        }
        Element backend = Dom.child(e, "backend");
        if (backend == null) {
            throw BuildContext.unsupported("missing TPM device backend");
        }
        String type = Dom.attribute(backend, "type");
        tpm.alias("tpm0");
        String tpmdev = "tpm-tpm0";
        switch (type == null ? "" : type) {
            case "emulator" -> {
                String version = Dom.attribute(backend, "version");
                if (version != null && !version.equals("2.0") && !version.equals("1.2")) {
                    throw BuildContext.unsupported("Unsupported TPM version '%s'", version);
                }
                if ("1.2".equals(version) && model.equals("tpm-crb")) {
                    throw BuildContext.unsupported("TPM version '1.2' is not supported with model 'tpm-crb'");
                }
                org.jvirt.driver.qemu.secret.TpmEncryption.of(backend); // its errors at define; swtpm uses it
                Path socket = emulatorSocket(ctx.layout, "tpm0");
                QemuCommandBuilder.checkSocketPath(socket);
                ctx.arg("-chardev", QemuOpts.of("socket").add("id", "chrtpm").add("path", socket.toString())
                        .toString());
                ctx.arg("-tpmdev", QemuOpts.of("emulator").add("id", tpmdev).add("chardev", "chrtpm").toString());
            }
            case "external" -> {
                Element source = Dom.child(backend, "source");
                String path = source == null ? null : Dom.attribute(source, "path");
                if (path == null) {
                    throw BuildContext.unsupported("missing socket path of the external TPM backend");
                }
                ctx.arg("-chardev", QemuOpts.of("socket").add("id", "chrtpm").add("path", path).toString());
                ctx.arg("-tpmdev", QemuOpts.of("emulator").add("id", tpmdev).add("chardev", "chrtpm").toString());
            }
            case "passthrough" -> {
                Element device = Dom.child(backend, "device");
                String path = device == null || Dom.attribute(device, "path") == null ? "/dev/tpm0"
                        : Dom.attribute(device, "path");
                String name = Path.of(path).getFileName().toString();
                ctx.arg("-tpmdev", QemuOpts.of("passthrough").add("id", tpmdev).add("path", path)
                        .add("cancel-path", "/sys/class/tpm/" + name + "/device/cancel").toString());
            }
            default -> throw BuildContext.unsupported("TPM backend type '%s' is not supported", type);
        }
        ctx.requireDevice(model, "TPM model '" + model + "'");
        ctx.device(QemuOpts.of(model).add("tpmdev", tpmdev).add("id", "tpm0"));
    }
}
