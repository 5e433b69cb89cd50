package org.jvirt.shell;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.jvirt.CPUCompareResult;
import org.jvirt.VirtException;
import org.jvirt.flags.ConnectBaselineCPUFlag;
import org.jvirt.flags.ConnectCompareCPUFlag;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** virsh's cpu-compare, cpu-baseline, hypervisor-cpu-compare and hypervisor-cpu-baseline (virsh-host.c). */
final class CpuCommands {

    private CpuCommands() {
    }

    /**
     * vshExtractCPUDefXMLs: the {@code <cpu>} elements of a file holding CPU definitions, domain XMLs, host
     * capabilities or domain capabilities (whose supported host-model mode becomes a plain {@code <cpu>}).
     */
    static List<String> extract(Shell sh, String file) {
        String text = sh.readFile(file);
        int decl = text.startsWith("<?xml") ? text.indexOf("?>") : -1;
        String doc = decl >= 0 ? text.substring(decl + 2) : text;
        Document d = Xml.parse("<container>" + doc + "</container>");
        if (d == null) {
            throw sh.fail("%s: the XML could not be parsed", file);
        }
        List<Node> nodes = Xml.nodes(d, "/container/cpu|/container/domain/cpu|/container/capabilities/host/cpu|"
                + "/container/domainCapabilities/cpu/mode[@name='host-model' and @supported='yes']");
        if (nodes.isEmpty()) {
            throw sh.fail("File '%s' does not contain any <cpu> element or valid domain XML, host capabilities XML, "
                    + "or domain capabilities XML", file);
        }
        List<String> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.getNodeName().equals("mode")) {
                Element e = (Element) n;
                while (e.getAttributes().getLength() > 0) {
                    e.removeAttributeNode((org.w3c.dom.Attr) e.getAttributes().item(0));
                }
                n = d.renameNode(e, null, "cpu");
            }
            out.add(Xml.serialize(n));
        }
        return out;
    }

    private static ConnectCompareCPUFlag[] compareFlags(Invocation cmd) {
        EnumSet<ConnectCompareCPUFlag> f = EnumSet.noneOf(ConnectCompareCPUFlag.class);
        if (cmd.bool("error")) {
            f.add(ConnectCompareCPUFlag.FAIL_INCOMPATIBLE);
        }
        if (cmd.bool("validate")) {
            f.add(ConnectCompareCPUFlag.VALIDATE_XML);
        }
        return f.toArray(new ConnectCompareCPUFlag[0]);
    }

    private static ConnectBaselineCPUFlag[] baselineFlags(Invocation cmd) {
        EnumSet<ConnectBaselineCPUFlag> f = EnumSet.noneOf(ConnectBaselineCPUFlag.class);
        if (cmd.bool("features")) {
            f.add(ConnectBaselineCPUFlag.EXPAND_FEATURES);
        }
        if (cmd.bool("migratable")) {
            f.add(ConnectBaselineCPUFlag.MIGRATABLE);
        }
        return f.toArray(new ConnectBaselineCPUFlag[0]);
    }

    static boolean compare(Shell sh, Invocation cmd) {
        ConnectCompareCPUFlag[] flags = compareFlags(cmd);
        String from = cmd.req("file");
        List<String> cpus = extract(sh, from);
        CPUCompareResult r;
        try {
            r = sh.conn().compareCPU(cpus.get(0), flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to compare host CPU with %s", from);
        }
        switch (r) {
            case INCOMPATIBLE -> {
                sh.print("CPU described in %s is incompatible with host CPU\n", from);
                return false;
            }
            case IDENTICAL -> sh.print("CPU described in %s is identical to host CPU\n", from);
            case SUPERSET -> sh.print("Host CPU is a superset of CPU described in %s\n", from);
        }
        return true;
    }

    static boolean baseline(Shell sh, Invocation cmd) {
        ConnectBaselineCPUFlag[] flags = baselineFlags(cmd);
        String from = cmd.req("file");
        List<String> cpus = extract(sh, from);
        sh.print("%s", sh.conn().baselineCPU(cpus, flags));
        return true;
    }

    static boolean hypervisorCompare(Shell sh, Invocation cmd) {
        ConnectCompareCPUFlag[] flags = compareFlags(cmd);
        String from = cmd.req("file");
        List<String> cpus = extract(sh, from);
        CPUCompareResult r;
        try {
            r = sh.conn().compareHypervisorCPU(cmd.string("emulator"), cmd.string("arch"), cmd.string("machine"),
                    cmd.string("virttype"), cpus.get(0), flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to compare hypervisor CPU with %s", from);
        }
        switch (r) {
            case INCOMPATIBLE -> {
                sh.print("CPU described in %s is incompatible with the CPU provided by hypervisor on the host\n",
                        from);
                return false;
            }
            case IDENTICAL -> sh.print("CPU described in %s is identical to the CPU provided by hypervisor on the "
                    + "host\n", from);
            case SUPERSET -> sh.print("The CPU provided by hypervisor on the host is a superset of CPU described in "
                    + "%s\n", from);
        }
        return true;
    }

    static boolean hypervisorBaseline(Shell sh, Invocation cmd) {
        ConnectBaselineCPUFlag[] flags = baselineFlags(cmd);
        String from = cmd.string("file");
        String model = cmd.string("model");
        if (from != null && model != null) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", "file", "model");
        }
        if (from == null && model == null) {
            throw sh.fail("Either --%s or --%s must be provided", "file", "model");
        }
        List<String> cpus = from != null ? extract(sh, from)
                : List.of("<cpu><model>" + Xml.escapeText(model) + "</model></cpu>");
        sh.print("%s", sh.conn().baselineHypervisorCPU(cmd.string("emulator"), cmd.string("arch"),
                cmd.string("machine"), cmd.string("virttype"), cpus, flags));
        return true;
    }
}
