package org.jvirt.driver.qemu.caps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Whether guests on this host may use KVM, and why not. A readable and writable /dev/kvm is not enough: some
 * hosts (nested PVM, e.g. Firecracker with {@code nested_pvm=1}) offer a /dev/kvm that accepts a VM yet cannot
 * run a stock kernel, so KVM is offered only when the CPU also reports vmx or svm. {@code JVIRT_QEMU_ACCEL}
 * ({@code kvm} or {@code tcg}) overrides the verdict.
 *
 * @param usable whether {@code <domain type='kvm'>} is offered
 * @param reason a sentence saying why (shown in capabilities and in errors)
 */
public record KvmSupport(boolean usable, String reason) {

    public static final String ENV_OVERRIDE = "JVIRT_QEMU_ACCEL";
    private static final Pattern VIRT_FLAG = Pattern.compile("^flags\\s*:.*\\b(vmx|svm)\\b", Pattern.MULTILINE);

    /** This host, with the environment's override. */
    public static KvmSupport detect() {
        return detect(Path.of("/dev/kvm"), Path.of("/proc/cpuinfo"), System.getenv());
    }

    public static KvmSupport detect(Path devKvm, Path cpuinfo, Map<String, String> env) {
        String override = env.getOrDefault(ENV_OVERRIDE, "").trim().toLowerCase(Locale.ROOT);
        if (override.equals("kvm")) {
            return new KvmSupport(true, "KVM forced by " + ENV_OVERRIDE + "=kvm");
        }
        if (override.equals("tcg")) {
            return new KvmSupport(false, "KVM disabled by " + ENV_OVERRIDE + "=tcg");
        }
        if (!Files.exists(devKvm)) {
            return new KvmSupport(false, devKvm + " does not exist (no KVM kernel module)");
        }
        if (!Files.isReadable(devKvm) || !Files.isWritable(devKvm)) {
            return new KvmSupport(false, devKvm + " is not readable and writable by this user");
        }
        String info;
        try {
            info = Files.readString(cpuinfo);
        } catch (IOException e) {
            return new KvmSupport(false, "cannot read " + cpuinfo + ": " + e.getMessage());
        }
        if (!VIRT_FLAG.matcher(info).find()) {
            return new KvmSupport(false, cpuinfo + " has no vmx or svm flag: this " + devKvm
                    + " (e.g. nested PVM) cannot run stock guest kernels; set " + ENV_OVERRIDE + "=kvm to force it");
        }
        return new KvmSupport(true, devKvm + " is usable and the CPU has hardware virtualization");
    }

    /** The accelerator for a domain type, or an error saying why it cannot be had. */
    public Accel accelFor(String domainType, String emulator) {
        Accel a = Accel.forDomainType(domainType);
        if (a == null) {
            throw org.jvirt.VirtException.of(org.jvirt.ErrorDomain.QEMU, org.jvirt.ErrorNumber.CONFIG_UNSUPPORTED,
                    "Emulator '%s' does not support virt type '%s'", emulator, domainType);
        }
        if (a == Accel.KVM && !usable) {
            throw org.jvirt.VirtException.of(org.jvirt.ErrorDomain.QEMU, org.jvirt.ErrorNumber.CONFIG_UNSUPPORTED,
                    "domain type 'kvm' is not supported by '%s' on this host: %s", emulator, reason);
        }
        return a;
    }
}
