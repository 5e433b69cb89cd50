/**
 * The client core, independent of what is called: {@link org.jvirt.remote.client.RpcClient} (one reader thread,
 * serial matching, concurrent callers, keepalive, events handed out, close with libvirt's reasons) and
 * {@link org.jvirt.remote.client.StreamChannel} (one stream's packets). The per-kind stubs reach it through
 * {@link org.jvirt.remote.client.Rpc}.
 */
package org.jvirt.remote.client;
