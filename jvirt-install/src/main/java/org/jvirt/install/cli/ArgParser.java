package org.jvirt.install.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jvirt.install.InstallErrors;
import org.jvirt.install.InstallRequest;
import org.jvirt.install.InstallRequest.BootSpec;
import org.jvirt.install.InstallRequest.CharSpec;
import org.jvirt.install.InstallRequest.Checks;
import org.jvirt.install.InstallRequest.CloudInitSpec;
import org.jvirt.install.InstallRequest.DiskSpec;
import org.jvirt.install.InstallRequest.GraphicsSpec;
import org.jvirt.install.InstallRequest.InstallMethod;
import org.jvirt.install.InstallRequest.NetworkSpec;
import org.jvirt.install.InstallRequest.OsChoice;
import org.jvirt.install.InstallRequest.UnattendedSpec;

/**
 * virt-install's argument syntax: {@code --opt value} or {@code --opt=value}, its short aliases, options whose
 * value is optional (--cloud-init, --unattended, --print-xml, --wait), and its sub-option grammar per option.
 */
public final class ArgParser {
    /** Options that take no value. */
    private static final Set<String> FLAGS = Set.of("--import", "--dry-run", "--noautoconsole", "--autostart",
            "--quiet", "--help", "--debug", "--noreboot", "--transient", "--autoconsole-none", "--pxe");
    /** Options whose value may be left out. */
    private static final Set<String> OPTIONAL = Set.of("--cloud-init", "--unattended", "--print-xml", "--wait");
    /** The aliases virt-install accepts. */
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("-n", "--name"),
            Map.entry("-c", "--cdrom"), Map.entry("-l", "--location"), Map.entry("-w", "--network"),
            Map.entry("-x", "--extra-args"), Map.entry("-q", "--quiet"), Map.entry("-h", "--help"),
            Map.entry("-r", "--memory"), Map.entry("--ram", "--memory"), Map.entry("--os-variant", "--osinfo"),
            Map.entry("--virt-type", "--virt-type"), Map.entry("-d", "--debug"));
    private static final Set<String> BOOT_DEVS = Set.of("hd", "cdrom", "network", "fd");

    private ArgParser() {
    }

    public static CliOptions parse(List<String> args) {
        InstallRequest.Builder b = InstallRequest.builder();
        String connect = null;
        String printXml = null;
        boolean dryRun = false;
        boolean autoconsole = true;
        Integer wait = null;
        boolean quiet = false;
        boolean help = false;
        boolean osinfoList = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            arg = ALIASES.getOrDefault(arg, arg);
            if (!arg.startsWith("-")) {
                throw InstallErrors.invalid("unrecognized arguments: %s", arg);
            }
            if (value == null && !FLAGS.contains(arg)) {
                boolean next = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
                if (next && !(OPTIONAL.contains(arg) && args.get(i + 1).startsWith("-"))) {
                    value = args.get(++i);
                } else if (!OPTIONAL.contains(arg)) {
                    throw InstallErrors.invalid("argument %s: expected one argument", arg);
                }
            }
            switch (arg) {
                case "--connect" -> connect = value;
                case "--name" -> b.name(value);
                case "--memory" -> b.memoryMiB(memory(value));
                case "--vcpus" -> b.vcpus(vcpus(value));
                case "--osinfo" -> {
                    // virt-install's check_osinfo_list: the bare word "list" lists the OS names and exits
                    if ("list".equals(value)) {
                        osinfoList = true;
                    } else {
                        b.os(osinfo(value));
                    }
                }
                case "--cdrom" -> b.method(new InstallMethod.Cdrom(Path.of(value)));
                case "--location" -> b.method(location(value));
                case "--import" -> b.method(new InstallMethod.Import());
                case "--pxe" -> b.method(new InstallMethod.Pxe());
                case "--reinstall" -> b.reinstall(value);
                case "--extra-args" -> b.extraArgs(value);
                case "--boot" -> b.boot(boot(value));
                case "--disk" -> b.disk(disk(value));
                case "--network" -> b.network(network(value));
                case "--graphics" -> b.graphics(graphics(value));
                case "--console" -> b.console(chardev("--console", value));
                case "--serial" -> b.serial(chardev("--serial", value));
                case "--cloud-init" -> b.cloudInit(cloudInit(value));
                case "--unattended" -> b.unattended(unattended(value));
                case "--virt-type" -> b.virtType(value);
                case "--machine" -> b.machine(value);
                case "--autostart" -> b.autostart(true);
                case "--check" -> b.checks(checks(value));
                case "--print-xml" -> printXml = value == null ? "all" : value;
                case "--dry-run" -> dryRun = true;
                case "--noautoconsole" -> autoconsole = false;
                case "--wait" -> wait = value == null ? -1 : parseInt("--wait", value);
                case "--quiet" -> quiet = true;
                case "--help" -> help = true;
                case "--debug", "--noreboot" -> {
                    // accepted for compatibility; debug logging goes to the client's own log
                }
                default -> throw InstallErrors.invalid("unrecognized arguments: %s", arg);
            }
        }
        return new CliOptions(connect, b.build(), printXml, dryRun, autoconsole, wait, quiet, help, osinfoList);
    }

    private static int parseInt(String opt, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw InstallErrors.invalid("argument %s: invalid int value: '%s'", opt, v);
        }
    }

    private static Long memory(String v) {
        SubOptions s = SubOptions.parse("--memory", v);
        String m = s.first() != null ? s.first() : s.take("memory", "currentMemory");
        s.take("maxmemory", "maxMemory");
        s.done();
        return m == null ? null : (long) parseInt("--memory", m);
    }

    private static Integer vcpus(String v) {
        SubOptions s = SubOptions.parse("--vcpus", v);
        String n = s.first() != null ? s.first() : s.take("vcpus", "vcpu");
        s.take("maxvcpus", "vcpu.current");
        s.done();
        return n == null ? null : parseInt("--vcpus", n);
    }

    private static OsChoice osinfo(String v) {
        SubOptions s = SubOptions.parse("--osinfo", v);
        String name = s.first() != null ? s.first() : s.take("name", "short-id", "id");
        Boolean detect = s.takeBool("detect");
        Boolean require = s.takeBool("require");
        s.done();
        if ("none".equals(name)) {
            name = "generic";
        }
        return new OsChoice(name, detect != null && detect, require == null || require);
    }

    private static InstallMethod location(String v) {
        SubOptions s = SubOptions.parse("--location", v);
        String src = s.first() != null ? s.first() : s.take("location");
        String kernel = s.take("kernel");
        String initrd = s.take("initrd");
        s.done();
        if (src == null) {
            throw InstallErrors.invalid("--location needs a path");
        }
        if (kernel != null || initrd != null) {
            if (kernel == null || initrd == null) {
                throw InstallErrors.invalid("location kernel/initrd must be be specified as a pair");
            }
        }
        return new InstallMethod.Location(src, kernel, initrd);
    }

    private static BootSpec boot(String v) {
        SubOptions s = SubOptions.parse("--boot", v);
        boolean uefi = false;
        List<String> order = new ArrayList<>();
        for (String item : s.bare()) {
            if (item.equals("uefi")) {
                uefi = true;
            } else if (BOOT_DEVS.contains(item)) {
                order.add(item);
            } else {
                throw InstallErrors.invalid("Unknown --boot options: ['%s']", item);
            }
        }
        String kernel = s.take("kernel", "loader.kernel");
        String initrd = s.take("initrd");
        String args = s.take("kernel_args", "cmdline", "extra_args");
        Boolean menu = s.takeBool("menu", "bootmenu.enable");
        Boolean firmwareEfi = null;
        String fw = s.take("firmware");
        if (fw != null) {
            firmwareEfi = fw.equals("efi");
        }
        s.done();
        if (firmwareEfi != null && firmwareEfi) {
            uefi = true;
        }
        return new BootSpec(uefi, kernel, initrd, args, order, menu);
    }

    private static DiskSpec disk(String v) {
        SubOptions s = SubOptions.parse("--disk", v);
        String first = s.first();
        if ("none".equals(first)) {
            s.done();
            return DiskSpec.noDisk();
        }
        String path = s.take("path");
        if (path == null) {
            path = first;
        }
        String sizeStr = s.take("size");
        Double size = null;
        if (sizeStr != null) {
            try {
                size = Double.parseDouble(sizeStr);
            } catch (NumberFormatException e) {
                throw InstallErrors.invalid("Improper value for 'size': could not convert string to float: '%s'",
                        sizeStr);
            }
        }
        String pool = s.take("pool");
        String vol = s.take("vol");
        if (vol != null && vol.contains("/")) {
            pool = vol.substring(0, vol.indexOf('/'));
            path = null;
        }
        DiskSpec d = new DiskSpec(false, path, size, pool, s.take("format", "driver.type"),
                s.take("backing_store", "backing.source.file"), s.take("bus", "target.bus"), s.take("device"));
        s.take("sparse", "cache", "discard");
        s.done();
        return d;
    }

    private static NetworkSpec network(String v) {
        SubOptions s = SubOptions.parse("--network", v);
        String first = s.first();
        NetworkSpec.Kind kind = null;
        String source = null;
        if ("none".equals(first)) {
            s.done();
            return new NetworkSpec(NetworkSpec.Kind.NONE, null, null, null);
        }
        if ("user".equals(first) || "user".equals(s.take("type"))) {
            kind = NetworkSpec.Kind.USER;
        } else if ("default".equals(first)) {
            kind = null;
        } else if (first != null) {
            throw InstallErrors.invalid("Unknown network type %s", first);
        }
        String net = s.take("network", "source.network");
        String bridge = s.take("bridge", "source.bridge");
        if (net != null) {
            kind = NetworkSpec.Kind.NETWORK;
            source = net;
        } else if (bridge != null) {
            kind = NetworkSpec.Kind.BRIDGE;
            source = bridge;
        }
        NetworkSpec n = new NetworkSpec(kind, source, s.take("model", "model.type"), s.take("mac", "mac.address"));
        s.done();
        if (n.mac() != null && !n.mac().matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
            throw InstallErrors.invalid("MAC address must be of the format AA:BB:CC:DD:EE:FF, was '%s'", n.mac());
        }
        return new NetworkSpec(n.kind(), n.source(), n.model(), n.mac() == null ? null
                : n.mac().toLowerCase(Locale.ROOT));
    }

    private static GraphicsSpec graphics(String v) {
        SubOptions s = SubOptions.parse("--graphics", v);
        String type = s.first() != null ? s.first() : s.take("type");
        String listen = s.take("listen");
        String port = s.take("port");
        s.take("password", "keymap");
        s.done();
        if (type != null && !Set.of("vnc", "spice", "none").contains(type)) {
            throw InstallErrors.invalid("Unknown graphics type '%s'", type);
        }
        return new GraphicsSpec(type, listen, port == null ? null : parseInt("--graphics port", port));
    }

    private static CharSpec chardev(String opt, String v) {
        SubOptions s = SubOptions.parse(opt, v);
        String type = s.first() != null ? s.first() : s.take("type");
        String target = s.take("target_type", "target.type");
        String path = s.take("path", "source.path");
        s.done();
        if (type != null && !type.equals("pty") && !type.equals("file")) {
            throw InstallErrors.invalid("%s %s: only pty and file are supported here", opt, type);
        }
        if ("file".equals(type) && path == null) {
            throw InstallErrors.invalid("%s file needs path=", opt);
        }
        return new CharSpec(type, target, path);
    }

    private static CloudInitSpec cloudInit(String v) {
        SubOptions s = SubOptions.parse("--cloud-init", v);
        Boolean gen = s.takeBool("root-password-generate");
        String pwFile = s.take("root-password-file");
        String key = s.take("root-ssh-key");
        String user = s.take("user-data");
        String meta = s.take("meta-data");
        String netcfg = s.take("network-config");
        Boolean disable = s.takeBool("disable");
        s.take("clouduser-ssh-key");
        s.done();
        boolean nothing = gen == null && pwFile == null && key == null && user == null && meta == null;
        // virt-install's default: a generated root password, and cloud-init disabled after the first boot
        boolean generate = gen != null ? gen : nothing;
        boolean dis = disable != null ? disable : nothing;
        return new CloudInitSpec(generate, p(pwFile), p(key), p(user), p(meta), p(netcfg), dis);
    }

    private static UnattendedSpec unattended(String v) {
        SubOptions s = SubOptions.parse("--unattended", v);
        UnattendedSpec u = new UnattendedSpec(s.take("profile"), p(s.take("admin-password-file")),
                s.take("user-login"), p(s.take("user-password-file")), s.take("product-key"));
        s.done();
        return u;
    }

    private static Checks checks(String v) {
        SubOptions s = SubOptions.parse("--check", v);
        Boolean all = s.takeBool("all");
        boolean def = all == null || all;
        Boolean inUse = s.takeBool("path_in_use");
        Boolean size = s.takeBool("disk_size");
        Boolean exists = s.takeBool("path_exists");
        Boolean mac = s.takeBool("mac_in_use");
        s.done();
        return new Checks(inUse != null ? inUse : def, size != null ? size : def, exists != null ? exists : def,
                mac != null ? mac : def);
    }

    private static Path p(String s) {
        return s == null ? null : Path.of(s);
    }
}
