package org.jvirt.daemon.dispatch;

/**
 * The daemon side of one procedure.
 *
 * @param <A> the argument record (Void for none)
 * @param <R> the reply record (Void for an empty reply)
 */
@FunctionalInterface
public interface Serve<A, R> {
    R serve(Call call, A args);
}
