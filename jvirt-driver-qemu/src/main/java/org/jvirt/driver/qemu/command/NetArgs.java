package org.jvirt.driver.qemu.command;

import java.util.List;
import java.util.Map;
import org.jvirt.xml.domain.InterfaceSource;
import org.jvirt.xml.domain.NetInterfaceXml;

/** Network interfaces: a {@code -netdev} backend and a {@code -device} NIC each. */
final class NetArgs {

    /** libvirt model -> QEMU device, and whether it is a PCI Express endpoint (its own root port on q35). */
    private static final Map<String, String> MODELS = Map.of("virtio", "virtio-net-pci", "e1000", "e1000",
            "e1000e", "e1000e", "rtl8139", "rtl8139", "ne2k_pci", "ne2k_pci", "pcnet", "pcnet", "vmxnet3", "vmxnet3");

    private NetArgs() {
    }

    static void add(BuildContext ctx, Map<NetInterfaceXml, Integer> bootIndex, List<QemuCommand.TapDevice> taps) {
        List<NetInterfaceXml> nics = ctx.def.devices().interfaces();
        for (int i = 0; i < nics.size(); i++) {
            NetInterfaceXml nic = nics.get(i);
            String netdev = "hostnet" + i;
            String mac = nic.mac() == null ? null : nic.mac().toString();
            switch (nic.source()) {
                case InterfaceSource.User u -> ctx.arg("-netdev", QemuOpts.of("user").add("id", netdev).toString());
                case InterfaceSource.Bridge b -> {
                    if (b.bridge() == null) {
                        throw BuildContext.unsupported("interface of type 'bridge' needs <source bridge=...>");
                    }
                    String ifname = nic.targetDev() != null ? nic.targetDev() : tapName(ctx, i);
                    taps.add(new QemuCommand.TapDevice(ifname, b.bridge(), mac));
                    ctx.arg("-netdev", QemuOpts.of("tap").add("id", netdev).add("ifname", ifname)
                            .add("script", "no").add("downscript", "no").toString());
                }
                default -> throw BuildContext.unsupported("interface type '%s' is not supported yet",
                        nic.source().interfaceType());
            }
            String model = nic.model() == null ? "rtl8139" : nic.model(); // libvirt's x86 default
            String device = MODELS.get(model);
            if (device == null) {
                throw BuildContext.unsupported("unknown interface model '%s'", model);
            }
            ctx.requireDevice(device, "interface model '" + model + "'");
            boolean express = device.startsWith("virtio") || device.equals("e1000e");
            nic.alias("net" + i);
            QemuOpts dev = QemuOpts.of(device).add("netdev", netdev).add("id", "net" + i).add("mac", mac)
                    .add("bus", express ? ctx.pcieBus() : (ctx.q35 ? "pcie.0" : null));
            Integer boot = bootIndex.get(nic);
            if (boot != null) {
                dev.add("bootindex", boot);
            }
            ctx.device(dev);
        }
    }

    /** A tap name unique per domain (the UUID) and NIC, within IFNAMSIZ. */
    private static String tapName(BuildContext ctx, int i) {
        String uuid = ctx.def.uuid() == null ? "00000000" : ctx.def.uuid().toString().substring(0, 8);
        return "jv" + uuid + "n" + i;
    }
}
