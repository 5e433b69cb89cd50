package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.List;
import org.jvirt.NodeInfo;
import org.jvirt.VirtException;

/** virsh's "Host and Hypervisor" group (help keyword 'host'): the table first, then the handlers. */
final class HostCommands {

    private HostCommands() {
    }

    static Group group() {
        return new Group("Host and Hypervisor", "host", List.of(
                cmd("allocpages", "Manipulate pages pool size",
                        "Allocate or free some pages in the pool for NUMA cell.",
                        NodeStatsCommands::allocpages,
                        Opt.integer("pagesize", "page size (in kibibytes)").req(),
                        Opt.integer("pagecount", "page count").req(),
                        Opt.integer("cellno", "NUMA cell number"),
                        Opt.bool("add", "instead of setting new pool size add pages to it"),
                        Opt.bool("all", "set on all NUMA cells")),
                cmd("capabilities", "capabilities",
                        "Returns capabilities of hypervisor/driver.",
                        HostCommands::capabilities),
                cmd("cpu-baseline", "compute baseline CPU",
                        "Compute baseline CPU for a set of given CPUs.",
                        CpuCommands::baseline,
                        Opt.data("file", "file containing XML CPU descriptions").req().complete(Completer.FILE),
                        Opt.bool("features", "Show features that are part of the CPU model type"),
                        Opt.bool("migratable", "Do not include features that block migration")),
                cmd("cpu-compare", "compare host CPU with a CPU described by an XML file",
                        "compare CPU with host CPU",
                        CpuCommands::compare,
                        Opt.data("file", "file containing an XML CPU description").req().complete(Completer.FILE),
                        Opt.bool("error", "report error if CPUs are incompatible"),
                        Opt.bool("validate", "validate the XML document against schema")),
                cmd("cpu-models", "CPU models",
                        "Get the CPU models for an arch.",
                        HostCommands::cpuModels,
                        Opt.data("arch", "architecture").req()),
                cmd("domcapabilities", "domain capabilities",
                        "Returns capabilities of emulator with respect to host and libvirt.",
                        HostCommands::domcapabilities,
                        Opt.string("virttype", "virtualization type (/domain/@type)"),
                        Opt.string("emulatorbin", "path to emulator binary (/domain/devices/emulator)"),
                        Opt.string("arch", "domain architecture (/domain/os/type/@arch)"),
                        Opt.string("machine", "machine type (/domain/os/type/@machine)")),
                cmd("freecell", "NUMA free memory",
                        "display available free memory for the NUMA cell.",
                        HostCommands::freecell,
                        Opt.integer("cellno", "NUMA cell number"),
                        Opt.bool("all", "show free memory for all NUMA cells")),
                cmd("freepages", "NUMA free pages",
                        "display available free pages for the NUMA cell.",
                        NodeStatsCommands::freepages,
                        Opt.integer("cellno", "NUMA cell number"),
                        Opt.integer("pagesize", "page size (in kibibytes)"),
                        Opt.bool("all", "show free pages for all NUMA cells")),
                cmd("hostname", "print the hypervisor hostname",
                        "",
                        HostCommands::hostname),
                cmd("hypervisor-cpu-baseline", "compute baseline CPU usable by a specific hypervisor",
                        "Compute baseline CPU for a set of given CPUs. The result will be tailored to the specified hypervisor.",
                        CpuCommands::hypervisorBaseline,
                        Opt.string("file", "file containing XML CPU descriptions").complete(Completer.FILE),
                        Opt.string("virttype", "virtualization type (/domain/@type)"),
                        Opt.string("emulator", "path to emulator binary (/domain/devices/emulator)"),
                        Opt.string("arch", "CPU architecture (/domain/os/type/@arch)"),
                        Opt.string("machine", "machine type (/domain/os/type/@machine)"),
                        Opt.bool("features", "Show features that are part of the CPU model type"),
                        Opt.bool("migratable", "Do not include features that block migration"),
                        Opt.string("model", "Shortcut for calling the command with a single CPU model and no additional features")),
                cmd("hypervisor-cpu-compare", "compare a CPU with the CPU created by a hypervisor on the host",
                        "compare CPU with hypervisor CPU",
                        CpuCommands::hypervisorCompare,
                        Opt.data("file", "file containing an XML CPU description").req().complete(Completer.FILE),
                        Opt.string("virttype", "virtualization type (/domain/@type)"),
                        Opt.string("emulator", "path to emulator binary (/domain/devices/emulator)"),
                        Opt.string("arch", "CPU architecture (/domain/os/type/@arch)"),
                        Opt.string("machine", "machine type (/domain/os/type/@machine)"),
                        Opt.bool("error", "report error if CPUs are incompatible"),
                        Opt.bool("validate", "validate the XML document against schema")),
                cmd("maxvcpus", "connection vcpu maximum",
                        "Show maximum number of virtual CPUs for guests on this connection.",
                        HostCommands::maxvcpus,
                        Opt.string("type", "domain type")),
                cmd("node-memory-tune", "Get or set node memory parameters",
                        "Get or set node memory parameters\n    To get the memory parameters, use following command: \n\n    virsh # node-memory-tune",
                        NodeStatsCommands::nodeMemoryTune,
                        Opt.integer("shm-pages-to-scan", "number of pages to scan before the shared memory service goes to sleep"),
                        Opt.integer("shm-sleep-millisecs", "number of millisecs the shared memory service should sleep before next scan"),
                        Opt.integer("shm-merge-across-nodes", "Specifies if pages from different numa nodes can be merged")),
                cmd("nodecpumap", "node cpu map",
                        "Displays the node's total number of CPUs, the number of online CPUs and the list of online CPUs.",
                        NodeStatsCommands::nodecpumap,
                        Opt.bool("pretty", "return human readable output")),
                cmd("nodecpustats", "Prints cpu stats of the node.",
                        "Returns cpu stats of the node, in nanoseconds.",
                        NodeStatsCommands::nodecpustats,
                        Opt.integer("cpu", "prints specified cpu statistics only."),
                        Opt.bool("percent", "prints by percentage during 1 second.")),
                cmd("nodeinfo", "node information",
                        "Returns basic information about the node.",
                        HostCommands::nodeinfo),
                cmd("nodememstats", "Prints memory stats of the node.",
                        "Returns memory stats of the node, in kilobytes.",
                        NodeStatsCommands::nodememstats,
                        Opt.integer("cell", "prints specified cell statistics only.")),
                cmd("nodesevinfo", "node SEV information",
                        "Returns basic SEV information about the node.",
                        Unsupported.api("virNodeGetSEVInfo")),
                cmd("nodesuspend", "suspend the host node for a given time duration",
                        "Suspend the host node for a given time duration and attempt to resume thereafter.",
                        Unsupported.api("virNodeSuspendForDuration"),
                        Opt.data("target", "mem(Suspend-to-RAM), disk(Suspend-to-Disk), hybrid(Hybrid-Suspend)").req(),
                        Opt.integer("duration", "Suspend duration in seconds, at least 60").req()),
                cmd("sysinfo", "print the hypervisor sysinfo",
                        "output an XML string for the hypervisor sysinfo, if available",
                        HostCommands::sysinfo),
                cmd("uri", "print the hypervisor canonical URI",
                        "",
                        HostCommands::uri),
                cmd("version", "show version",
                        "Display the system version information.",
                        HostCommands::version,
                        Opt.bool("daemon", "report daemon version too"))));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    static boolean nodeinfo(Shell sh, Invocation cmd) {
        NodeInfo i;
        try {
            i = sh.conn().nodeGetInfo();
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get node information");
        }
        String f = "%-20s %s\n";
        sh.print(f, "CPU model:", i.model());
        sh.print("%-20s %d\n", "CPU(s):", i.cpus());
        if (i.mhz() != 0) {
            sh.print("%-20s %d MHz\n", "CPU frequency:", i.mhz());
        }
        sh.print("%-20s %d\n", "CPU socket(s):", i.sockets());
        sh.print("%-20s %d\n", "Core(s) per socket:", i.cores());
        sh.print("%-20s %d\n", "Thread(s) per core:", i.threads());
        sh.print("%-20s %d\n", "NUMA cell(s):", i.nodes());
        sh.print("%-20s %d KiB\n", "Memory size:", i.memoryKiB());
        return true;
    }

    static boolean hostname(Shell sh, Invocation cmd) {
        String h;
        try {
            h = sh.conn().getHostname();
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get hostname");
        }
        sh.print("%s\n", h);
        return true;
    }

    static boolean uri(Shell sh, Invocation cmd) {
        sh.print("%s\n", sh.conn().getURI());
        return true;
    }

    static boolean capabilities(Shell sh, Invocation cmd) {
        String caps;
        try {
            caps = sh.conn().getCapabilities();
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get capabilities");
        }
        // virsh 9.0's capabilities takes no options and adds a newline after the document
        sh.print("%s\n", caps);
        return true;
    }

    static boolean domcapabilities(Shell sh, Invocation cmd) {
        String virttype = cmd.string("virttype");
        String emulatorbin = cmd.string("emulatorbin");
        String arch = cmd.string("arch");
        String machine = cmd.string("machine");
        String caps;
        try {
            caps = sh.conn().getDomainCapabilities(emulatorbin, arch, machine, virttype);
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get emulator capabilities");
        }
        sh.print("%s\n", caps);
        return true;
    }

    static boolean sysinfo(Shell sh, Invocation cmd) {
        String s;
        try {
            s = sh.conn().getSysinfo();
        } catch (VirtException e) {
            throw sh.fail(e, "failed to get sysinfo");
        }
        sh.print("%s", s);
        return true;
    }

    static boolean maxvcpus(Shell sh, Invocation cmd) {
        sh.print("%d\n", sh.conn().getMaxVcpus(cmd.string("type")));
        return true;
    }

    static boolean freecell(Shell sh, Invocation cmd) {
        boolean all = cmd.bool("all");
        boolean hasCell = cmd.has("cellno");
        if (all && hasCell) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", "cellno", "all");
        }
        int cell = cmd.integer("cellno", -1);
        if (hasCell) {
            long mem = sh.conn().nodeGetCellsFreeMemory(cell, 1).get(0);
            sh.print("%d: %d KiB\n", cell, mem / 1024);
            return true;
        }
        if (!all) {
            sh.print("%s: %d KiB\n", "Total", sh.conn().nodeGetFreeMemory() / 1024);
            return true;
        }
        int nodes = sh.conn().nodeGetInfo().nodes();
        List<Long> free = sh.conn().nodeGetCellsFreeMemory(0, nodes);
        long total = 0;
        for (int i = 0; i < free.size(); i++) {
            sh.print("%5d: %10d KiB\n", i, free.get(i) / 1024);
            total += free.get(i);
        }
        sh.printExtra("--------------------\n");
        sh.printExtra("%5s: %10d KiB\n", "Total", total / 1024);
        return true;
    }

    static boolean version(Shell sh, Invocation cmd) {
        long lib = sh.conn().getLibVersion();
        String type = sh.conn().getType();
        sh.print("Compiled against library: libvirt %s\n", v(org.jvirt.Connect.LIBVIRT_VERSION));
        sh.print("Using library: libvirt %s\n", v(lib));
        sh.print("Using API: %s %s\n", type, v(lib));
        sh.print("Running hypervisor: %s %s\n", type, v(sh.conn().getVersion()));
        return true;
    }

    private static String v(long x) {
        return (x / 1_000_000) + "." + (x / 1000 % 1000) + "." + (x % 1000);
    }

    static boolean cpuModels(Shell sh, Invocation cmd) {
        for (String m : sh.conn().getCPUModelNames(cmd.req("arch"))) {
            sh.print("%s\n", m);
        }
        return true;
    }
}
