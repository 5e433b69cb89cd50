package org.jvirt.driver.qemu.command;

import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * {@code <memoryBacking>} for a guest without NUMA cells, as libvirt 9.0 builds it: when a source type
 * (memfd, file, anonymous) or shared access is asked for, the guest's RAM is a {@code memory-backend-*} object
 * with libvirt's id for the machine's default RAM ({@code pc.ram}) that {@code -machine memory-backend=} takes.
 * Shared access is what vhost-user devices (virtiofs) need. File-backed RAM lives in the run's directory, where
 * QEMU creates (and unlinks) its file.
 */
final class MemoryBackingArgs {

    /** QEMU's id for the RAM of pc and q35 machines (libvirt's default RAM id). */
    static final String RAM_ID = "pc.ram";

    private MemoryBackingArgs() {
    }

    private static Element backing(DomainXml def) {
        return Dom.child(def.element(), "memoryBacking");
    }

    /** Whether the guest's RAM is shared with other processes ({@code <access mode='shared'/>}). */
    static boolean shared(DomainXml def) {
        Element b = backing(def);
        Element access = b == null ? null : Dom.child(b, "access");
        return access != null && "shared".equals(Dom.attribute(access, "mode"));
    }

    /** Whether all of the guest's RAM is shared: the guest's access mode, or each NUMA cell's. */
    static boolean allShared(DomainXml def) {
        return NumaArgs.cells(def).isEmpty() ? shared(def) : NumaArgs.allShared(def, shared(def));
    }

    static String source(DomainXml def) {
        Element b = backing(def);
        Element source = b == null ? null : Dom.child(b, "source");
        return source == null ? null : Dom.attribute(source, "type");
    }

    /** The backend id for {@code -machine memory-backend=}, or null when QEMU's own RAM will do. */
    static String machineBackend(DomainXml def, boolean x86) {
        if (!x86 || !NumaArgs.cells(def).isEmpty() || (source(def) == null && !shared(def))) {
            return null;
        }
        return RAM_ID;
    }

    /** {@code mem-merge=off} for the machine when {@code <nosharepages/>} turns KSM off, else null. */
    static String memMerge(DomainXml def) {
        Element b = backing(def);
        return b != null && Dom.child(b, "nosharepages") != null ? "off" : null;
    }

    private static boolean preallocate(DomainXml def) {
        Element b = backing(def);
        Element alloc = b == null ? null : Dom.child(b, "allocation");
        return alloc != null && "immediate".equals(Dom.attribute(alloc, "mode"));
    }

    static void add(DomainXml def, boolean x86, RuntimeLayout layout, List<String> a) {
        Element b = backing(def);
        if (b != null && Dom.child(b, "hugepages") != null) {
            throw BuildContext.unsupported("hugepages are not supported by this driver yet");
        }
        if (b != null && Dom.child(b, "discard") != null) {
            throw BuildContext.unsupported("memory backing discard is not supported by this driver yet");
        }
        addBackend(def, x86, layout, a);
        if (b != null && Dom.child(b, "locked") != null) {
            a.add("-overcommit");
            a.add("mem-lock=on");
        }
    }

    private static void addBackend(DomainXml def, boolean x86, RuntimeLayout layout, List<String> a) {
        if (machineBackend(def, x86) == null) { // also with NUMA cells: each has a backend of its own (NumaArgs)
            if (preallocate(def) && NumaArgs.cells(def).isEmpty()) {
                a.add("-mem-prealloc");
            }
            return;
        }
        if (def.maxMemoryKiB() != null) {
            throw BuildContext.unsupported("memory backing together with memory hotplug (maxMemory) is not "
                    + "supported by this driver yet");
        }
        String source = source(def) == null ? "anonymous" : source(def);
        QemuOpts o = switch (source) {
            case "memfd" -> QemuOpts.of("memory-backend-memfd").add("id", RAM_ID);
            case "file" -> QemuOpts.of("memory-backend-file").add("id", RAM_ID)
                    .add("mem-path", layout.runDir().toString());
            case "anonymous" -> QemuOpts.of("memory-backend-ram").add("id", RAM_ID);
            default -> throw BuildContext.unsupported("memory backing source type '%s' is not supported", source);
        };
        if (shared(def)) {
            o.add("share", true);
        }
        if (preallocate(def)) {
            o.add("prealloc", true);
        }
        o.add("x-use-canonical-path-for-ramblock-id", false).add("size", def.memoryKiB() * 1024);
        a.add("-object");
        a.add(o.toString());
    }
}
