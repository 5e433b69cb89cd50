package org.jvirt.driver.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * libvirt's x86 CPU map (virCPUx86Map), read at run time from libvirt's own data files in
 * {@code /usr/share/libvirt/cpu_map}: the features with the CPUID and MSR bits that make them, and the models in
 * the map's order with their features, vendor and decode switches. CPU data is a set of bits, each named by its
 * leaf, sub-leaf (or MSR index), register and bit, so that libvirt's data operations (add, subtract, intersect,
 * subset) are set operations.
 */
final class CpuMap {

    static final Path DIR = Path.of("/usr/share/libvirt/cpu_map");
    private static final List<String> CPUID_REGS = List.of("eax", "ebx", "ecx", "edx");
    private static final List<String> MSR_REGS = List.of("eax", "edx");

    record Feature(String name, Set<String> bits, boolean migratable) {
    }

    record Model(String name, boolean decodeHost, boolean decodeGuest, String vendor, Set<String> bits,
                 List<String> removed) {
    }

    final List<Feature> features = new ArrayList<>();
    final Map<String, Feature> featureByName = new LinkedHashMap<>();
    final List<Model> models = new ArrayList<>();
    final Map<String, Model> modelByName = new LinkedHashMap<>();
    final Set<String> vendors = new HashSet<>();

    private static CpuMap loaded;

    /** The map, read once (virCPUx86GetMap); fails as libvirt does when its data files are missing. */
    static synchronized CpuMap get() {
        if (loaded == null) {
            CpuMap m = new CpuMap();
            m.load();
            loaded = m;
        }
        return loaded;
    }

    private Document read(String file) {
        try {
            return Xml.parse(Files.readString(DIR.resolve(file)), file, "cpus", ErrorDomain.CPU);
        } catch (java.io.IOException e) {
            throw VirtException.of(ErrorDomain.CPU, ErrorNumber.SYSTEM_ERROR, "failed to read file '%s'",
                    DIR.resolve(file));
        }
    }

    private void load() {
        Element index = read("index.xml").getDocumentElement();
        for (Element arch : Xml.children(index, "arch")) {
            if (!"x86".equals(Xml.attr(arch, "name"))) {
                continue;
            }
            for (Element inc : Xml.children(arch, "include")) {
                Element root = read(Xml.attr(inc, "filename")).getDocumentElement();
                for (Element v : Xml.children(root, "vendor")) {
                    vendors.add(Xml.attr(v, "name"));
                }
                for (Element f : Xml.children(root, "feature")) {
                    Feature feature = new Feature(Xml.attr(f, "name"), bits(f), !"no".equals(Xml.attr(f,
                            "migratable")));
                    features.add(feature);
                    featureByName.put(feature.name(), feature);
                }
                for (Element m : Xml.children(root, "model")) {
                    Model model = model(m);
                    models.add(model);
                    modelByName.put(model.name(), model);
                }
            }
        }
    }

    private static Set<String> bits(Element feature) {
        Set<String> out = new HashSet<>();
        for (Element c : Xml.children(feature, "cpuid")) {
            String leaf = Long.toHexString(Long.decode(Xml.attr(c, "eax_in")));
            String sub = Xml.attr(c, "ecx_in") == null ? "0" : Long.toHexString(Long.decode(Xml.attr(c, "ecx_in")));
            for (String reg : CPUID_REGS) {
                addMask(out, "cpuid:" + leaf + ":" + sub + ":" + reg, Xml.attr(c, reg));
            }
        }
        for (Element m : Xml.children(feature, "msr")) {
            String idx = Long.toHexString(Long.decode(Xml.attr(m, "index")));
            for (String reg : MSR_REGS) {
                addMask(out, "msr:" + idx + ":" + reg, Xml.attr(m, reg));
            }
        }
        return out;
    }

    private static void addMask(Set<String> out, String where, String mask) {
        if (mask == null) {
            return;
        }
        long v = Long.decode(mask);
        for (int b = 0; b < 32; b++) {
            if ((v & (1L << b)) != 0) {
                out.add(where + ":" + b);
            }
        }
    }

    private Model model(Element m) {
        Element decode = Xml.child(m, "decode");
        Element vendor = Xml.child(m, "vendor");
        Set<String> bits = new HashSet<>();
        List<String> removed = new ArrayList<>();
        for (Element f : Xml.children(m, "feature")) {
            Feature feature = featureByName.get(Xml.attr(f, "name"));
            if (feature == null) {
                throw VirtException.of(ErrorDomain.CPU, ErrorNumber.INTERNAL_ERROR,
                        "Feature %s required by CPU model %s not found", Xml.attr(f, "name"), Xml.attr(m, "name"));
            }
            if ("yes".equals(Xml.attr(f, "removed"))) {
                removed.add(feature.name());
            } else {
                bits.addAll(feature.bits());
            }
        }
        return new Model(Xml.attr(m, "name"), decode != null && "on".equals(Xml.attr(decode, "host")),
                decode != null && "on".equals(Xml.attr(decode, "guest")),
                vendor == null ? null : Xml.attr(vendor, "name"), Set.copyOf(bits), List.copyOf(removed));
    }

    /**
     * x86DataToCPUFeatures: the map's features, in map order, whose bits are all in {@code data}; each one found
     * takes its bits out, so a feature whose bits an earlier one took is not named again.
     */
    List<String> featuresOf(Set<String> data) {
        Set<String> left = new HashSet<>(data);
        List<String> out = new ArrayList<>();
        for (Feature f : features) {
            if (!f.bits().isEmpty() && left.containsAll(f.bits())) {
                left.removeAll(f.bits());
                out.add(f.name());
            }
        }
        return out;
    }
}
