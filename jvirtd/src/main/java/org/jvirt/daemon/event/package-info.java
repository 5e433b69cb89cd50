/**
 * Event forwarding: the registration procedures (callback-based ones for domains, networks, pools, node devices
 * and secrets, and the old domain-only ones), one API subscription per registration on the client's own
 * connection, each event encoded as libvirt's MESSAGE and sent to that client. Everything a client registered
 * is deregistered when it leaves.
 */
package org.jvirt.daemon.event;
