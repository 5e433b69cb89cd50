package org.jvirt.rpc.xdr;

/**
 * A numbered set of codecs that a generated procedure class resolves only when a procedure is first used.
 *
 * <p>Why: naming a record's {@code XDR} constant in a procedure declaration initialises the record class (and
 * spins the lambda class of its decoder), so building the procedure table loaded every wire record of libvirt's
 * protocol — some 1 500 classes, ~0.3 s of CPU for each client start and 7 MiB of the daemon's metaspace — although
 * a client uses a handful. A generated {@code switch} from index to {@code XDR} constant loads a record only when
 * its case runs.
 */
public interface XdrCodecs {

    /** The codec numbered {@code index}; this is what first loads its record class. */
    XdrType<?> resolve(int index);

    /** A codec that stands for {@code resolve(index)} and calls it on first use. */
    default <T> XdrType<T> lazy(int index) {
        return new LazyXdrType<>(this, index);
    }
}
