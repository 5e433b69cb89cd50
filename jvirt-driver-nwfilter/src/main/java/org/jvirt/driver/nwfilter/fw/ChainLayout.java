package org.jvirt.driver.nwfilter.fw;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A port's chains and their rules, in libvirt's order (ebiptablesApplyNewRules): two root chains, {@code I-dev}
 * for what the guest sends and {@code O-dev} for what it receives, and one chain per protocol chain of the tree
 * ({@code I-dev-ipv4-ip}, ...). Rules are sorted by priority, root rules first; a protocol chain is entered
 * from its root chain by a jump (testing the chain's ether type) placed before the first root rule whose
 * priority is not lower than the chain's, so that chain and rule priorities interleave as libvirt documents.
 *
 * @param chains chain name -> the rule lines (match and verdict) in order; the two root chains always exist
 * @param inet   the port's chains of IP-layer rules ({@link IpLayer}: FI-, FO-, HI-dev), empty when it has none
 */
public record ChainLayout(String rootIn, String rootOut, Map<String, List<String>> chains,
                          Map<String, List<String>> inet) {

    public static String rootIn(String dev) {
        return "I-" + dev;
    }

    public static String rootOut(String dev) {
        return "O-" + dev;
    }

    /** The layout of a binding's instantiated rules. */
    public static ChainLayout of(String dev, List<RuleInst> rules) {
        List<RuleInst> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing((RuleInst r) -> !r.root()).thenComparingInt(RuleInst::priority));
        List<RuleInst> bridge = sorted.stream().filter(r -> !IpLayer.applies(r)).toList();
        Map<String, List<String>> chains = new LinkedHashMap<>();
        side(chains, rootIn(dev), bridge, true);
        side(chains, rootOut(dev), bridge, false);
        return new ChainLayout(rootIn(dev), rootOut(dev), chains, IpLayer.chains(dev, sorted));
    }

    /** A layout of fixed lines in the two root chains (the rules while a guest's address is being learned). */
    public static ChainLayout fixed(String dev, List<String> in, List<String> out) {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        chains.put(rootIn(dev), List.copyOf(in));
        chains.put(rootOut(dev), List.copyOf(out));
        return new ChainLayout(rootIn(dev), rootOut(dev), chains, Map.of());
    }

    private static void side(Map<String, List<String>> chains, String root, List<RuleInst> sorted, boolean in) {
        List<String> rootLines = new ArrayList<>();
        chains.put(root, rootLines);
        Map<String, Integer> subPriority = new LinkedHashMap<>();
        for (RuleInst r : sorted) {
            if (applies(r, in) && !r.root()) {
                subPriority.putIfAbsent(r.chain(), r.chainPriority());
            }
        }
        List<Map.Entry<String, Integer>> subs = new ArrayList<>(subPriority.entrySet());
        subs.sort(Map.Entry.comparingByValue());
        int j = 0;
        for (RuleInst r : sorted) {
            if (!applies(r, in)) {
                continue;
            }
            if (r.root()) {
                while (j < subs.size() && subs.get(j).getValue() <= r.priority()) {
                    rootLines.add(jump(root, subs.get(j++).getKey()));
                }
                rootLines.add(NftMatch.of(r, in) + r.rule().action().nft());
            } else {
                chains.computeIfAbsent(root + "-" + r.chain(), k -> new ArrayList<>())
                        .add(NftMatch.of(r, in) + r.rule().action().nft());
            }
        }
        while (j < subs.size()) {
            rootLines.add(jump(root, subs.get(j++).getKey()));
        }
        // the protocol chains come after their root in the map: created after it, listed after it
        for (Map.Entry<String, Integer> s : subs) {
            chains.computeIfAbsent(root + "-" + s.getKey(), k -> new ArrayList<>());
        }
    }

    private static String jump(String root, String chain) {
        return NftMatch.chainDispatch(chain) + "jump " + root + "-" + chain;
    }

    private static boolean applies(RuleInst r, boolean in) {
        return in ? r.rule().direction().fromGuest() : r.rule().direction().toGuest();
    }
}
