/**
 * The dispatch table: one small serve function per REMOTE procedure, registered against the procedure's
 * declaration in jvirt-rpc (so numbers, codecs, priorities and read-only policy are declared once, there), grouped
 * by object kind. Every function calls jvirt's public API on the client's connection and turns the result into
 * the reply record; API errors travel back whole. A procedure without a serve function gets libvirt's
 * "unknown procedure: N", which clients turn into NO_SUPPORT and fall back.
 */
package org.jvirt.daemon.dispatch;
