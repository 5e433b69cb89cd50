/**
 * One client connection: the reader loop that cuts the byte stream into packets, the bounded output queue and
 * its writer (a client that does not read makes only its own producers wait, and is dropped when a write makes no
 * progress for client_write_timeout), the keepalive timer (which never blocks), libvirt's limits (max_clients
 * and max_anonymous_clients at accept, max_client_requests per client counted until the reply is written,
 * max_workers and prio_workers across the daemon), stream routing and clean-up when the client leaves.
 * What a call means is the business of {@link org.jvirt.daemon.session.CallServer} (the dispatch package).
 */
package org.jvirt.daemon.session;
