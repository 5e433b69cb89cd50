/**
 * {@code bin/jvirt-install}: virt-install's command line (its option names, sub-option syntax, messages and exit
 * codes) over the {@link org.jvirt.install.Provisioner} API.
 */
package org.jvirt.install.cli;
