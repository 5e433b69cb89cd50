/**
 * The QEMU driver's domains as data: the list of domains and their persistent configuration files, each
 * domain's state and its running instance, the runtime status files that let a later driver find running guests
 * again, and the fan-out of events to connections. Nothing here starts or talks to QEMU.
 */
package org.jvirt.driver.qemu.domain;
