package org.jvirt;

/**
 * A domain's state and why it is in it ({@code virDomainGetState}). The reason's meaning depends on the state
 * (libvirt's virDomainRunningReason, virDomainShutoffReason, ...); {@link DomainStateReasons} names it.
 */
public record DomainStateInfo(DomainState state, int reason) {

    /** The reason as libvirt's constant name without prefix, e.g. "booted" or "destroyed". */
    public String reasonName() {
        return DomainStateReasons.name(state, reason);
    }
}
