package org.jvirt.xml.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.SchemaValidator;
import org.junit.jupiter.api.Test;

/** The checkpoint document: read, built in libvirt's element and attribute order, refused when malformed. */
class DomainCheckpointXmlTest {

    static final String SAVED = """
            <domaincheckpoint>
              <name>c2</name>
              <parent>
                <name>c1</name>
              </parent>
              <creationTime>1700000000</creationTime>
              <disks>
                <disk name='vda' checkpoint='bitmap' bitmap='c2' size='4096'/>
                <disk name='hdc' checkpoint='no'/>
              </disks>
              <domain type='test'>
                <name>test</name>
                <memory unit='KiB'>8192</memory>
                <os>
                  <type>hvm</type>
                </os>
              </domain>
            </domaincheckpoint>
            """;

    @Test
    void readsEveryPart() {
        DomainCheckpointXml c = DomainCheckpointXml.parse(SAVED);
        assertEquals("c2", c.name());
        assertNull(c.description());
        assertEquals("c1", c.parentName());
        assertEquals(1700000000L, c.creationTime());
        assertEquals(List.of(new DomainCheckpointXml.Disk("vda", "bitmap", "c2", 4096L),
                new DomainCheckpointXml.Disk("hdc", "no", null, null)), c.disks());
        assertEquals("test", c.domain().name());
        assertEquals(SAVED, c.toXml());
    }

    @Test
    void buildsInLibvirtsOrder() {
        // set out of order on purpose: the view places each element where virDomainCheckpointDefFormat writes it
        DomainCheckpointXml c = DomainCheckpointXml.create(null, null);
        c.addDisk(new DomainCheckpointXml.Disk("vda", "bitmap", "b1", null));
        c.creationTime(5L).parentName("p").description("d").name("n");
        assertEquals("""
                <domaincheckpoint>
                  <name>n</name>
                  <description>d</description>
                  <parent>
                    <name>p</name>
                  </parent>
                  <creationTime>5</creationTime>
                  <disks>
                    <disk name='vda' checkpoint='bitmap' bitmap='b1'/>
                  </disks>
                </domaincheckpoint>
                """, c.toXml());
        c.parentName(null);
        assertNull(c.parentName());
    }

    @Test
    void malformedInputIsLibvirtsError() {
        VirtException e = assertThrows(VirtException.class,
                () -> DomainCheckpointXml.parse("<domaincheckpoint><disks><disk/></disks></domaincheckpoint>"));
        assertEquals(ErrorNumber.XML_ERROR, e.number());
        assertEquals(ErrorDomain.DOMAIN_CHECKPOINT, e.errorDomain());
        VirtException type = assertThrows(VirtException.class, () -> DomainCheckpointXml.parse(
                "<domaincheckpoint><disks><disk name='vda' checkpoint='maybe'/></disks></domaincheckpoint>"));
        assertTrue(type.getMessage().contains("maybe"), type.getMessage());
        VirtException root = assertThrows(VirtException.class,
                () -> DomainCheckpointXml.parse("<domainsnapshot/>"));
        assertEquals(ErrorNumber.XML_ERROR, root.number());
    }

    @Test
    void schemaRefusesNamesThatCannotBeFileNames() {
        SchemaValidator v = SchemaValidator.system();
        org.junit.jupiter.api.Assumptions.assumeTrue(v.available(), "libvirt schemas not installed");
        v.validate(DomainCheckpointXml.parse(SAVED));
        VirtException e = assertThrows(VirtException.class,
                () -> v.validate(DomainCheckpointXml.create("../escape", null)));
        assertEquals(ErrorNumber.XML_INVALID_SCHEMA, e.number());
    }
}
