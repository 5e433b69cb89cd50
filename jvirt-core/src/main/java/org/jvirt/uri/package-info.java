/**
 * Connection URIs: parsing in libvirt's grammar, the default URI and URI aliases.
 */
package org.jvirt.uri;
