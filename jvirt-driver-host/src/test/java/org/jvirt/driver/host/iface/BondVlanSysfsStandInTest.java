package org.jvirt.driver.host.iface;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.driver.host.HostRoot;
import org.jvirt.driver.host.VirtAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bond and vlan interfaces, which this machine's kernel cannot make (no bonding or 8021q module), on a
 * /sys/class/net and /proc/net/vlan built by the test in the kernel's formats; and a malformed MTU.
 */
class BondVlanSysfsStandInTest {

    private HostRoot root;
    private IfaceDescriber describer;

    @BeforeEach
    void build() throws IOException {
        root = new HostRoot();
        Path net = root.dir.resolve("sys/class/net");
        link(net, "eth1", "", "1500", "up", "52:54:00:aa:00:01");
        link(net, "eth2", "", "1500", "up", "52:54:00:aa:00:02");
        Path bond = link(net, "bond0", "DEVTYPE=bond\n", "9000", "up", "52:54:00:aa:00:01");
        write(bond, "bonding/mode", "active-backup 1");
        write(bond, "bonding/miimon", "100");
        write(bond, "bonding/downdelay", "0");
        write(bond, "bonding/updelay", "200");
        write(bond, "bonding/arp_interval", "0");
        write(bond, "bonding/arp_validate", "none 0");
        write(bond, "bonding/use_carrier", "1");
        write(bond, "bonding/arp_ip_target", "");
        Files.createDirectories(bond.resolve("slave_eth1"));
        Files.createDirectories(bond.resolve("slave_eth2"));
        link(net, "eth1.42", "DEVTYPE=vlan\n", "1500", "up", "52:54:00:aa:00:01");
        Path vlan = Files.createDirectories(root.dir.resolve("proc/net/vlan"));
        Files.writeString(vlan.resolve("eth1.42"), "eth1.42  VID: 42\t REORDER_HDR: 1  dev->priv_flags: 1001\n"
                + "         total frames received            0\n\nDevice: eth1\nINGRESS priority mappings: 0:0\n");
        link(net, "bad0", "", "lots", "up", "52:54:00:aa:00:09");
        describer = new IfaceDescriber(new NetLinks(root.dir.resolve("sys")), root.dir.resolve("proc"), n -> List.of());
    }

    @AfterEach
    void clean() throws IOException {
        root.close();
    }

    private static Path link(Path net, String name, String uevent, String mtu, String state, String mac)
            throws IOException {
        Path dir = Files.createDirectories(net.resolve(name));
        write(dir, "uevent", uevent + "INTERFACE=" + name);
        write(dir, "mtu", mtu);
        write(dir, "operstate", state);
        write(dir, "address", mac);
        return dir;
    }

    private static void write(Path dir, String name, String value) throws IOException {
        Files.createDirectories(dir.resolve(name).getParent());
        Files.writeString(dir.resolve(name), value + "\n");
    }

    @Test
    void bondWithSlaves() {
        assertEquals("""
                <interface type='bond' name='bond0'>
                  <mtu size='9000'/>
                  <link state='up'/>
                  <bond mode='active-backup'>
                    <miimon freq='100' updelay='200' carrier='netif'/>
                    <interface type='ethernet' name='eth1'>
                      <link state='up'/>
                      <mac address='52:54:00:aa:00:01'/>
                    </interface>
                    <interface type='ethernet' name='eth2'>
                      <link state='up'/>
                      <mac address='52:54:00:aa:00:02'/>
                    </interface>
                  </bond>
                </interface>
                """, describer.describe("bond0"));
    }

    @Test
    void vlanWithItsDevice() {
        assertEquals("""
                <interface type='vlan' name='eth1.42'>
                  <mtu size='1500'/>
                  <link state='up'/>
                  <vlan tag='42'>
                    <interface name='eth1'/>
                  </vlan>
                </interface>
                """, describer.describe("eth1.42"));
    }

    @Test
    void malformedMtuAndMissingLink() {
        VirtAssert.fails(ErrorDomain.INTERFACE, ErrorNumber.INTERNAL_ERROR, "Could not parse MTU value 'lots'",
                () -> describer.describe("bad0"));
        VirtAssert.fails(ErrorDomain.INTERFACE, ErrorNumber.NO_INTERFACE, "couldn't find interface named '../etc'",
                () -> describer.describe("../etc"));
    }
}
