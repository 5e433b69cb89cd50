package org.jvirt.shell;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jvirt.Domain;
import org.jvirt.DomainMetadataType;
import org.jvirt.VcpuInfo;
import org.jvirt.VirtException;
import org.jvirt.flags.DomainDeviceModifyFlag;
import org.jvirt.flags.DomainMemoryModFlag;
import org.jvirt.flags.DomainModificationImpact;
import org.jvirt.flags.DomainVcpuFlag;

/** Handlers of the "Domain Management" group that change a domain's definition: memory, vcpus, text, devices. */
final class DomainConfig {

    private DomainConfig() {
    }

    /** --config/--live/--current as virsh combines them (--current excludes the others); none means current. */
    static EnumSet<DomainModificationImpact> impact(Shell sh, Invocation cmd) {
        MonitorCommands.exclusive(sh, cmd, "current", "live");
        MonitorCommands.exclusive(sh, cmd, "current", "config");
        EnumSet<DomainModificationImpact> f = EnumSet.noneOf(DomainModificationImpact.class);
        if (cmd.bool("config")) {
            f.add(DomainModificationImpact.CONFIG);
        }
        if (cmd.bool("live")) {
            f.add(DomainModificationImpact.LIVE);
        }
        return f;
    }

    private static final BigInteger ULONG_MAX = Numbers.ULLONG_MAX;

    private static boolean setMemory(Shell sh, Invocation cmd, boolean max) {
        boolean any = cmd.bool("config") || cmd.bool("live") || cmd.bool("current");
        EnumSet<DomainModificationImpact> imp = impact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        long bytes = cmd.scaled("size", 0, 1024, ULONG_MAX);
        long kib = Long.divideUnsigned(bytes, 1024) + (Long.remainderUnsigned(bytes, 1024) != 0 ? 1 : 0);
        List<DomainMemoryModFlag> f = new ArrayList<>();
        if (!any && !max) {
            f.add(DomainMemoryModFlag.LIVE);
        }
        if (imp.contains(DomainModificationImpact.CONFIG)) {
            f.add(DomainMemoryModFlag.CONFIG);
        }
        if (imp.contains(DomainModificationImpact.LIVE)) {
            f.add(DomainMemoryModFlag.LIVE);
        }
        if (max) {
            f.add(DomainMemoryModFlag.MAXIMUM);
            if (!any) {
                try {
                    d.setMaxMemory(kib);
                } catch (VirtException e) {
                    throw sh.fail(e, "Unable to change MaxMemorySize");
                }
                return true;
            }
            try {
                d.setMemory(kib, f.toArray(new DomainMemoryModFlag[0]));
            } catch (VirtException e) {
                throw sh.fail(e, "Unable to change MaxMemorySize");
            }
            return true;
        }
        d.setMemory(kib, f.toArray(new DomainMemoryModFlag[0]));
        return true;
    }

    static boolean setmem(Shell sh, Invocation cmd) {
        return setMemory(sh, cmd, false);
    }

    static boolean setmaxmem(Shell sh, Invocation cmd) {
        return setMemory(sh, cmd, true);
    }

    static boolean setvcpus(Shell sh, Invocation cmd) {
        EnumSet<DomainModificationImpact> imp = impact(sh, cmd);
        MonitorCommands.exclusive(sh, cmd, "guest", "config");
        if (cmd.bool("maximum") && !imp.contains(DomainModificationImpact.CONFIG)) {
            throw sh.fail("Option --%s is required by option --%s", "config", "maximum");
        }
        Domain d = Lookup.domain(sh, cmd);
        int count = (int) cmd.uint("count", 0);
        if (count == 0) {
            throw sh.fail("Can't set 0 processors for a VM");
        }
        List<DomainVcpuFlag> f = new ArrayList<>();
        if (imp.contains(DomainModificationImpact.CONFIG)) {
            f.add(DomainVcpuFlag.CONFIG);
        }
        if (imp.contains(DomainModificationImpact.LIVE)) {
            f.add(DomainVcpuFlag.LIVE);
        }
        if (cmd.bool("maximum")) {
            f.add(DomainVcpuFlag.MAXIMUM);
        }
        if (cmd.bool("guest")) {
            f.add(DomainVcpuFlag.GUEST);
        }
        if (cmd.bool("hotpluggable")) {
            f.add(DomainVcpuFlag.HOTPLUGGABLE);
        }
        d.setVcpus(count, f.toArray(new DomainVcpuFlag[0]));
        return true;
    }

