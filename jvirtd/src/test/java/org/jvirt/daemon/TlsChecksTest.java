package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.jvirt.daemon.config.DaemonConfig;
import org.jvirt.rpc.RpcCodec;
import org.jvirt.rpc.frame.FrameDecoder;
import org.jvirt.rpc.frame.RpcMessage;
import org.jvirt.rpc.proto.remote.ConnectProcedures;
import org.jvirt.rpc.proto.remote.ConnectTypes.RemoteConnectOpenArgs;

/**
 * TLS refusals and TLS 1.3: an expired client certificate is refused by the daemon; real virsh refuses a
 * daemon whose certificate names another host, is expired, or comes from a CA it does not trust; with
 * tls_protocols = ["TLSv1.3"] a client negotiates TLS 1.3 and makes calls. (libvirt 9.0's gnutls clients do
 * not work with the JDK's TLS 1.3, see DaemonConfig.tlsProtocols, so the TLS 1.3 client here is the JDK's.)
 */
class TlsChecksTest {

    private static Path base;
    private static TestPki.Issued ca;
    private static TestPki.Issued client;
    private static final List<DaemonFixture> FIXTURES = new ArrayList<>();

    @BeforeAll
    static void pki() throws Exception {
        base = Files.createTempDirectory("jvirtd-tlschecks");
        ca = TestPki.ca("jvirt checks CA");
        client = TestPki.client(ca, "client1");
        Path pki = Files.createDirectories(base.resolve("client"));
        TestPki.writePem(base.resolve("cacert.pem"), ca.cert());
        TestPki.writePem(pki.resolve("cacert.pem"), ca.cert());
        TestPki.writePem(pki.resolve("clientcert.pem"), client.cert());
        TestPki.writePem(pki.resolve("clientkey.pem"), client.keys().getPrivate());
    }

    @AfterAll
    static void stop() throws Exception {
        for (DaemonFixture f : FIXTURES) {
            f.close();
        }
    }

    /** A daemon whose server certificate is {@code server}, offering {@code protocols}. */
    private static DaemonFixture daemon(String name, TestPki.Issued server, String protocols) throws Exception {
        Path dir = Files.createDirectories(base.resolve(name));
        TestPki.writePem(dir.resolve("servercert.pem"), server.cert());
        TestPki.writePem(dir.resolve("serverkey.pem"), server.keys().getPrivate());
        DaemonFixture f = new DaemonFixture("""
                listen_tls = 1
                tls_port = "0"
                ca_file = "%s"
                cert_file = "%s"
                key_file = "%s"
                tls_protocols = %s
                """.formatted(base.resolve("cacert.pem"), dir.resolve("servercert.pem"),
                dir.resolve("serverkey.pem"), protocols));
        FIXTURES.add(f);
        return f;
    }

    private static SSLSocket connect(DaemonFixture f, TestPki.Issued cert, String protocol) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("c", cert.keys().getPrivate(), new char[0], new X509Certificate[] {cert.cert()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", f.daemon.tlsPort());
        s.setEnabledProtocols(new String[] {protocol});
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    @Test
    void expiredClientCertificateIsRefused() throws Exception {
        DaemonFixture f = daemon("expired-client", TestPki.server(ca, "localhost"), "[\"TLSv1.2\"]");
        TestPki.Issued expired = TestPki.client(ca, "client1", -400);
        boolean refused;
        try (SSLSocket s = connect(f, expired, "TLSv1.2")) {
            refused = s.getInputStream().read() != 1;
        } catch (IOException e) {
            refused = true;
        }
        assertTrue(refused, "an expired client certificate got to RPC");
        try (SSLSocket s = connect(f, client, "TLSv1.2")) {
            assertEquals(1, s.getInputStream().read(), "a valid certificate is accepted");
        }
    }

    @Test
    void virshRefusesWrongHostExpiredAndOtherCaServers() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        String pki = base.resolve("client").toString();
        DaemonFixture good = daemon("good", TestPki.server(ca, "localhost"), "[\"TLSv1.2\"]");
        Tools.Result ok = Tools.virsh("test+tls://localhost:" + good.daemon.tlsPort() + "/default?pkipath=" + pki,
                "list", "--name");
        assertEquals(0, ok.code(), ok::toString);
        DaemonFixture wrongHost = daemon("wrong-host", TestPki.server(ca, "elsewhere.example"), "[\"TLSv1.2\"]");
        // the certificate also names 127.0.0.1, so the URI names the host by a name it lacks
        Tools.Result r1 = Tools.virsh("test+tls://localhost:" + wrongHost.daemon.tlsPort() + "/default?pkipath="
                + pki, "list");
        assertNotEquals(0, r1.code());
        assertTrue(r1.err().contains("owner does not match the hostname localhost"), r1::toString);
        DaemonFixture expired = daemon("expired-server", TestPki.server(ca, "localhost", -400), "[\"TLSv1.2\"]");
        Tools.Result r2 = Tools.virsh("test+tls://localhost:" + expired.daemon.tlsPort() + "/default?pkipath="
                + pki, "list");
        assertNotEquals(0, r2.code());
        assertTrue(r2.err().contains("Failed to verify peer's certificate"), r2::toString);
        DaemonFixture otherCa = daemon("other-ca", TestPki.server(TestPki.ca("rogue CA"), "localhost"),
                "[\"TLSv1.2\"]");
        Tools.Result r3 = Tools.virsh("test+tls://localhost:" + otherCa.daemon.tlsPort() + "/default?pkipath="
                + pki, "list");
        assertNotEquals(0, r3.code());
        assertTrue(r3.err().contains("Failed to verify peer's certificate"), r3::toString);
    }

    @Test
    void tls13ServesCalls() throws Exception {
        DaemonFixture f = daemon("tls13", TestPki.server(ca, "localhost"), "[\"TLSv1.3\"]");
        try (SSLSocket s = connect(f, client, "TLSv1.3")) {
            assertEquals("TLSv1.3", s.getSession().getProtocol());
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            assertEquals(1, in.read());
            out.write(RpcCodec.encodeCall(ConnectProcedures.CONNECT_OPEN, 1,
                    new RemoteConnectOpenArgs("test:///default", 0)));
            out.write(RpcCodec.encodeCall(ConnectProcedures.CONNECT_GET_TYPE, 2, null));
            out.flush();
            FrameDecoder d = new FrameDecoder();
            List<RpcMessage> got = new ArrayList<>();
            byte[] buf = new byte[4096];
            while (got.size() < 2) {
                int n = in.read(buf);
                assertTrue(n > 0, "connection closed");
                d.feed(buf, 0, n, got::add);
            }
            assertEquals("TEST", RpcCodec.decodeReply(ConnectProcedures.CONNECT_GET_TYPE, got.get(1)).type());
        }
        // TLS 1.2 is not offered on this listener
        assertThrows(IOException.class, () -> connect(f, client, "TLSv1.2").close());
    }

    @Test
    void tlsProtocolsAreChecked() {
        VirtException e = assertThrows(VirtException.class, () -> DaemonConfig.from(ConfFile.parse(
                "tls_protocols = [\"SSLv3\"]\n", "t.conf")));
        assertTrue(e.getMessage().contains("unsupported TLS protocol 'SSLv3'"), e.getMessage());
        assertEquals(List.of("TLSv1.2"), DaemonConfig.defaults().tls().protocols());
    }
}
