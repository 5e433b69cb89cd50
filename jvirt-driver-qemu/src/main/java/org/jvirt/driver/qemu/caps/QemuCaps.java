package org.jvirt.driver.qemu.caps;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one qemu-system binary said about itself. Stored as JSON in the capability cache, so fields are only
 * ever added.
 *
 * @param binary      absolute path of the binary
 * @param mtimeMillis its modification time when probed
 * @param size        its size when probed
 * @param formatVersion the cache format this was written with
 * @param targetArch  QEMU's target name (from the binary's name, e.g. {@code x86_64})
 * @param arch        libvirt's name for the guest architecture (e.g. {@code i686} for qemu-system-i386)
 * @param major       QEMU's version
 * @param minor       QEMU's version
 * @param micro       QEMU's version
 * @param packageVersion the distribution's package string from query-version
 * @param kvmPresent  whether QEMU was built with KVM and the host has the module (query-kvm "present")
 * @param machines    machine types, as query-machines lists them
 * @param cpuModels   CPU models (query-cpu-definitions)
 * @param deviceTypes concrete QOM types implementing "device"
 * @param probeMillis how long the probe took
 */
public record QemuCaps(String binary, long mtimeMillis, long size, int formatVersion, String targetArch, String arch,
        int major, int minor, int micro, String packageVersion, boolean kvmPresent, List<Machine> machines,
        List<CpuModel> cpuModels, Set<String> deviceTypes, long probeMillis) {

    public static final int FORMAT_VERSION = 1;

    public QemuCaps {
        machines = List.copyOf(machines);
        cpuModels = List.copyOf(cpuModels);
        deviceTypes = java.util.Collections.unmodifiableSet(new TreeSet<>(deviceTypes));
    }

    /**
     * @param name       e.g. {@code pc-i440fx-7.2}
     * @param alias      e.g. {@code pc}, or null
     * @param isDefault  the machine QEMU uses without -machine
     * @param maxCpus    cpu-max
     * @param deprecated whether QEMU marks it deprecated
     */
    public record Machine(String name, String alias, boolean isDefault, int maxCpus, boolean deprecated) {
    }

    /**
     * @param name       the -cpu name
     * @param typename   its QOM type
     * @param usable     whether TCG can provide all its features (no unavailable-features)
     * @param deprecated whether QEMU marks it deprecated
     */
    public record CpuModel(String name, String typename, boolean usable, boolean deprecated) {
    }

    /** libvirt's version number: major * 1,000,000 + minor * 1,000 + micro. */
    public long versionNumber() {
        return major * 1_000_000L + minor * 1_000L + micro;
    }

    public boolean hasDevice(String qomType) {
        return deviceTypes.contains(qomType);
    }

    /** A machine by its name or alias. */
    public Optional<Machine> machine(String nameOrAlias) {
        return machines.stream()
                .filter(m -> m.name().equals(nameOrAlias) || nameOrAlias.equals(m.alias()))
                .findFirst();
    }

    /** The canonical name for a machine name or alias (e.g. pc -> pc-i440fx-7.2), or the name itself. */
    public String canonicalMachine(String nameOrAlias) {
        return machine(nameOrAlias).map(Machine::name).orElse(nameOrAlias);
    }

    /**
     * The machine a domain gets when its XML names none. As libvirt does, x86 guests get {@code pc} even where
     * QEMU has no default; otherwise QEMU's own default, else the first listed.
     */
    public String defaultMachine() {
        if ((arch.equals("x86_64") || arch.equals("i686")) && machine("pc").isPresent()) {
            return "pc";
        }
        return machines.stream().filter(Machine::isDefault).map(Machine::name).findFirst()
                .orElse(machines.isEmpty() ? "none" : machines.get(0).name());
    }
}
