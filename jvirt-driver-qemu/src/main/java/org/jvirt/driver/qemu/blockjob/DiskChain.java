package org.jvirt.driver.qemu.blockjob;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainRun;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;

/**
 * A running disk as QEMU has it (query-block): its root block node and its image chain from the active image down,
 * each with its file name, format and virtual size. The root is looked up each time: after a pivot it is no longer
 * the node the command line named.
 */
record DiskChain(DiskXml disk, String rootNode, List<Image> images) {

    /** One image of the chain. */
    record Image(String file, String format, long virtualSize) {
    }

    /** The disk named by target or source path (libvirt's qemuDomainDiskByName). */
    static DiskXml find(DomainRun run, String name) {
        for (DiskXml d : run.liveDef().devices().disks()) {
            if (name.equals(d.targetDev()) || name.equals(path(d))) {
                return d;
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "disk '%s' not found in domain", name);
    }

    static String path(DiskXml d) {
        return switch (d.source()) {
            case DiskSource.File f -> f.path();
            case DiskSource.Block b -> b.dev();
            default -> null;
        };
    }

    static DiskChain of(DomainRun run, DiskXml disk) {
        String alias = disk.alias();
        for (JsonNode b : run.process().monitor().execute("query-block")) {
            String qdev = b.path("qdev").asText("");
            if (alias != null && (qdev.equals(alias) || qdev.startsWith("/machine/peripheral/" + alias + "/"))) {
                JsonNode in = b.path("inserted");
                if (in.isMissingNode()) {
                    break;
                }
                List<Image> images = new ArrayList<>();
                for (JsonNode i = in.path("image"); !i.isMissingNode(); i = i.path("backing-image")) {
                    images.add(new Image(i.path("filename").asText(), i.path("format").asText(),
                            i.path("virtual-size").asLong()));
                }
                return new DiskChain(disk, in.path("node-name").asText(), images);
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_UNSUPPORTED,
                "disk '%s' does not have storage", disk.targetDev());
    }

    Image top() {
        return images.get(0);
    }

    /** The index of the image whose file is {@code path}, or an error naming libvirt's words. */
    int indexOf(String path) {
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).file().equals(path)) {
                return i;
            }
        }
        throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG,
                "could not find image '%s' in chain for '%s'", path, disk.targetDev());
    }
}
