package org.jvirt.driver.qemu.monitor;

/** Receives a monitor's events in the order QEMU sent them, on the monitor's event thread. */
@FunctionalInterface
public interface QmpEventListener {

    void onEvent(QmpEvent event);

    /** Told once, after the last event, when the monitor closes (QEMU exited or the client closed it). */
    default void onClose(org.jvirt.VirtException cause) {
    }
}
