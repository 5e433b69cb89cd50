package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DeviceXml;
import org.jvirt.xml.domain.SoundXml;
import org.w3c.dom.Element;

/**
 * {@code <sound>} and the audio backend it plays into, as libvirt 9.0 builds them: one {@code -audiodev}
 * ({@code <audio id='1' type=...>}, or libvirt's default: {@code spice} with SPICE graphics, else {@code none},
 * since qemu.conf's *_allow_host_audio are off by default), HDA controllers with a codec device per
 * {@code <codec>} (duplex when none is listed), AC97 and ICH6/9, and USB audio on the USB bus.
 */
final class SoundArgs {

    static final String AUDIO_ID = "audio1";

    private SoundArgs() {
    }

    static void add(BuildContext ctx) {
        List<SoundXml> sounds = ctx.def.devices().sounds();
        if (sounds.isEmpty()) {
            return;
        }
        ctx.arg("-audiodev", QemuOpts.empty().add("id", AUDIO_ID).add("driver", backend(ctx)).toString());
        for (int i = 0; i < sounds.size(); i++) {
            SoundXml s = sounds.get(i);
            String id = "sound" + i;
            s.alias(id);
            String model = s.model() == null ? "" : s.model();
            switch (model) {
                case "ich6", "ich9" -> {
                    String dev = model.equals("ich6") ? "intel-hda" : "ich9-intel-hda";
                    ctx.requireDevice(dev, "sound model '" + model + "'");
                    ctx.device(QemuOpts.of(dev).add("id", id).add("bus", ctx.q35 && model.equals("ich9") ? "pcie.0"
                            : ctx.pcieBus()));
                    List<Element> codecs = Dom.children(s.element(), "codec");
                    if (codecs.isEmpty()) {
                        codec(ctx, id, 0, "duplex");
                    }
                    for (int c = 0; c < codecs.size(); c++) {
                        String type = Dom.attribute(codecs.get(c), "type");
                        codec(ctx, id, c, type == null ? "duplex" : type);
                    }
                }
                case "ac97" -> {
                    ctx.requireDevice("AC97", "sound model 'ac97'");
                    ctx.device(QemuOpts.of("AC97").add("id", id).add("audiodev", AUDIO_ID).add("bus", ctx.pcieBus()));
                }
                case "usb" -> {
                    UsbArgs.requireUsb(ctx);
                    ctx.requireDevice("usb-audio", "sound model 'usb'");
                    ctx.device(QemuOpts.of("usb-audio").add("id", id).add("audiodev", AUDIO_ID).add("bus", "usb.0")
                            .add("port", ctx.nextUsbPort()));
                }
                default -> throw BuildContext.unsupported("sound card model '%s' is not supported by this driver",
                        model);
            }
        }
    }

    private static void codec(BuildContext ctx, String sound, int cad, String type) {
        String dev = switch (type) {
            case "duplex" -> "hda-duplex";
            case "micro" -> "hda-micro";
            case "output" -> "hda-output";
            default -> throw BuildContext.unsupported("sound codec type '%s' is not supported", type);
        };
        ctx.device(QemuOpts.of(dev).add("id", sound + "-codec" + cad).add("bus", sound + ".0").add("cad", cad)
                .add("audiodev", AUDIO_ID));
    }

    /** The backend: the one {@code <audio>} element's type, or libvirt's default for the graphics in use. */
    private static String backend(BuildContext ctx) {
        List<DeviceXml> audios = ctx.def.devices().all().stream().filter(d -> d.deviceKind().equals("audio"))
                .toList();
        if (audios.size() > 1) {
            throw BuildContext.unsupported("only one audio backend is supported by this driver");
        }
        if (audios.isEmpty()) {
            boolean spice = ctx.def.devices().graphics().stream().anyMatch(g -> "spice".equals(g.type()));
            return spice ? "spice" : "none";
        }
        String type = Dom.attribute(audios.get(0).element(), "type");
        return switch (type == null ? "" : type) {
            case "none", "spice" -> type;
            default -> throw BuildContext.unsupported("audio backend type '%s' is not supported by this driver",
                    type);
        };
    }
}
