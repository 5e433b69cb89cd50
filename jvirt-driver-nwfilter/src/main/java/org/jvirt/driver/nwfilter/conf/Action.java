package org.jvirt.driver.nwfilter.conf;

/**
 * A rule's action. {@code reject} drops, as libvirt's ebtables layer does (a bridge cannot answer for the
 * guest's peer); {@code return} leaves the protocol chain, {@code continue} goes on with the next rule.
 */
public enum Action {
    DROP("drop"), ACCEPT("accept"), REJECT("drop"), RETURN("return"), CONTINUE("continue");

    private final String nft;

    Action(String nft) {
        this.nft = nft;
    }

    /** The nftables verdict. */
    public String nft() {
        return nft;
    }

    static Action parse(String s) {
        if (s == null) {
            throw Errors.of(org.jvirt.ErrorNumber.INTERNAL_ERROR, "rule node requires action attribute");
        }
        for (Action a : values()) {
            if (a.name().equalsIgnoreCase(s)) {
                return a;
            }
        }
        throw Errors.of(org.jvirt.ErrorNumber.CONFIG_UNSUPPORTED, "unknown rule action attribute value");
    }
}
