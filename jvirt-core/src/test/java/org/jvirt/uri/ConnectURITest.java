package org.jvirt.uri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvirt.VirtException;
import org.jvirt.conf.ConfFile;
import org.junit.jupiter.api.Test;

class ConnectURITest {

    @Test
    void localURIs() {
        ConnectURI u = ConnectURI.parse("test:///default");
        assertEquals("test", u.driver());
        assertNull(u.transport());
        assertNull(u.host());
        assertEquals("/default", u.path());
        assertFalse(u.isRemote());
        assertEquals("/tmp/node.xml", ConnectURI.parse("test:///tmp/node.xml").path());
        assertEquals("/system", ConnectURI.parse("qemu:///system").path());
    }

    @Test
    void remoteURIsWithTransportUserPortAndParams() {
        ConnectURI u = ConnectURI.parse("qemu+tls://admin@host.example.com:16514/system?no_verify=1&pkipath=/etc/pki/x");
        assertEquals("qemu", u.driver());
        assertEquals("tls", u.transport());
        assertEquals("admin", u.user());
        assertEquals("host.example.com", u.host());
        assertEquals(16514, u.port());
        assertEquals("/system", u.path());
        assertEquals("1", u.param("no_verify").orElseThrow());
        assertEquals("/etc/pki/x", u.param("pkipath").orElseThrow());
        assertTrue(u.isRemote());
        ConnectURI s = ConnectURI.parse("qemu+unix:///system?socket=/run/jvirt/jvirt-sock");
        assertEquals("unix", s.transport());
        assertEquals("/run/jvirt/jvirt-sock", s.param("socket").orElseThrow());
        assertEquals("host_name", ConnectURI.parse("qemu+ssh://host_name/system").host());
        assertEquals(-1, ConnectURI.parse("qemu+ssh://h/system").port());
    }

    @Test
    void unparseableURIsFail() {
        assertThrows(VirtException.class, () -> ConnectURI.parse("test:///with space"));
        assertThrows(VirtException.class, () -> ConnectURI.parse("no-scheme"));
    }

    @Test
    void aliasesResolveAsLibvirtResolvesThem() {
        ConfFile conf = ConfFile.parse("uri_aliases = [ \"mytest=test:///default\", \"bad.alias=x:///\" ]\n", "c");
        assertEquals("test:///default", ClientConfig.resolveAlias(conf, "mytest").orElseThrow());
        ConfFile bad = ConfFile.parse("uri_aliases = [ \"b@d=test:///default\" ]\n", "c");
        assertThrows(VirtException.class, () -> ClientConfig.resolveAlias(bad, "b@d"));
        assertTrue(ClientConfig.resolveAlias(ConfFile.empty(), "mytest").isEmpty());
    }
}
