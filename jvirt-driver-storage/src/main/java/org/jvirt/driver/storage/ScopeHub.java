package org.jvirt.driver.storage;

import java.util.concurrent.CopyOnWriteArraySet;
import org.jvirt.spi.EventSink;
import org.jvirt.spi.HostScope;

/**
 * What every connection of one scope shares: the event sinks of the open connections, and the storage state, made
 * at the first storage call (configs loaded, running pools found, autostart pools started).
 */
final class ScopeHub {

    final HostScope scope;
    final CopyOnWriteArraySet<EventSink> sinks = new CopyOnWriteArraySet<>();
    private StorageState state;

    ScopeHub(HostScope scope) {
        this.scope = scope;
    }

    synchronized StorageState state() {
        if (state == null) {
            state = new StorageState(scope, sinks);
        }
        return state;
    }
}
