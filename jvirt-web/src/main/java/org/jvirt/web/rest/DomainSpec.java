package org.jvirt.web.rest;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.jvirt.web.http.ApiError;
import org.jvirt.web.http.Call;
import org.jvirt.xml.domain.DiskSource;
import org.jvirt.xml.domain.DiskXml;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.InterfaceSource;

/**
 * The JSON description of a new domain, turned into libvirt's XML through jvirt-xml's typed document:
 * <pre>
 * {"name": "vm1", "memoryMiB": 512, "vcpus": 1, "type": "qemu", "arch": "x86_64", "machine": "pc",
 *  "disks": [{"path": "/var/lib/images/vm1.qcow2", "format": "qcow2", "bus": "virtio"}],
 *  "cdrom": "/srv/iso/debian.iso", "networks": ["default"], "graphics": "vnc", "serialConsole": true,
 *  "kernel": "...", "initrd": "...", "cmdline": "..."}
 * </pre>
 * Paths are checked as absolute and free of {@code ..}; whether they exist is for the driver to say.
 */
public final class DomainSpec {

    private DomainSpec() {
    }

    public static String toXml(JsonNode n) {
        String name = Call.text(n, "name");
        String type = n.path("type").asText("qemu");
        DomainXml d = DomainXml.create(type, name);
        long mib = n.path("memoryMiB").asLong(512);
        if (mib <= 0 || mib > 16L * 1024 * 1024) {
            throw ApiError.badRequest("'memoryMiB' must be between 1 and 16777216");
        }
        d.memoryKiB(mib * 1024);
        int vcpus = n.path("vcpus").asInt(1);
        if (vcpus <= 0 || vcpus > 4096) {
            throw ApiError.badRequest("'vcpus' must be between 1 and 4096");
        }
        d.vcpus(vcpus);
        d.os().type("hvm").arch(n.path("arch").asText("x86_64")).machine(n.path("machine").asText("pc"));
        if (n.hasNonNull("kernel")) {
            d.os().kernel(path(n, "kernel"));
            if (n.hasNonNull("initrd")) {
                d.os().initrd(path(n, "initrd"));
            }
            if (n.hasNonNull("cmdline")) {
                d.os().cmdline(n.get("cmdline").asText());
            }
        }
        List<String> boot = new ArrayList<>();
        char next = 'a';
        for (JsonNode disk : n.path("disks")) {
            String p = path(disk, "path");
            String bus = disk.path("bus").asText("virtio");
            DiskXml x = d.devices().addDisk(new DiskSource.File(p), "disk");
            x.driver(new DiskXml.DiskDriver("qemu", disk.path("format").asText("qcow2"), null));
            x.target((bus.equals("virtio") ? "vd" : "sd") + next++, bus);
            if (boot.isEmpty()) {
                boot.add("hd");
            }
        }
        if (n.hasNonNull("cdrom")) {
            DiskXml x = d.devices().addDisk(new DiskSource.File(path(n, "cdrom")), "cdrom");
            x.driver(new DiskXml.DiskDriver("qemu", "raw", null));
            x.target("sda", "sata");
            x.readonly(true);
            boot.add(0, "cdrom");
        }
        if (!boot.isEmpty()) {
            d.os().bootDevices(boot);
        }
        for (JsonNode net : n.path("networks")) {
            if (!net.isTextual() || net.asText().isEmpty()) {
                throw ApiError.badRequest("'networks' holds network names");
            }
            d.devices().addInterface(new InterfaceSource.Network(net.asText(), null)).model("virtio");
        }
        if (n.path("serialConsole").asBoolean(true)) {
            d.devices().addCharDevice("serial", "pty");
            d.devices().addCharDevice("console", "pty");
        }
        String graphics = n.path("graphics").asText("vnc");
        if (graphics.equals("vnc")) {
            d.devices().addGraphics("vnc").autoport(true).listen("127.0.0.1");
            d.devices().addVideo("vga");
        } else if (!graphics.equals("none")) {
            throw ApiError.badRequest("'graphics' is 'vnc' or 'none'");
        }
        return d.toXml();
    }

    static String path(JsonNode n, String field) {
        String p = Call.text(n, field);
        checkPath(p, field);
        return p;
    }

    /** A host path given by a client: absolute, no {@code ..} segment, no control characters. */
    public static void checkPath(String p, String what) {
        if (!p.startsWith("/") || p.contains("/../") || p.endsWith("/..") || p.chars().anyMatch(c -> c < 0x20)) {
            throw ApiError.badRequest("'" + what + "' must be an absolute path without '..'");
        }
    }
}
