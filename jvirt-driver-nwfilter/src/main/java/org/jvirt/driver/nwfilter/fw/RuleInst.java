package org.jvirt.driver.nwfilter.fw;

import java.util.Map;
import org.jvirt.driver.nwfilter.conf.Entry;

/**
 * One rule of a binding with its variables filled in (libvirt's virNWFilterRuleInst, one per combination of
 * list values).
 *
 * @param chain         the chain of the filter the rule is in ("root", "ipv4-ip", ...)
 * @param chainPriority that chain's priority
 * @param priority      the rule's priority (raised to the chain's when lower, outside root, as libvirt does)
 * @param values        every attribute's literal value
 */
public record RuleInst(String chain, int chainPriority, int priority, Entry.Rule rule, Map<String, String> values) {
    public RuleInst {
        values = Map.copyOf(values);
    }

    public boolean root() {
        return chain.equals(org.jvirt.driver.nwfilter.conf.FilterDef.ROOT);
    }
}
