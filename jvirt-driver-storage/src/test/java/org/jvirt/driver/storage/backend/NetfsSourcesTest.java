package org.jvirt.driver.storage.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jvirt.VirtException;
import org.junit.jupiter.api.Test;

/**
 * NFS source discovery: this machine's kernel has no NFS, so no export can be listed live; showmount's output
 * (as nfs-common prints it) is read, and the {@code <sources>} written as libvirt writes them.
 */
class NetfsSourcesTest {

    @Test
    void showmountExportsBecomeSources() {
        String out = """
                /srv/images  192.0.2.0/24
                /srv/iso     *
                """;
        assertEquals(List.of("/srv/images", "/srv/iso"), NetfsSources.exports(out));
        assertEquals("""
                <sources>
                  <source>
                    <host name='nfs1'/>
                    <dir path='/srv/images'/>
                    <format type='nfs'/>
                  </source>
                  <source>
                    <host name='nfs1'/>
                    <dir path='/srv/iso'/>
                    <format type='nfs'/>
                  </source>
                </sources>
                """, NetfsSources.format("nfs1", NetfsSources.exports(out)));
        assertEquals("nfs1", NetfsSources.host("<source><host name='nfs1'/></source>"));
        assertThrows(VirtException.class, () -> NetfsSources.host("<source><dir path='/x'/></source>"));
    }
}
