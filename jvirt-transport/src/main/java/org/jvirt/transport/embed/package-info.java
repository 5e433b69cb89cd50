/**
 * Servers the daemon hosts in-process when configured (jvirt-web), looked up by name through
 * {@link java.util.ServiceLoader} so that nothing of theirs is loaded otherwise.
 */
package org.jvirt.transport.embed;
