package org.jvirt.driver.test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.flags.ConnectBaselineCPUFlag;
import org.w3c.dom.Element;

/**
 * testConnectBaselineCPU: libvirt's x86 baseline (virCPUx86Baseline and x86Decode) over its CPU map. The CPUs are
 * read as host CPUs; the baseline is the intersection of their models and features, named by the model that
 * leaves the fewest features to list (a model the CPUs share wins outright), with the features the model lacks
 * required and those it has beyond the data disabled.
 */
final class CpuBaseline {

    /** virCPUx86CompareCandidateFeatureList's BASE_PENALTY for each disabled feature. */
    private static final int BASE_PENALTY = 2;
    private static final Set<String> X86 = Set.of("x86_64", "i686", "i386", "i486", "i586");

    private CpuBaseline() {
    }

    /** A host CPU definition as virCPUDefParseXML reads one: policies are not read. */
    private record HostCpu(String arch, String model, String vendor, List<String> features) {
    }

    /** A guest CPU feature and its policy ("require" or "disable"). */
    private record Policy(String name, String policy) {
    }

    private static HostCpu parse(String xml) {
        Element r = Xml.parse(xml, "(CPU_definition)", "cpu", ErrorDomain.CPU).getDocumentElement();
        String arch = Xml.childText(r, "arch");
        if (arch == null) {
            throw VirtException.of(ErrorDomain.CPU, ErrorNumber.XML_ERROR, "Missing CPU architecture");
        }
        List<String> features = new ArrayList<>();
        for (Element f : Xml.children(r, "feature")) {
            String name = Xml.attr(f, "name");
            if (name == null) {
                throw VirtException.of(ErrorDomain.CPU, ErrorNumber.XML_ERROR, "Invalid CPU feature name");
            }
            features.add(name);
        }
        String model = Xml.childText(r, "model");
        if (model == null || model.isEmpty()) {
            throw VirtException.of(ErrorDomain.CPU, ErrorNumber.XML_ERROR, "Missing CPU model name");
        }
        String vendor = Xml.childText(r, "vendor");
        return new HostCpu(arch.trim(), model == null ? null : model.trim(), vendor == null ? null : vendor.trim(),
                features);
    }

    static String baseline(List<String> xmlCPUs, Set<ConnectBaselineCPUFlag> flags) {
        Errors.checkFlags(flags, Set.of(ConnectBaselineCPUFlag.EXPAND_FEATURES), "testConnectBaselineCPU");
        List<HostCpu> cpus = new ArrayList<>();
        for (String x : xmlCPUs) {
            cpus.add(parse(x));
        }
        if (cpus.isEmpty()) {
            throw VirtException.of(ErrorDomain.CPU, ErrorNumber.INVALID_ARG, "no CPUs given");
        }
        if (!X86.contains(cpus.get(0).arch())) {
            throw VirtException.of(ErrorDomain.CPU, ErrorNumber.NO_SUPPORT,
                    "cannot compute baseline CPU of %s architecture", cpus.get(0).arch());
        }
        CpuMap map = CpuMap.get();
        Set<String> data = new HashSet<>(modelData(map, cpus.get(0)));
        boolean outputVendor = true;
        String vendor = null;
        if (cpus.get(0).vendor() == null) {
            outputVendor = false;
        } else if (!map.vendors.contains(cpus.get(0).vendor())) {
            throw VirtException.of(ErrorDomain.CPU, ErrorNumber.OPERATION_FAILED, "Unknown CPU vendor %s",
                    cpus.get(0).vendor());
        } else {
            vendor = cpus.get(0).vendor();
        }
        List<String> names = new ArrayList<>(List.of(cpus.get(0).model()));
        for (int i = 1; i < cpus.size(); i++) {
            HostCpu c = cpus.get(i);
            if (!names.contains(c.model())) {
                names.add(c.model());
            }
            Set<String> other = modelData(map, c);
            String modelVendor = map.modelByName.get(c.model()).vendor();
            if (c.vendor() != null && modelVendor != null && !c.vendor().equals(modelVendor)) {
                throw VirtException.of(ErrorDomain.CPU, ErrorNumber.OPERATION_FAILED,
                        "CPU vendor %s of model %s differs from vendor %s", modelVendor, c.model(), c.vendor());
            }
            String vn;
            if (c.vendor() != null) {
                vn = c.vendor();
            } else {
                outputVendor = false;
                vn = modelVendor;
            }
            if (vn != null) {
                if (vendor == null) {
                    if (!map.vendors.contains(vn)) {
                        throw VirtException.of(ErrorDomain.CPU, ErrorNumber.OPERATION_FAILED, "Unknown CPU vendor %s",
                                vn);
                    }
                    vendor = vn;
                } else if (!vendor.equals(vn)) {
                    throw VirtException.of(ErrorDomain.CPU, ErrorNumber.OPERATION_FAILED, "CPU vendors do not match");
                }
            }
            data.retainAll(other);
        }
        if (data.isEmpty()) {
            throw VirtException.of(ErrorDomain.CPU, ErrorNumber.OPERATION_FAILED, "CPUs are incompatible");
        }
        Decoded d = decode(map, data, vendor, names);
        String fallback = names.size() == 1 && d.model().name().equals(names.get(0)) ? "forbid" : "allow";
        List<Policy> features = d.features();
        if (flags.contains(ConnectBaselineCPUFlag.EXPAND_FEATURES)) {
            features = expand(map, d.model(), features);
        }
        StringBuilder b = new StringBuilder("<cpu mode='custom' match='exact'>\n");
        b.append("  <model fallback='").append(fallback).append("'>").append(d.model().name()).append("</model>\n");
        if (outputVendor && vendor != null) {
            b.append("  <vendor>").append(vendor).append("</vendor>\n");
        }
        for (Policy p : features) {
            b.append("  <feature policy='").append(p.policy()).append("' name='").append(p.name()).append("'/>\n");
        }
        return b.append("</cpu>\n").toString();
    }

