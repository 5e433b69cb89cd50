package org.jvirt.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.junit.jupiter.api.Test;

class ConfFileTest {

    @Test
    void readsLibvirtdConfSyntax() {
        ConfFile c = ConfFile.parse("""
                # a comment
                listen_tls = 0
                listen_tcp = 1
                tcp_port = "16599"   # trailing comment
                unix_sock_rw_perms = '0770'
                uri_aliases = [
                  "hail=qemu+ssh://root@hail.example.com/system",
                  "sleet=qemu+ssh://root@sleet.example.com/system",
                ]
                empty = []
                """, "test.conf");
        assertEquals(0L, c.getLong("listen_tls").orElseThrow());
        assertTrue(c.getBoolean("listen_tcp").orElseThrow());
        assertEquals("16599", c.getString("tcp_port").orElseThrow());
        assertEquals("0770", c.getString("unix_sock_rw_perms").orElseThrow());
        assertEquals(List.of("hail=qemu+ssh://root@hail.example.com/system",
                "sleet=qemu+ssh://root@sleet.example.com/system"), c.getStringList("uri_aliases").orElseThrow());
        assertEquals(List.of(), c.getStringList("empty").orElseThrow());
        assertTrue(c.get("missing").isEmpty());
    }

    @Test
    void syntaxErrorsNameFileAndLine() {
        VirtException e = assertThrows(VirtException.class,
                () -> ConfFile.parse("a = 1\nb = \"unterminated\n", "/etc/jvirt/jvirtd.conf"));
        assertEquals(ErrorNumber.CONF_SYNTAX, e.number());
        assertEquals("configuration file syntax error: /etc/jvirt/jvirtd.conf:2: unterminated string",
                e.getMessage());
        assertThrows(VirtException.class, () -> ConfFile.parse("a 1\n", "f"));
        assertThrows(VirtException.class, () -> ConfFile.parse("a = [1, 2\n", "f"));
        assertThrows(VirtException.class, () -> ConfFile.parse("a = 1 2\n", "f"));
    }

    @Test
    void typeMismatchIsAnError() {
        ConfFile c = ConfFile.parse("port = 16509\nname = \"x\"\nflag = 2\n", "f");
        assertThrows(VirtException.class, () -> c.getString("port"));
        assertThrows(VirtException.class, () -> c.getLong("name"));
        assertThrows(VirtException.class, () -> c.getBoolean("flag"));
    }
}
