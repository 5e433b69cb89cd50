package org.jvirt.driver.qemu.chardev;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jvirt.xml.domain.CharDeviceXml;
import org.jvirt.xml.domain.DomainXml;

/** A definition's character devices, in the order libvirt searches them (consoles, serials, parallels, channels). */
public final class CharDevices {

    /** The guest agent's virtio channel name (libvirt's QEMU_AGENT_CHANNEL_NAME). */
    public static final String AGENT_CHANNEL = "org.qemu.guest_agent.0";

    private CharDevices() {
    }

    public static List<CharDeviceXml> all(DomainXml def) {
        List<CharDeviceXml> all = new ArrayList<>(def.devices().consoles());
        all.addAll(def.devices().serials());
        all.addAll(def.devices().parallels());
        all.addAll(def.devices().channels());
        return all;
    }

    /** The device whose alias is {@code alias}. */
    public static Optional<CharDeviceXml> byAlias(DomainXml def, String alias) {
        return all(def).stream().filter(c -> alias.equals(c.alias())).findFirst();
    }

    /** The guest agent's channel: a unix virtio channel named {@link #AGENT_CHANNEL}, as libvirt looks for it. */
    public static Optional<CharDeviceXml> agentChannel(DomainXml def) {
        return def.devices().channels().stream().filter(c -> "virtio".equals(c.targetType())
                && "unix".equals(c.type()) && AGENT_CHANNEL.equals(c.targetName())).findFirst();
    }
}
