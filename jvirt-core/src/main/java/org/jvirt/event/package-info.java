/**
 * Events: per-kind event records with libvirt's codes, listener and registration types.
 */
package org.jvirt.event;
