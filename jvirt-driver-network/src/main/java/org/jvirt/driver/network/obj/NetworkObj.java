package org.jvirt.driver.network.obj;

import java.util.UUID;
import org.jvirt.driver.network.conf.NetworkDef;
import org.jvirt.spi.NetworkRef;
import org.jvirt.xml.network.NetworkXml;

/**
 * One network (virNetworkObj): its definition, and while a persistent network runs, the persistent config apart
 * from the live one. Guarded by the driver state's lock.
 */
public final class NetworkObj {
    private NetworkXml def;
    private NetworkXml newDef;
    private boolean active;
    private boolean persistent;
    private boolean autostart;
    private RunState run = RunState.none();
    private final java.util.Map<UUID, org.jvirt.driver.network.port.PortDef> ports = new java.util.LinkedHashMap<>();

    public NetworkObj(NetworkXml def, boolean persistent) {
        this.def = def;
        this.persistent = persistent;
    }

    public String name() {
        return def.name();
    }

    public UUID uuid() {
        return def.uuid();
    }

    public NetworkRef ref() {
        return new NetworkRef(name(), uuid());
    }

    /** The live definition while active, else the persistent one. */
    public NetworkXml def() {
        return def;
    }

    public NetworkDef parsed() {
        return NetworkDef.of(def);
    }

    /** The persistent definition (for the inactive XML and for saving). */
    public NetworkXml persistentDef() {
        return newDef != null ? newDef : def;
    }

    public void setDef(NetworkXml def) {
        this.def = def;
    }

    public NetworkXml newDef() {
        return newDef;
    }

    public void setNewDef(NetworkXml newDef) {
        this.newDef = newDef;
    }

    public boolean active() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public boolean persistent() {
        return persistent;
    }

    public void setPersistent(boolean persistent) {
        this.persistent = persistent;
    }

    public boolean autostart() {
        return autostart;
    }

    public void setAutostart(boolean autostart) {
        this.autostart = autostart;
    }

    /** The ports of the running network, by UUID. */
    public java.util.Map<UUID, org.jvirt.driver.network.port.PortDef> ports() {
        return ports;
    }

    public RunState run() {
        return run;
    }

    public void setRun(RunState run) {
        this.run = run;
    }
}