    static boolean vcpucount(Shell sh, Invocation cmd) {
        boolean maximum = cmd.bool("maximum");
        boolean active = cmd.bool("active");
        boolean config = cmd.bool("config");
        boolean live = cmd.bool("live");
        boolean current = cmd.bool("current");
        boolean guest = cmd.bool("guest");
        boolean all = !maximum && !active && !current && !live && !config && !guest;
        if (!maximum && !active && current) {
            current = false;
        }
        if (live && config) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", "live", "config");
        }
        if (current && live) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", "current", "live");
        }
        if (current && config) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", "current", "config");
        }
        if (active && maximum) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", "active", "maximum");
        }
        if (guest && config) {
            throw sh.fail("Options --%s and --%s are mutually exclusive", "guest", "config");
        }
        Domain d = Lookup.domain(sh, cmd);
        if (all) {
            boolean running = d.isActive();
            boolean persistent = d.isPersistent();
            int confMax = persistent ? d.getVcpusFlags(DomainVcpuFlag.CONFIG, DomainVcpuFlag.MAXIMUM) : -1;
            int confCur = persistent ? d.getVcpusFlags(DomainVcpuFlag.CONFIG) : -1;
            int liveMax = running ? d.getVcpusFlags(DomainVcpuFlag.LIVE, DomainVcpuFlag.MAXIMUM) : -1;
            int liveCur = running ? d.getVcpusFlags(DomainVcpuFlag.LIVE) : -1;
            String f = "%-12s %-12s %3d\n";
            if (confMax > 0) {
                sh.print(f, "maximum", "config", confMax);
            }
            if (liveMax > 0) {
                sh.print(f, "maximum", "live", liveMax);
            }
            if (confCur > 0) {
                sh.print(f, "current", "config", confCur);
            }
            if (liveCur > 0) {
                sh.print(f, "current", "live", liveCur);
            }
            return true;
        }
        List<DomainVcpuFlag> f = new ArrayList<>();
        if (live) {
            f.add(DomainVcpuFlag.LIVE);
        }
        if (config) {
            f.add(DomainVcpuFlag.CONFIG);
        }
        if (maximum) {
            f.add(DomainVcpuFlag.MAXIMUM);
        }
        if (guest) {
            f.add(DomainVcpuFlag.GUEST);
        }
        sh.print("%d\n", d.getVcpusFlags(f.toArray(new DomainVcpuFlag[0])));
        return true;
    }

    static boolean vcpuinfo(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        int maxcpu = TuningCommands.nodeCpuCount(sh);
        List<VcpuInfo> vcpus = d.getVcpus();
        List<java.util.BitSet> affinity = d.getVcpuPinInfo();
        boolean first = true;
        for (VcpuInfo v : vcpus) {
            if (!first) {
                sh.print("\n");
            }
            first = false;
            sh.print("%-15s %d\n", "VCPU:", v.number());
            sh.print("%-15s %d\n", "CPU:", v.cpu());
            sh.print("%-15s %s\n", "State:", v.state().name().toLowerCase(java.util.Locale.ROOT));
            if (v.cpuTimeNs() != 0) {
                sh.print("%-15s %.1fs\n", "CPU time:", v.cpuTimeNs() / 1e9);
            }
            java.util.BitSet map = v.number() < affinity.size() ? affinity.get(v.number()) : new java.util.BitSet();
            sh.print("%-15s ", "CPU Affinity:");
            if (cmd.bool("pretty")) {
                sh.print("%s (out of %d)", TuningCommands.pinText(map, maxcpu), maxcpu);
            } else {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < maxcpu; i++) {
                    b.append(map.get(i) ? 'y' : '-');
                }
                sh.print("%s", b.toString());
            }
            sh.print("\n");
        }
        return true;
    }

    static boolean desc(Shell sh, Invocation cmd) {
        boolean title = cmd.bool("title");
        EnumSet<DomainModificationImpact> imp = impact(sh, cmd);
        Domain d = Lookup.domain(sh, cmd);
        List<String> words = cmd.all("new-desc");
        DomainModificationImpact[] flags = imp.toArray(new DomainModificationImpact[0]);
        DomainMetadataType type = title ? DomainMetadataType.TITLE : DomainMetadataType.DESCRIPTION;
        if (cmd.bool("edit")) {
            String current = MonitorCommands.description(d, title, imp.contains(DomainModificationImpact.CONFIG));
            String descDom = current == null ? "" : current;
            String edited = Editor.editText(sh, words.isEmpty() ? descDom : String.join(" ", words));
            if (title && edited.endsWith("\n")) {
                edited = edited.substring(0, edited.length() - 1); // editors that add a final newline
            }
            if (edited.equals(descDom)) {
                sh.printExtra(title ? "Domain title not changed\n" : "Domain description not changed\n");
                return true;
            }
            try {
                d.setMetadata(type, edited.isEmpty() ? null : edited, null, null, flags);
            } catch (VirtException e) {
                throw sh.fail(e, title ? "Failed to set new domain title" : "Failed to set new domain description");
            }
            sh.printExtra(title ? "Domain title updated successfully" : "Domain description updated successfully");
            return true;
        }
        if (!words.isEmpty() || cmd.has("new-desc")) {
            String text = String.join(" ", words);
            try {
                d.setMetadata(type, text.isEmpty() ? null : text, null, null, flags);
            } catch (VirtException e) {
                throw sh.fail(e, title ? "Failed to set new domain title" : "Failed to set new domain description");
            }
            sh.printExtra(title ? "Domain title updated successfully" : "Domain description updated successfully");
            return true;
        }
        String desc = MonitorCommands.description(d, title, imp.contains(DomainModificationImpact.CONFIG));
        if (desc != null && !desc.isEmpty()) {
            sh.print("%s", desc);
        } else {
            sh.printExtra(title ? "No title for domain: %s" : "No description for domain: %s", d.getName());
        }
        return true;
    }

    static boolean metadata(Shell sh, Invocation cmd) {
        EnumSet<DomainModificationImpact> imp = impact(sh, cmd);
        MonitorCommands.exclusive(sh, cmd, "edit", "set");
        MonitorCommands.exclusive(sh, cmd, "remove", "set");
        MonitorCommands.exclusive(sh, cmd, "remove", "edit");
        Domain d = Lookup.domain(sh, cmd);
        String uri = cmd.req("uri");
        String key = cmd.string("key");
        String set = cmd.string("set");
        DomainModificationImpact[] flags = imp.toArray(new DomainModificationImpact[0]);
        if ((set != null || cmd.bool("edit")) && key == null) {
            throw sh.fail("namespace key is required when modifying metadata");
        }
        if (cmd.bool("edit")) {
            String current;
            try {
                current = d.getMetadata(DomainMetadataType.ELEMENT, uri, flags);
            } catch (VirtException e) {
                current = "\n"; // virshDomainGetEditMetadata: without an element, an empty line is edited
            }
            String edited = Editor.editText(sh, current);
            if (edited.equals(current)) {
                sh.printExtra("Metadata not changed");
                return true;
            }
            d.setMetadata(DomainMetadataType.ELEMENT, edited, key, uri, flags);
            sh.printExtra("Metadata modified\n");
            return true;
        }
        if (set != null || cmd.bool("remove")) {
            d.setMetadata(DomainMetadataType.ELEMENT, set, key, uri, flags);
            sh.printExtra(set != null ? "Metadata modified\n" : "Metadata removed\n");
            return true;
        }
        String data = d.getMetadata(DomainMetadataType.ELEMENT, uri, flags);
        sh.print("%s\n", data);
        return true;
    }

    private static DomainDeviceModifyFlag[] deviceFlags(Shell sh, Invocation cmd, boolean persistentOpt) {
        List<DomainDeviceModifyFlag> f = new ArrayList<>();
        MonitorCommands.exclusive(sh, cmd, "current", "live");
        MonitorCommands.exclusive(sh, cmd, "current", "config");
        if (cmd.bool("config") || (persistentOpt && cmd.def.opt("persistent") != null && cmd.bool("persistent"))) {
            f.add(DomainDeviceModifyFlag.CONFIG);
        }
        if (cmd.bool("live")) {
            f.add(DomainDeviceModifyFlag.LIVE);
        }
        return f.toArray(new DomainDeviceModifyFlag[0]);
    }

    /** The three device commands from a file, each with its words. */
    private enum DeviceOp {
        ATTACH("Failed to attach device from %s", "Device attached successfully\n"),
        DETACH("Failed to detach device from %s", "Device detached successfully\n"),
        UPDATE("Failed to update device from %s", "Device updated successfully\n");

        final String failure;
        final String success;

        DeviceOp(String failure, String success) {
            this.failure = failure;
            this.success = success;
        }
    }

    static boolean attachDevice(Shell sh, Invocation cmd) {
        return device(sh, cmd, DeviceOp.ATTACH);
    }

    static boolean detachDevice(Shell sh, Invocation cmd) {
        return device(sh, cmd, DeviceOp.DETACH);
    }

    static boolean updateDevice(Shell sh, Invocation cmd) {
        return device(sh, cmd, DeviceOp.UPDATE);
    }

    private static boolean device(Shell sh, Invocation cmd, DeviceOp op) {
        Domain d = Lookup.domain(sh, cmd);
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        List<DomainDeviceModifyFlag> fl = new ArrayList<>(List.of(deviceFlags(sh, cmd, true)));
        if (!cmd.bool("config") && !cmd.bool("live") && !cmd.bool("current") && op != DeviceOp.UPDATE
                && !(cmd.def.opt("persistent") != null && cmd.bool("persistent"))) {
            // virsh's default for attach/detach is the live domain only
            if (d.isActive()) {
                fl.add(DomainDeviceModifyFlag.LIVE);
            }
        }
        if (cmd.def.opt("persistent") != null && cmd.bool("persistent") && d.isActive()) {
            fl.add(DomainDeviceModifyFlag.LIVE);
        }
        if (op == DeviceOp.UPDATE && cmd.bool("force")) {
            fl.add(DomainDeviceModifyFlag.FORCE);
        }
        DomainDeviceModifyFlag[] flags = fl.toArray(new DomainDeviceModifyFlag[0]);
        try {
            switch (op) {
                case ATTACH -> d.attachDevice(xml, flags);
                case DETACH -> d.detachDevice(xml, flags);
                case UPDATE -> d.updateDevice(xml, flags);
            }
        } catch (VirtException e) {
            throw sh.fail(e, op.failure, from);
        }
        sh.printExtra(op.success);
        return true;
    }

    static boolean detachDeviceAlias(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String alias = cmd.req("alias");
        DomainDeviceModifyFlag[] flags = deviceFlags(sh, cmd, false);
        try {
            d.detachDeviceAlias(alias, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to detach device with alias %s", alias);
        }
        sh.printExtra("Device detach request sent successfully\n");
        return true;
    }
}
