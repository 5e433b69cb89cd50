package org.jvirt.driver.qemu.display;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.driver.qemu.monitor.QmpCommandException;
import org.jvirt.xml.domain.VideoXml;

/**
 * virDomainScreenshot (qemuDomainScreenshot): QEMU writes the screen to a temporary file in the domain's runtime
 * directory ({@code screendump}), the file is opened, unlinked, and its bytes go to the client through the stream.
 * Like libvirt with a QEMU that can (7.1 and later), the image is a PNG; an older QEMU that does not know the
 * {@code format} argument gives a PPM, and the MIME type says which.
 */
public final class Screenshot {

    public static final String PNG = "image/png";
    public static final String PPM = "image/x-portable-pixmap";

    private Screenshot() {
    }

    public static String take(DomainObj dom, Stream stream, int screen) {
        String videoAlias = null;
        int head = screen;
        dom.beginJob("screenshot");
        try {
            DomainRun run = dom.requireRun();
            List<VideoXml> videos = run.liveDef().devices().videos().stream()
                    .filter(v -> !"none".equals(v.model())).toList();
            if (videos.isEmpty()) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID,
                        "no screens to take screenshot from");
            }
            if (screen != 0) {
                // a screen number counts the heads of every video device in turn
                for (VideoXml v : videos) {
                    int heads = v.heads() == null ? 1 : v.heads();
                    if (head < heads) {
                        videoAlias = v.alias();
                        break;
                    }
                    head -= heads;
                }
                if (videoAlias == null) {
                    throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_INVALID, "no such screen ID");
                }
            }
            Path tmp = tempFile(run.runDir());
            try {
                String mime = dump(run, tmp, videoAlias, head);
                FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ);
                stream.attach(new FileReadStream(ch));
                return mime;
            } catch (IOException e) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "unable to open stream");
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the runtime directory goes with the domain
                }
            }
        } finally {
            dom.endJob();
        }
    }

    /** Asks for a PNG; a QEMU that cannot write one is asked again without a format (PPM). */
    private static String dump(DomainRun run, Path file, String device, int head) {
        try {
            run.process().monitor().execute("screendump", args(file, device, head).put("format", "png"));
            return PNG;
        } catch (QmpCommandException e) {
            if (!e.description().contains("format")) {
                throw e;
            }
        }
        run.process().monitor().execute("screendump", args(file, device, head));
        return PPM;
    }

    private static ObjectNode args(Path file, String device, int head) {
        ObjectNode a = JsonNodeFactory.instance.objectNode().put("filename", file.toString());
        if (device != null) {
            a.put("device", device);
        }
        if (head > 0) {
            a.put("head", head);
        }
        return a;
    }

    private static Path tempFile(Path runDir) {
        try {
            return Files.createTempFile(runDir, "qemu.screendump.", "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.SYSTEM_ERROR, "g_mkstemp(\"%s/qemu.screendump.XXXXXX\") failed: %s",
                    runDir, e.getMessage());
        }
    }
}
