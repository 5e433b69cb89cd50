/**
 * The dispatch table: one small serve function per REMOTE procedure, registered against the procedure's
 * declaration in jvirt-rpc (so numbers, codecs, priorities and read-only policy are declared once, there), grouped
 * by object kind. Every function calls jvirt's public API on the client's connection and turns the result into
 * the reply record; API errors travel back whole. A declared call without a serve function fails as libvirtd's
 * does when the driver lacks the function: NO_SUPPORT naming the public function.
 */
package org.jvirt.daemon.dispatch;
