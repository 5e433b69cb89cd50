/**
 * API coverage against libvirt's function list and the generated support matrix.
 */
package org.jvirt.coverage;
