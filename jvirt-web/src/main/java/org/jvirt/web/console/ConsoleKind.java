package org.jvirt.web.console;

/** The consoles a ticket opens, each with its websocket path. */
public enum ConsoleKind {
    VNC("/console/vnc"),
    SERIAL("/console/serial");

    private final String path;

    ConsoleKind(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
