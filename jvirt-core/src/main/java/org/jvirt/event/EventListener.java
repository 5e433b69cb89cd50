package org.jvirt.event;

/**
 * Receives events about objects of one kind. Called on the subscription's own delivery thread, in the order the
 * driver raised the events; a slow listener delays only its own subscription.
 *
 * @param <O> the object kind (Domain, Network, ...)
 * @param <E> the event kind
 */
@FunctionalInterface
public interface EventListener<O, E> {
    void onEvent(O object, E event);
}
