/**
 * The SPI tables over the REMOTE program: one class per object kind, one small method per entry point, each the
 * procedure libvirt's remote driver would send (old procedure when no flags are given, the _FLAGS one otherwise,
 * as libvirt's public API does). Identities cross as libvirt's remote_nonnull_* records ({@link
 * org.jvirt.remote.stub.Refs}); flags as {@code Flags.toBits}. Also the event decoder and the stream backend.
 */
package org.jvirt.remote.stub;
