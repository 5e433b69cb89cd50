/**
 * Durable files shared by every driver: configuration, status and secret files written so that a reader or a
 * crash sees the old content or the new, never half of it (libvirt's virFileRewrite); and bounded reads of files
 * a client names (virFileReadAll with its maximum).
 */
package org.jvirt.io;
