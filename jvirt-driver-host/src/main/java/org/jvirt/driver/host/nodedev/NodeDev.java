package org.jvirt.driver.host.nodedev;

import java.util.List;
import org.jvirt.driver.host.XmlAppend;
import org.jvirt.driver.host.nodedev.NodeCap.SystemCap;
import org.jvirt.xml.nodedev.NodeDeviceXml;
import org.w3c.dom.Element;

/**
 * One node device: its name, sysfs path (null for the computer), device node and links, parent, bound driver
 * and capability.
 */
record NodeDev(String name, String sysfsPath, String devnode, List<String> devlinks, String parent, String driver,
               NodeCap cap) {

    /** virNodeDeviceDefFormat, through the typed node device document. */
    String toXml() {
        NodeDeviceXml x = NodeDeviceXml.create(name, null);
        x.path(sysfsPath);
        Element root = x.element();
        if (devnode != null) {
            devnode(root, "dev", devnode);
        }
        devlinks.forEach(l -> devnode(root, "link", l));
        x.parent(parent);
        x.driverName(driver);
        cap.write(new XmlAppend(x.addCapability(cap.type()).element()));
        return x.toXml();
    }

    private static void devnode(Element root, String type, String path) {
        Element e = root.getOwnerDocument().createElement("devnode");
        org.jvirt.xml.Dom.setAttribute(e, "type", type);
        e.setTextContent(path);
        Element before = org.jvirt.xml.Dom.child(root, "parent");
        root.insertBefore(e, before != null ? before : org.jvirt.xml.Dom.child(root, "driver"));
    }

    boolean isSystem() {
        return cap instanceof SystemCap;
    }
}
