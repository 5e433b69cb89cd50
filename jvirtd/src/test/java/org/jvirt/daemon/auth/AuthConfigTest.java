package org.jvirt.daemon.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.jvirt.rpc.sasl.ScramCredential;

/** The auth keys of jvirtd.conf, the allow-list globs, the password file and its tool. */
class AuthConfigTest {

    @Test
    void libvirtdsDefaultsAndKeys() {
        AuthConfig d = AuthConfig.defaults();
        assertEquals(AuthScheme.NONE, d.unixRw());
        assertEquals(AuthScheme.SASL, d.tcp());
        assertEquals(AuthScheme.NONE, d.tls());
        assertNull(d.allowedUsernames(), "absent list: every authenticated user");
        assertEquals(56, d.tcpMinSsf());
        AuthConfig c = AuthConfig.from(ConfFile.parse("""
                auth_unix_rw = "polkit"
                auth_tls = "sasl"
                sasl_allowed_username_list = ["alice", "*@EXAMPLE.COM"]
                tcp_min_ssf = 112
                access_drivers = ["rules"]
                """, "t.conf"));
        assertEquals(AuthScheme.POLKIT, c.unixRw());
        assertEquals(AuthScheme.SASL, c.tls());
        assertEquals(List.of("alice", "*@EXAMPLE.COM"), c.allowedUsernames());
        assertEquals(112, c.tcpMinSsf());
        assertEquals(List.of("rules"), c.accessDrivers());
    }

    @Test
    void anUnknownSchemeIsLibvirtsConfError() {
        VirtException e = assertThrows(VirtException.class,
                () -> AuthConfig.from(ConfFile.parse("auth_tcp = \"kerberos\"\n", "t.conf")));
        assertEquals(ErrorNumber.CONF_SYNTAX.code(), e.error().code());
        assertTrue(e.getMessage().contains("unknown authentication type 'kerberos' for auth_tcp"), e.getMessage());
    }

    @Test
    void globsAsGlibMatchesThem() {
        assertTrue(Glob.matches("alice", "alice"));
        assertFalse(Glob.matches("alice", "alice2"));
        assertTrue(Glob.matches("*@EXAMPLE.COM", "joe@EXAMPLE.COM"));
        assertTrue(Glob.matches("bob?", "bob1"));
        assertFalse(Glob.matches("bob?", "bob"));
        assertTrue(Glob.matches("*", ""));
    }

    @Test
    void saslpasswdKeepsSaltedKeysInAPrivateFile() throws Exception {
        Path dir = Files.createTempDirectory("saslpasswd");
        Path f = dir.resolve("pw");
        var in = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("s3cret\n".getBytes()));
            assertEquals(0, SaslPasswd.run(new String[] {"-f", f.toString(), "-p", "alice"}));
        } finally {
            System.setIn(in);
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        String text = Files.readString(f);
        assertFalse(text.contains("s3cret"), "no plain password for SCRAM");
        PasswordFile pf = new PasswordFile(f);
        assertEquals(ScramCredential.derive("s3cret".toCharArray(), pf.scram("alice").salt(), 4096), pf.scram("alice"));
        assertNull(pf.digestPassword("alice"));
        assertEquals(0, SaslPasswd.run(new String[] {"-f", f.toString(), "-d", "alice"}));
        assertNull(pf.scram("alice"));
        assertEquals(2, SaslPasswd.run(new String[] {"-f", f.toString(), "-p", "a:b"}));
        Files.delete(f);
        Files.delete(dir);
    }
}
