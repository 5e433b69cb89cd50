package org.jvirt.driver.nwfilter.fw;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jvirt.ErrorNumber;
import org.jvirt.driver.nwfilter.conf.Entry;
import org.jvirt.driver.nwfilter.conf.Errors;
import org.jvirt.driver.nwfilter.conf.FilterDef;
import org.jvirt.driver.nwfilter.conf.Value;

/**
 * Flattens a filter tree for one port (libvirt's virNWFilterDefToInst): references are followed depth first in
 * document order, a reference's parameters override the caller's for everything below it, and each rule is
 * instantiated once per combination of its variables' list values (variables of one {@code [@n]} iterator
 * advance together).
 */
public final class Instantiator {

    private final Function<String, FilterDef> filters;

    /** @param filters looks a filter up by name; null when there is none */
    public Instantiator(Function<String, FilterDef> filters) {
        this.filters = filters;
    }

    /** The variables the tree uses that {@code vars} does not give (the first reference missing fails). */
    public Set<String> missing(String filter, Map<String, List<String>> vars) {
        Set<String> out = new LinkedHashSet<>();
        walk(filter, vars, new ArrayList<>(), (def, rule, v) -> {
            for (Value val : rule.values().values()) {
                if (val instanceof Value.Variable var && !v.containsKey(var.name())) {
                    out.add(var.name());
                }
            }
        });
        return out;
    }

    /** Every rule of the tree, instantiated; every variable must be given. */
    public List<RuleInst> instantiate(String filter, Map<String, List<String>> vars) {
        List<RuleInst> out = new ArrayList<>();
        walk(filter, vars, new ArrayList<>(), (def, rule, v) -> {
            int prio = rule.priority();
            if (!def.chain().equals(FilterDef.ROOT) && def.chainPriority() > prio) {
                prio = def.chainPriority(); // keeps the rule behind the chain's creation, as libvirt
            }
            for (Map<String, String> combo : combinations(rule, v)) {
                out.add(new RuleInst(def.chain(), def.chainPriority(), prio, rule, combo));
            }
        });
        return out;
    }

    private interface Visitor {
        void rule(FilterDef def, Entry.Rule rule, Map<String, List<String>> vars);
    }

    private void walk(String name, Map<String, List<String>> vars, List<String> stack, Visitor v) {
        FilterDef def = filters.apply(name);
        if (def == null) {
            throw Errors.of(ErrorNumber.INTERNAL_ERROR, "referenced filter '%s' is missing", name);
        }
        if (stack.contains(name)) {
            throw Errors.of(ErrorNumber.OPERATION_FAILED, "filter would introduce a loop");
        }
        stack.add(name);
        for (Entry e : def.entries()) {
            switch (e) {
                case Entry.Rule r -> v.rule(def, r, vars);
                case Entry.Ref ref -> {
                    Map<String, List<String>> child = new LinkedHashMap<>(vars);
                    child.putAll(ref.parameters());
                    walk(ref.filter(), child, stack, v);
                }
            }
        }
        stack.remove(stack.size() - 1);
    }

    /** Every combination of the rule's variables' values, as attribute -> literal. */
    private static List<Map<String, String>> combinations(Entry.Rule rule, Map<String, List<String>> vars) {
        Map<String, Integer> lengths = new LinkedHashMap<>(); // iterator key -> steps
        for (Value val : rule.values().values()) {
            if (val instanceof Value.Variable var && var.index() < 0) {
                List<String> list = vars.get(var.name());
                int n = list == null ? 0 : list.size();
                lengths.merge(var.iteratorKey(), n, Math::max);
            }
        }
        List<Map<String, Integer>> positions = new ArrayList<>();
        positions.add(new HashMap<>());
        for (Map.Entry<String, Integer> it : lengths.entrySet()) {
            List<Map<String, Integer>> next = new ArrayList<>();
            for (Map<String, Integer> p : positions) {
                for (int i = 0; i < it.getValue(); i++) {
                    Map<String, Integer> q = new HashMap<>(p);
                    q.put(it.getKey(), i);
                    next.add(q);
                }
            }
            positions = next;
        }
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, Integer> p : positions) {
            Map<String, String> values = new LinkedHashMap<>();
            boolean complete = true;
            for (Map.Entry<String, Value> a : rule.values().entrySet()) {
                String lit = switch (a.getValue()) {
                    case Value.Literal l -> l.text();
                    case Value.Variable var -> {
                        List<String> list = vars.getOrDefault(var.name(), List.of());
                        int i = var.index() >= 0 ? var.index() : p.get(var.iteratorKey());
                        yield i < list.size() ? list.get(i) : null;
                    }
                };
                if (lit == null) {
                    complete = false; // a shorter list in a lockstep iteration
                    break;
                }
                values.put(a.getKey(), lit);
            }
            if (complete) {
                out.add(values);
            }
        }
        return out;
    }
}
