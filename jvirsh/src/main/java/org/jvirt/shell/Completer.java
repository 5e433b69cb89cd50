package org.jvirt.shell;

/** What the interactive shell offers when completing an option's value. */
public enum Completer {
    NONE, DOMAIN, NETWORK, POOL, VOLUME, NODEDEV, INTERFACE, SECRET, NWFILTER, SNAPSHOT, CHECKPOINT, COMMAND, FILE,
    DOMAIN_EVENT, NETWORK_EVENT, POOL_EVENT, NODEDEV_EVENT, SECRET_EVENT
}