    /** x86ModelFromCPU with every policy: the model's bits and the CPU's own features. */
    private static Set<String> modelData(CpuMap map, HostCpu cpu) {
        CpuMap.Model m = map.modelByName.get(cpu.model());
        if (m == null) {
            throw VirtException.of(ErrorDomain.CPU, ErrorNumber.INTERNAL_ERROR, "Unknown CPU model %s", cpu.model());
        }
        Set<String> out = new HashSet<>(m.bits());
        for (String f : cpu.features()) {
            CpuMap.Feature feature = map.featureByName.get(f);
            if (feature == null) {
                throw VirtException.of(ErrorDomain.CPU, ErrorNumber.INTERNAL_ERROR, "Unknown CPU feature %s", f);
            }
            out.addAll(feature.bits());
        }
        return out;
    }

    private record Decoded(CpuMap.Model model, List<Policy> features) {
    }

    /** x86Decode for a guest CPU with no hypervisor model list and no signature (baseline data carries none). */
    private static Decoded decode(CpuMap map, Set<String> data, String vendor, List<String> preferred) {
        Decoded best = null;
        for (int i = map.models.size() - 1; i >= 0; i--) {
            CpuMap.Model candidate = map.models.get(i);
            if (vendor != null && candidate.vendor() != null && !vendor.equals(candidate.vendor())) {
                continue;
            }
            Decoded cand = new Decoded(candidate, toCpu(map, data, candidate));
            if (!candidate.decodeGuest()) {
                continue;
            }
            boolean isPreferred = preferred.contains(candidate.name());
            if (isPreferred && preferred.size() == 1) {
                best = cand;
                break;
            }
            if (best == null || better(best.features(), cand.features(), isPreferred)) {
                best = cand;
            }
        }
        if (best == null) {
            throw VirtException.of(ErrorDomain.CPU, ErrorNumber.INTERNAL_ERROR,
                    "Cannot find suitable CPU model for given data");
        }
        return best;
    }

    /** x86DataToCPU: what the data has beyond the model is required, what the model has beyond it disabled. */
    private static List<Policy> toCpu(CpuMap map, Set<String> data, CpuMap.Model model) {
        Set<String> extra = new HashSet<>(data);
        extra.removeAll(model.bits());
        Set<String> missing = new HashSet<>(model.bits());
        missing.removeAll(data);
        Map<String, String> out = new LinkedHashMap<>();
        map.featuresOf(extra).forEach(f -> out.put(f, "require"));
        map.featuresOf(missing).forEach(f -> out.put(f, "disable"));
        for (String removed : model.removed()) {
            out.putIfAbsent(removed, "disable");
        }
        List<Policy> list = new ArrayList<>();
        out.forEach((k, v) -> list.add(new Policy(k, v)));
        return list;
    }

    /** virCPUx86CompareCandidateFeatureList for guest CPUs: disabled features weigh more, more so the more there are. */
    private static boolean better(List<Policy> current, List<Policy> candidate, boolean isPreferred) {
        long[] cur = weigh(current);
        long[] cand = weigh(candidate);
        if (cand[0] < cur[0] || (cand[0] == cur[0] && cand[1] < cur[1])) {
            return true;
        }
        return isPreferred && cand[1] < cur[1];
    }

    /** The weight of a feature list and the part of it disabled features make. */
    private static long[] weigh(List<Policy> features) {
        long enabled = features.size();
        long disabled = 0;
        int penalty = BASE_PENALTY;
        for (Policy p : features) {
            if (p.policy().equals("disable")) {
                enabled--;
                disabled += penalty;
                penalty++;
            }
        }
        return new long[] {enabled + disabled, disabled};
    }

    /** virCPUx86ExpandFeatures for a guest CPU, then sorted by name as virCPUExpandFeatures leaves them. */
    private static List<Policy> expand(CpuMap map, CpuMap.Model model, List<Policy> features) {
        Map<String, String> out = new LinkedHashMap<>();
        map.featuresOf(model.bits()).forEach(f -> out.put(f, "require"));
        for (Policy p : features) {
            out.put(p.name(), p.policy());
        }
        for (String removed : model.removed()) {
            out.putIfAbsent(removed, "disable");
        }
        List<Policy> list = new ArrayList<>();
        out.forEach((k, v) -> list.add(new Policy(k, v)));
        list.sort(java.util.Comparator.comparing(Policy::name));
        return list;
    }
}
