package org.jvirt.driver.nwfilter.conf;

import java.util.List;
import java.util.Map;

/** One entry of a filter, in document order: a rule, or a reference to another filter. */
public sealed interface Entry {

    /**
     * A rule.
     *
     * @param protocol  its protocol element, or null for a rule that matches every frame of its chain
     * @param negate    {@code match='no'} on the protocol element: every attribute is negated
     * @param values    the attributes libvirt reads, in document order
     * @param noStateMatch {@code statematch='false'}: an IP-layer rule without connection-state matches
     */
    record Rule(Action action, Direction direction, int priority, Protocol protocol, boolean negate,
                Map<String, Value> values, boolean noStateMatch) implements Entry {
        public Rule {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }

    /** {@code <filterref filter=..>} with its parameters (a name given twice is a list). */
    record Ref(String filter, Map<String, List<String>> parameters) implements Entry {
        public Ref {
            parameters = Params.copy(parameters);
        }
    }
}
