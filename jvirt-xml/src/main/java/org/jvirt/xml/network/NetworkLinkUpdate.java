package org.jvirt.xml.network;

import java.util.List;
import java.util.Locale;
import org.jvirt.ErrorNumber;
import org.jvirt.NetworkUpdateCommand;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/**
 * The net-update sections that say how a network reaches guests and the host's links: forward interfaces
 * (libvirt's virNetworkDefUpdateForwardInterface) and port groups (virNetworkDefUpdatePortGroup), with libvirt 9.0's
 * rules and messages. The definition keeps libvirt's formatted shape: the {@code dev} attribute of
 * {@code <forward>} names its first interface, and port groups follow everything else.
 */
final class NetworkLinkUpdate {

    private NetworkLinkUpdate() {
    }

    /** Adds or deletes a forward {@code <interface dev='...'/>}; entries cannot be modified. */
    static void forwardInterface(Element root, String net, NetworkUpdateCommand command, Element node) {
        NetworkDefUpdate.checkName(node, "interface", net);
        if (command == NetworkUpdateCommand.MODIFY) {
            throw NetworkDefUpdate.error(ErrorNumber.OPERATION_UNSUPPORTED,
                    "forward interface entries cannot be modified, only added or deleted");
        }
        String dev = Dom.attribute(node, "dev");
        if (dev == null) {
            throw NetworkDefUpdate.xmlError("missing dev attribute in <interface> element");
        }
        Element fwd = Dom.child(root, "forward");
        if (fwd == null) {
            // libvirt keeps the entry of an isolated network but never writes it: nothing to see either way
            if (command == NetworkUpdateCommand.DELETE) {
                throw NetworkDefUpdate.error(ErrorNumber.OPERATION_INVALID, "couldn't find an interface entry in "
                        + "network '%s' matching <interface dev='%s'>", net, dev);
            }
            return;
        }
        materializeDev(fwd);
        List<Element> ifs = Dom.children(fwd, "interface");
        Element found = ifs.stream().filter(i -> dev.equals(Dom.attribute(i, "dev"))).findFirst().orElse(null);
        switch (command) {
            case ADD_FIRST, ADD_LAST -> {
                if (found != null) {
                    throw NetworkDefUpdate.error(ErrorNumber.OPERATION_INVALID, "there is an existing interface "
                            + "entry in network '%s' that matches \"<interface dev='%s'>\"", net, dev);
                }
                Element e = root.getOwnerDocument().createElement("interface");
                Dom.setAttribute(e, "dev", dev);
                fwd.insertBefore(e, command == NetworkUpdateCommand.ADD_FIRST && !ifs.isEmpty() ? ifs.get(0)
                        : ifs.isEmpty() ? null : ifs.get(ifs.size() - 1).getNextSibling());
            }
            case DELETE -> {
                if (found == null) {
                    throw NetworkDefUpdate.error(ErrorNumber.OPERATION_INVALID, "couldn't find an interface entry "
                            + "in network '%s' matching <interface dev='%s'>", net, dev);
                }
                fwd.removeChild(found);
            }
            default -> throw NetworkDefUpdate.unknownCommand(command);
        }
        List<Element> now = Dom.children(fwd, "interface");
        // the checks libvirt's parse of the updated definition makes (virNetworkForwardDefParseXML's callers)
        String mode = Dom.attribute(fwd, "mode") == null ? "nat" : Dom.attribute(fwd, "mode");
        if (List.of("nat", "route", "open").contains(mode) && now.size() > 1) {
            throw NetworkDefUpdate.xmlError("multiple forwarding interfaces specified for network '%s', only one is "
                    + "supported", net);
        }
        if (mode.equals("open") && !now.isEmpty()) {
            throw NetworkDefUpdate.xmlError("forward dev not allowed for network '%s' with forward mode='%s'", net,
                    mode);
        }
        if (now.isEmpty()) {
            fwd.removeAttribute("dev");
        } else {
            Dom.setAttribute(fwd, "dev", Dom.attribute(now.get(0), "dev"));
            Dom.moveAttributeFirst(fwd, "dev"); // libvirt writes dev before mode
        }
    }

    /** A {@code <forward dev='x'>} without interfaces stands for one: libvirt parses it so. */
    private static void materializeDev(Element fwd) {
        String dev = Dom.attribute(fwd, "dev");
        if (dev != null && Dom.children(fwd, "interface").isEmpty()) {
            Element e = fwd.getOwnerDocument().createElement("interface");
            Dom.setAttribute(e, "dev", dev);
            fwd.appendChild(e);
        }
    }

    /** Adds, modifies or deletes a {@code <portgroup>} by name; at most one may be the default. */
    static void portgroup(Element root, String net, NetworkUpdateCommand command, Element node) {
        NetworkDefUpdate.checkName(node, "portgroup", net);
        String name = Dom.attribute(node, "name");
        if (name == null) {
            throw NetworkDefUpdate.xmlError("Missing required name attribute in portgroup");
        }
        boolean isDefault = isDefault(node);
        List<Element> groups = Dom.children(root, "portgroup");
        Element found = null;
        Element defaultOne = null;
        for (Element g : groups) {
            if (name.equals(Dom.attribute(g, "name"))) {
                found = g;
            }
            if (isDefault(g)) {
                defaultOne = g;
            }
        }
        boolean add = command == NetworkUpdateCommand.ADD_FIRST || command == NetworkUpdateCommand.ADD_LAST;
        if (found == null && (command == NetworkUpdateCommand.MODIFY || command == NetworkUpdateCommand.DELETE)) {
            throw NetworkDefUpdate.error(ErrorNumber.OPERATION_INVALID, "couldn't find a portgroup entry in network "
                    + "'%s' matching <portgroup name='%s'>", net, name);
        }
        if (found != null && add) {
            throw NetworkDefUpdate.error(ErrorNumber.OPERATION_INVALID, "there is an existing portgroup entry in "
                    + "network '%s' that matches \"<portgroup name='%s'>\"", net, name);
        }
        if (command != NetworkUpdateCommand.DELETE && isDefault && defaultOne != null && defaultOne != found) {
            throw NetworkDefUpdate.error(ErrorNumber.OPERATION_INVALID, "a different portgroup entry in network "
                    + "'%s' is already set as the default. Only one default is allowed.", net);
        }
        Element copy = (Element) root.getOwnerDocument().importNode(node, true);
        switch (command) {
            case MODIFY -> root.replaceChild(copy, found);
            case ADD_FIRST, ADD_LAST -> root.insertBefore(copy, command == NetworkUpdateCommand.ADD_FIRST
                    && !groups.isEmpty() ? groups.get(0)
                    : groups.isEmpty() ? null : groups.get(groups.size() - 1).getNextSibling());
            case DELETE -> root.removeChild(found);
            default -> throw NetworkDefUpdate.unknownCommand(command);
        }
    }

    private static boolean isDefault(Element portgroup) {
        String d = Dom.attribute(portgroup, "default");
        return d != null && d.toLowerCase(Locale.ROOT).equals("yes");
    }
}
