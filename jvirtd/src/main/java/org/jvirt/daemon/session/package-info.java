/**
 * One client connection: the reader loop that cuts the byte stream into packets, the serialised writer, the
 * keepalive timers, the per-client and global call limits (high-priority calls use their own permits, so they
 * are never starved by calls blocked in a driver), stream routing and clean-up when the client leaves.
 * What a call means is the business of {@link org.jvirt.daemon.session.CallServer} (the dispatch package).
 */
package org.jvirt.daemon.session;
