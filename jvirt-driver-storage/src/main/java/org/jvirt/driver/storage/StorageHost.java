package org.jvirt.driver.storage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.jvirt.spi.HostDriver;

/** The connection part of {@code storage:///system|session} on its own (libvirt's virtstoraged connection). */
final class StorageHost implements HostDriver {

    @Override
    public String getType() {
        return "storage";
    }

    @Override
    public long getVersion() {
        return 9_000_000L;
    }

    @Override
    public String getHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
