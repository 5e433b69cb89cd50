package org.jvirt.xml.nwfilter;

import java.util.Map;

/** A reference to another filter with its parameters ({@code <filterref filter=..><parameter .../>}). */
public record FilterRef(String filter, Map<String, String> parameters) {
    public FilterRef {
        parameters = Map.copyOf(parameters);
    }
}
