package org.jvirt.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.Interface;
import org.jvirt.Network;
import org.jvirt.NodeDevice;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.flags.DomainXMLFlag;
import org.jvirt.xml.SchemaValidator;
import org.junit.jupiter.api.Test;

/**
 * Every document the test driver writes validates against libvirt's own RelaxNG schemas (Debian's libvirt0
 * installs them; scripts/setup-test-deps.sh makes sure they are there).
 */
class WrittenXmlValidatesTest {

    @Test
    void everyDocumentOfTheDefaultStateValidates() {
        SchemaValidator v = SchemaValidator.system();
        assumeTrue(v.available(), "libvirt's schemas are not installed");
        try (Connect c = Connect.open("test:///default")) {
            v.validate(c.getCapabilities(), "capability.rng");
            for (Domain d : c.listAllDomains()) {
                v.validate(d.getXMLDesc(), "domain.rng");
                v.validate(d.getXMLDesc(DomainXMLFlag.INACTIVE), "domain.rng");
            }
            for (Network n : c.listAllNetworks()) {
                v.validate(n.getXMLDesc(), "network.rng");
            }
            for (StoragePool p : c.listAllStoragePools()) {
                v.validate(p.getXMLDesc(), "storagepool.rng");
                for (StorageVol vol : p.listAllVolumes()) {
                    v.validate(vol.getXMLDesc(), "storagevol.rng");
                }
            }
            for (NodeDevice d : c.listAllNodeDevices()) {
                v.validate(d.getXMLDesc(), "nodedev.rng");
            }
            for (Interface i : c.listAllInterfaces()) {
                v.validate(i.getXMLDesc(false), "interface.rng");
            }
        }
    }
}
