package org.jvirt.driver.qemu.command;

import java.util.ArrayList;
import java.util.List;
import org.jvirt.xml.Dom;
import org.jvirt.xml.domain.DomainXml;
import org.w3c.dom.Element;

/**
 * {@code <iothreads>N</iothreads>} and {@code <iothreadids>}: an {@code iothread} object per id
 * ({@code iothreadN}), which disks name in {@code <driver iothread='N'>}, as libvirt's
 * qemuBuildIOThreadCommandLine.
 */
public final class IothreadArgs {

    private IothreadArgs() {
    }

    /** The ids: those of {@code <iothreadids>}, else 1..N. */
    public static List<Integer> ids(DomainXml def) {
        List<Integer> ids = new ArrayList<>();
        Element list = Dom.child(def.element(), "iothreadids");
        if (list != null) {
            for (Element t : Dom.children(list, "iothread")) {
                Integer id = Attrs.integer(t, "id");
                if (id == null || id < 1) {
                    throw BuildContext.unsupported("invalid iothread id '%s'", Dom.attribute(t, "id"));
                }
                ids.add(id);
            }
            return ids;
        }
        Element n = Dom.child(def.element(), "iothreads");
        if (n == null) {
            return ids;
        }
        int count;
        try {
            count = Integer.parseInt(Dom.text(n).strip());
        } catch (NumberFormatException e) {
            throw BuildContext.unsupported("invalid iothreads count '%s'", Dom.text(n));
        }
        for (int i = 1; i <= count; i++) {
            ids.add(i);
        }
        return ids;
    }

    static void add(DomainXml def, List<String> a) {
        for (int id : ids(def)) {
            a.add("-object");
            a.add(QemuOpts.of("iothread").add("id", "iothread" + id).toString());
        }
    }
}
