/**
 * The daemon's life as a process: the locks that keep a second instance from starting on the same files, the
 * systemd readiness notification, the signals (SIGTERM drains in-flight calls, SIGHUP reloads the config) and
 * libvirt-style log outputs and filters.
 */
package org.jvirt.daemon.life;
