/**
 * What each installed qemu-system binary can do, learnt by asking it over QMP (machine types, CPU models,
 * device types, version, KVM), cached per binary path + mtime + size; whether this host may use KVM at all; and
 * the {@code capabilities} and {@code domainCapabilities} documents built from both.
 */
package org.jvirt.driver.qemu.caps;
