package org.jvirt.driver.nwfilter.conf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/** Filter parameters ({@code <parameter name= value=/>}): a name given more than once holds a list. */
public final class Params {
    /** libvirt's variable names with a meaning to the driver. */
    public static final String IP = "IP";
    public static final String MAC = "MAC";
    public static final String CTRL_IP_LEARNING = "CTRL_IP_LEARNING";
    public static final String DHCPSERVER = "DHCPSERVER";

    private Params() {
    }

    /** The parameters under {@code e}, in order. */
    public static Map<String, List<String>> read(Element e) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Element p : Dom.children(e, "parameter")) {
            String name = Dom.attribute(p, "name");
            String value = Dom.attribute(p, "value");
            if (name == null || value == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw Errors.of(org.jvirt.ErrorNumber.INTERNAL_ERROR, "invalid parameter '%s'", name);
            }
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    public static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }
}
