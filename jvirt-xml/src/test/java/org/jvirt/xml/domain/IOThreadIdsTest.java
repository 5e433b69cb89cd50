package org.jvirt.xml.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.junit.jupiter.api.Test;

/** libvirt's settling of IOThread ids (autofill after the given ones) and how its formatter writes them back. */
class IOThreadIdsTest {

    private static DomainXml dom(String extra) {
        return DomainXml.parse("<domain type='kvm'><name>d</name><memory>1024</memory><vcpu>2</vcpu>" + extra
                + "<os><type>hvm</type></os><devices><disk type='file' device='disk'>"
                + "<driver name='qemu' iothread='2'/><target dev='vda' bus='virtio'/></disk></devices></domain>");
    }

    @Test
    void countAloneIsAutofilledAndStaysACount() {
        DomainXml d = dom("<iothreads>3</iothreads><iothreadids><iothread id='7'/></iothreadids>");
        assertEquals(List.of(7, 1, 2), IOThreadIds.ids(d.element()));
        DomainXml plain = dom("<iothreads>2</iothreads>");
        List<IOThreadIds.IOThread> t = IOThreadIds.read(plain.element());
        assertTrue(t.get(0).autofill() && t.get(1).autofill());
        IOThreadIds.write(plain.element(), t);
        assertTrue(plain.toXml().contains("<iothreads>2</iothreads>"), plain.toXml());
        assertFalse(plain.toXml().contains("iothreadids"), "autofilled ids are not written");
    }

    @Test
    void removingOutOfOrderWritesTheIdsAndPinsFollowTheirThread() {
        DomainXml d = dom("<iothreads>3</iothreads>");
        List<IOThreadIds.IOThread> t = new ArrayList<>(IOThreadIds.read(d.element()));
        BitSet cpus = new BitSet();
        cpus.set(1, 3);
        t.set(2, t.get(2).pinned(cpus));
        IOThreadIds.write(d.element(), IOThreadIds.remove(t, 1));
        String xml = d.toXml();
        assertTrue(xml.contains("<iothreads>2</iothreads>"), xml);
        assertTrue(xml.replaceAll("\\s", "").contains("<iothreadids><iothreadid=\"2\"/><iothreadid=\"3\"/></iothreadids>")
                || xml.replaceAll("\\s", "").contains("<iothreadids><iothreadid='2'/><iothreadid='3'/></iothreadids>"),
                xml);
        assertTrue(xml.indexOf("<iothreads>") < xml.indexOf("<cputune>") && xml.indexOf("<cputune>") < xml.indexOf("<os>"),
                xml);
        assertEquals(cpus, IOThreadIds.read(d.element()).get(1).pin());
        IOThreadIds.write(d.element(), IOThreadIds.remove(IOThreadIds.read(d.element()), 3));
        assertFalse(d.toXml().contains("cputune"), "an emptied cputune goes");
    }

    @Test
    void libvirtsChecksForAddAndDelete() {
        DomainXml d = dom("<iothreads>2</iothreads>");
        List<IOThreadIds.IOThread> t = IOThreadIds.read(d.element());
        VirtException dup = assertThrows(VirtException.class, () -> IOThreadIds.checkAdd(t, 2));
        assertEquals("invalid argument: an IOThread is already using iothread_id '2'", dup.getMessage());
        VirtException used = assertThrows(VirtException.class, () -> IOThreadIds.checkDel(d.element(), t, 2));
        assertEquals("invalid argument: cannot remove IOThread 2 since it is being used by disk 'vda'",
                used.getMessage());
        VirtException missing = assertThrows(VirtException.class, () -> IOThreadIds.checkDel(d.element(), t, 9));
        assertEquals(ErrorNumber.INVALID_ARG.code(), missing.error().code());
        IOThreadIds.checkDel(d.element(), t, 1);
    }
}
