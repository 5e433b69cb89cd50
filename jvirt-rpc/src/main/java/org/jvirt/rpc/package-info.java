/**
 * libvirt's RPC codec layer: the declared procedures ({@link org.jvirt.rpc.Procedure},
 * {@link org.jvirt.rpc.ProcedureTable}), the conversions between declarations and packets for both sides
 * ({@link org.jvirt.rpc.RpcCodec}, {@link org.jvirt.rpc.ServerCall}) and libvirt's errors on the wire
 * ({@link org.jvirt.rpc.RemoteErrors}). No sockets, no threads: transports and dispatchers build on this.
 * Subpackages: {@code xdr} (encoding), {@code frame} (packets), {@code stream}, {@code keepalive}, and the
 * generated {@code proto.*} (wire records and procedure declarations of each program).
 */
package org.jvirt.rpc;
