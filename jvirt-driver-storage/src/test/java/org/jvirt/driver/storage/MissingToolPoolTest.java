package org.jvirt.driver.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.VirtException;
import org.jvirt.driver.storage.exec.Programs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rbd, gluster and zfs pools where their programs are not installed: a clear error naming the program. */
class MissingToolPoolTest extends HostRootTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rbd|rbd|<source><host name='mon'/><name>rbdpool</name></source>",
        "gluster|gluster|<source><host name='gl'/><name>vol</name><dir path='/'/></source>",
        "zfs|zfs|<source><name>tank</name></source>"})
    void startNamesTheMissingProgram(String type, String program, String source) {
        assumeTrue(Programs.find(program).isEmpty(), program + " is installed here");
        StoragePool p = conn.storagePoolDefineXML("<pool type='" + type + "'><name>m-" + type + "</name>" + source
                + "</pool>");
        VirtException e = assertThrows(VirtException.class, p::create);
        assertEquals(ErrorNumber.NO_SUPPORT.code(), e.error().code());
        assertTrue(e.getMessage().contains("'" + program + "'"), e.getMessage());
        assertFalse(p.isActive());
        assertTrue(conn.getStoragePoolCapabilities().contains("<pool type='" + type + "' supported='no'"));
        p.undefine();
    }
}
