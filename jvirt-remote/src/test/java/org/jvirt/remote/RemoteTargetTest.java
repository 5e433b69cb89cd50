package org.jvirt.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvirt.Connect;
import org.jvirt.VirtException;
import org.jvirt.remote.transport.CommandDialer;
import org.jvirt.remote.transport.TcpDialer;
import org.jvirt.remote.transport.TlsDialer;
import org.jvirt.remote.transport.UnixDialer;
import org.jvirt.uri.ConnectURI;
import org.junit.jupiter.api.Test;

/** URI → transport, open name and options: the one mapping, checked without a daemon (plus one ext run). */
class RemoteTargetTest {

    private static RemoteTarget target(String uri) {
        return RemoteTarget.of(ConnectURI.parse(uri), false);
    }

    @Test
    void nameDropsTransportHostAndClientParams() {
        assertEquals("test:///default", target("test+unix:///default?socket=/x").name());
        assertEquals("qemu:///system", target("qemu+tcp://h:1234/system").name());
        assertEquals("qemu:///system?extra=1", target("qemu+tls://h/system?no_verify=1&extra=1&pkipath=/p").name());
        assertEquals("", target("remote+tcp://h/").name());
        assertEquals("xen:///", target("qemu+tcp://h/system?name=xen:///").name());
        assertEquals("test:///default", target("test+tcp://h/default?keepalive_interval=2&reconnect=1").name());
    }

    @Test
    void transportsAndDefaultPorts() {
        assertEquals(new UnixDialer(Path.of("/x")), target("test+unix:///default?socket=/x").transport());
        assertEquals(new TcpDialer("h", 16509), target("qemu+tcp://h/system").transport());
        assertEquals(new TcpDialer("h", 99), target("qemu+tcp://h:99/system").transport());
        TlsDialer tls = assertInstanceOf(TlsDialer.class, target("qemu://h/system").transport());
        assertEquals(16514, tls.port());
        assertFalse(tls.noVerify());
        assertTrue(assertInstanceOf(TlsDialer.class, target("qemu+tls://h/system?no_verify=1&pkipath=/p")
                .transport()).noVerify());
        assertEquals(Path.of("/p/clientkey.pem"),
                ((TlsDialer) target("qemu+tls://h/system?pkipath=/p").transport()).pki().clientKey());
    }

    @Test
    void keepaliveAndReconnectOptions() {
        RemoteTarget t = target("test+tcp://h/default?keepalive_interval=2&keepalive_count=3&reconnect=1");
        assertEquals(2, t.keepaliveInterval());
        assertEquals(3, t.keepaliveCount());
        assertTrue(t.reconnect());
        assertEquals(RemoteTarget.DEFAULT_KEEPALIVE_INTERVAL, target("test+tcp://h/default").keepaliveInterval());
    }

    @Test
    void sshCommandIsLibvirts() {
        CommandDialer t = assertInstanceOf(CommandDialer.class,
                target("qemu+ssh://root@host:2222/system?keyfile=/k&no_tty=1").transport());
        assertEquals(List.of("ssh", "-p", "2222", "-l", "root", "-i", "/k", "-T", "-e", "none", "-o", "BatchMode=yes",
                "--", "host", "sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     "
                        + "virt-ssh-helper 'qemu:///system'; else    if 'nc' -q 2>&1 | grep \"requires an argument\" "
                        + ">/dev/null 2>&1; then ARG=-q0;else ARG=;fi;'nc' $ARG -U /var/run/libvirt/libvirt-sock; fi'"),
                t.argv());
        CommandDialer nc = assertInstanceOf(CommandDialer.class,
                target("qemu+ssh://host/system?socket=/run/jvirt/jvirt-sock").transport());
        assertEquals("sh -c 'if 'nc' -q 2>&1 | grep \"requires an argument\" >/dev/null 2>&1; then ARG=-q0;else "
                + "ARG=;fi;'nc' $ARG -U /run/jvirt/jvirt-sock'", nc.argv().get(nc.argv().size() - 1));
        CommandDialer nat = assertInstanceOf(CommandDialer.class,
                target("qemu+ssh://host/system?proxy=native").transport());
        assertEquals("sh -c 'virt-ssh-helper 'qemu:///system''", nat.argv().get(nat.argv().size() - 1));
    }

    @Test
    void badTransportsAreLibvirtsErrors() {
        VirtException e = assertThrows(VirtException.class, () -> target("qemu+foo://h/system"));
        assertEquals("invalid argument: transport in URL not recognized (should be tls|unix|ssh|ext|tcp|libssh2|libssh)",
                e.getMessage());
        assertThrows(VirtException.class, () -> target("qemu+ext:///system"));
        assertThrows(VirtException.class, () -> target("qemu+unix://host/system"));
    }

    @Test
    void plainLocalUriFallsToRemoteOnlyWhenTheSocketExists() {
        ConnectURI plain = ConnectURI.parse("qemu:///system");
        assertEquals(Files.exists(RemoteTarget.defaultSocket(plain, false)),
                RemoteTarget.localDaemonAvailable(plain, false));
        assertTrue(RemoteTarget.localDaemonAvailable(ConnectURI.parse("qemu:///system?socket=/x"), false));
    }

    @Test
    void connectionRefusedIsLibvirtsMessage() throws Exception {
        int port = Libvirtd.freePort();
        VirtException e = assertThrows(VirtException.class, () -> Connect.open("test+tcp://127.0.0.1:" + port
                + "/default"));
        assertEquals("unable to connect to server at '127.0.0.1:" + port + "': Connection refused", e.getMessage());
        assertEquals(38, e.error().code());
    }

    /** +ext: RPC over a command's stdio — here a tiny python relay to a real libvirtd's unix socket. */
    @Test
    void extTransportRunsTheCommand() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python));
        try (Libvirtd d = Libvirtd.start()) {
            Path relay = d.dir.resolve("relay.sh");
            Files.writeString(relay, "#!/bin/sh\nexec /usr/bin/python3 -c '\n"
                    + "import socket,sys,threading,os\n"
                    + "s=socket.socket(socket.AF_UNIX); s.connect(\"" + d.socket + "\")\n"
                    + "def up():\n"
                    + "  while True:\n"
                    + "    b=os.read(0,65536)\n"
                    + "    if not b: s.shutdown(socket.SHUT_WR); return\n"
                    + "    s.sendall(b)\n"
                    + "threading.Thread(target=up,daemon=True).start()\n"
                    + "while True:\n"
                    + "  b=s.recv(65536)\n"
                    + "  if not b: break\n"
                    + "  os.write(1,b)\n"
                    + "'\n");
            relay.toFile().setExecutable(true);
            try (Connect c = Connect.open("test+ext:///default?command=" + relay)) {
                assertEquals("test", c.domainLookupByName("test").getName());
            }
        }
    }
}
