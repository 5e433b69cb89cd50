/**
 * Flag enums with libvirt's bit values; the public API takes sets of these, never bare integers.
 */
package org.jvirt.flags;
