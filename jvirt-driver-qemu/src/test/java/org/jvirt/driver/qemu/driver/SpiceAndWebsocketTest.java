package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.flags.DomainCreateFlag;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.domain.GraphicsXml;

/**
 * A guest with SPICE (autoport, a password) and VNC with an automatic WebSocket port: the ports the start chose
 * are in the live XML, the SPICE server there answers a SPICE link message with its own, the WebSocket port
 * accepts a connection, the password is nowhere on QEMU's command line, and the ports are free again after
 * the guest stops.
 */
class SpiceAndWebsocketTest extends FreshDriverTest {

    @Test
    void spiceAnswersAndVncWebsocketListens() throws Exception {
        try (Connect c = fx.open()) {
            Domain d = c.domainCreateXML(fx.guestXml("spice", """
                    <graphics type='spice' autoport='yes' passwd='spice-sekret-42'>
                      <image compression='off'/>
                    </graphics>
                    <graphics type='vnc' autoport='yes' websocket='-1'/>
                    <video><model type='qxl'/></video>"""), DomainCreateFlag.START_PAUSED);
            int spicePort;
            int wsPort;
            try {
                DomainXml live = DomainXml.parse(d.getXMLDesc());
                GraphicsXml spice = live.devices().graphics().stream().filter(g -> g.type().equals("spice"))
                        .findFirst().orElseThrow();
                GraphicsXml vnc = live.devices().graphics().stream().filter(g -> g.type().equals("vnc"))
                        .findFirst().orElseThrow();
                assertNotNull(spice.port(), live.toXml());
                spicePort = spice.port();
                assertEquals("127.0.0.1", spice.listen());
                wsPort = Integer.parseInt(Dom.attribute(vnc.element(), "websocket"));
                assertTrue(spicePort >= 5900 && wsPort >= 5900 && spicePort != wsPort && wsPort != vnc.port(),
                        live.toXml());

                assertArrayEquals("REDQ".getBytes(StandardCharsets.US_ASCII), spiceLink(spicePort),
                        "a SPICE server answers on the port");
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", wsPort), 5000);
                }
                long pid = qemuPid(d.getName());
                String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
                assertTrue(cmdline.contains("-spice port=" + spicePort + ",addr=127.0.0.1,"), cmdline);
                assertFalse(cmdline.contains("spice-sekret-42"), "the password goes over QMP only");
                assertFalse(cmdline.contains("disable-ticketing"), "a password turns ticketing on");
            } finally {
                d.destroy();
            }
            for (int port : List.of(spicePort, wsPort)) {
                try (java.net.ServerSocket s = new java.net.ServerSocket()) {
                    s.bind(new InetSocketAddress(port)); // QEMU is gone and so is its listener
                }
            }
        }
    }

    /** Sends a SPICE link message for the main channel and returns the first four bytes of the reply. */
    private static byte[] spiceLink(int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            ByteBuffer b = ByteBuffer.allocate(16 + 18).order(ByteOrder.LITTLE_ENDIAN);
            b.put("REDQ".getBytes(StandardCharsets.US_ASCII)).putInt(2).putInt(2).putInt(18); // header
            b.putInt(0).put((byte) 1).put((byte) 0).putInt(0).putInt(0).putInt(18); // SpiceLinkMess, main channel
            OutputStream out = s.getOutputStream();
            out.write(b.array());
            out.flush();
            byte[] magic = new byte[4];
            new DataInputStream(s.getInputStream()).readFully(magic);
            return magic;
        }
    }

    private long qemuPid(String name) throws Exception {
        // this test's own qemu: its command line holds the fixture's private directory
        List<Long> pids = org.jvirt.driver.qemu.testing.QemuTesting.pgrep(fx.dir.toString());
        assertEquals(1, pids.size(), "one qemu for " + name);
        return pids.get(0);
    }
}
