package org.jvirt.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.install.InstallRequest.DiskSpec;
import org.jvirt.install.InstallRequest.InstallMethod;
import org.jvirt.install.os.OsinfoCatalog;

/**
 * The Java API as the web UI uses it, in process on the test driver: plan (the XML, no side effects), install
 * (the default pool made as virt-install makes it, the volume, the running and defined guest, progress reported),
 * and a taken name refused with libvirt's DOM_EXIST before anything is made.
 */
class ProvisionerApiTest {
    private static final OsinfoCatalog CATALOG = OsinfoCatalog.loadDefault();

    private static InstallRequest request(String name) {
        return InstallRequest.builder().name(name).os("debian11").method(new InstallMethod.Import())
                .disk(new DiskSpec(false, null, 1.0, null, null, null, null, null)).build();
    }

    @Test
    void planInstallAndRefuseATakenName() {
        try (Connect conn = Connect.open("test:///default")) {
            Provisioner p = new Provisioner(conn, CATALOG);
            Plan plan = p.plan(request("api1"), true);
            assertTrue(plan.printedXml().contains("<name>api1</name>"), plan.printedXml());
            assertEquals(1, plan.volumes().size());
            assertEquals("api1.qcow2", plan.volumes().get(0).name());
            assertTrue(conn.listAllStoragePools().stream().noneMatch(x -> x.getName().equals("default")),
                    "planning makes nothing");

            List<String> steps = new ArrayList<>();
            Progress progress = new Progress() {
                @Override
                public void start(String label, long total) {
                    steps.add(label);
                }

                @Override
                public void update(long done) {
                }

                @Override
                public void end(long done) {
                }
            };
            Provisioner.Result r = p.install(request("api1"), Provisioner.Options.DEFAULT, progress);
            Domain d = r.domain();
            assertEquals(DomainState.RUNNING, d.getState().state());
            assertTrue(d.isPersistent());
            assertEquals(List.of("Allocating 'api1.qcow2'", "Creating domain..."), steps);
            assertTrue(conn.storagePoolLookupByName("default").listVolumes().contains("api1.qcow2"));

            VirtException e = assertThrows(VirtException.class,
                    () -> p.install(request("api1"), Provisioner.Options.DEFAULT, Progress.NONE));
            assertEquals(ErrorNumber.DOM_EXIST, e.error().number());
            assertEquals("Guest name 'api1' is already in use.", InstallErrors.userMessage(e));
            assertEquals(List.of("api1.qcow2"), conn.storagePoolLookupByName("default").listVolumes());
        }
    }
}
