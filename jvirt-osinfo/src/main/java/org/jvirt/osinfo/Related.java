package org.jvirt.osinfo;

import java.util.Optional;

/** How an {@link Os} reaches the rest of its database (its related OSes, devices, scripts): the database. */
interface Related {
    Optional<Os> osById(String id);

    /** The short name osinfo-db's own device files give {@code deviceId}, without reading the id registries. */
    Optional<String> deviceName(String deviceId);

    Optional<Device> device(String deviceId);

    Optional<InstallScript> installScript(String id);
}
