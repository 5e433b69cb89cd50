/**
 * What the host offers, as virt-install reads it: the capabilities (domain types, emulators, machine types, CPU
 * features) and the domain capabilities for the chosen guest (UEFI firmware, TPM, video and graphics models).
 */
package org.jvirt.install.host;
