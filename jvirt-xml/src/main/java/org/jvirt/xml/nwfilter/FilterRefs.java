package org.jvirt.xml.nwfilter;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jvirt.xml.Dom;
import org.w3c.dom.Element;

/** Reading and writing {@code <filterref>} elements, shared by filters and bindings. */
final class FilterRefs {
    private FilterRefs() {
    }

    static FilterRef read(Element e) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Element p : Dom.children(e, "parameter")) {
            params.put(Dom.attribute(p, "name"), Dom.attribute(p, "value"));
        }
        return new FilterRef(Dom.attribute(e, "filter"), params);
    }

    static void fill(Element e, FilterRef ref) {
        Dom.setAttribute(e, "filter", ref.filter());
        ref.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(p -> {
            Element param = e.getOwnerDocument().createElement("parameter");
            Dom.setAttribute(param, "name", p.getKey());
            Dom.setAttribute(param, "value", p.getValue());
            e.appendChild(param);
        });
    }
}
