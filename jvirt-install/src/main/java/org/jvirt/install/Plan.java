package org.jvirt.install;

import java.util.List;

import org.jvirt.install.guest.GuestComposer.Composed;
import org.jvirt.install.guest.GuestSpec;
import org.jvirt.install.storage.VolumePlan;

/**
 * A request resolved against the OS database and the host, before anything is made.
 *
 * @param spec       the guest, defaults applied (null for --reinstall, which keeps the guest's own XML)
 * @param xml        its domain XML: first boot (when the install has one) and final
 * @param volumes    the disk volumes to make
 * @param media      the generated media to upload (seed ISO, install kernel and initrd)
 * @param messages   what virt-install says while it decides ("Using debian11 default --memory 1024")
 * @param warnings   what virt-install warns about
 * @param generatedPassword the root password --cloud-init root-password-generate made, or null
 */
public record Plan(GuestSpec spec, Composed xml, List<VolumePlan> volumes, List<MediaStep> media,
        List<String> messages, List<String> warnings, String generatedPassword) {

    public Plan {
        volumes = List.copyOf(volumes);
        media = List.copyOf(media);
        messages = List.copyOf(messages);
        warnings = List.copyOf(warnings);
    }

    /** Whether the install boots differently the first time (then the guest is restarted after a --wait). */
    public boolean hasInstallPhase() {
        return spec == null ? xml.initial() != null : spec.install().hasInstallPhase();
    }

    /** What --print-xml prints. */
    public String printedXml() {
        return xml.printed();
    }
}
