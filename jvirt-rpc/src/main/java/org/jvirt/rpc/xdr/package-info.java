/**
 * XDR (RFC 4506) as libvirt's rpcgen code speaks it: {@link org.jvirt.rpc.xdr.XdrReader} for untrusted input
 * (bounds-checked, never allocates beyond what the remaining bytes justify),
 * {@link org.jvirt.rpc.xdr.XdrWriter} for output, and {@link org.jvirt.rpc.xdr.XdrType}, the codec a
 * procedure declaration names for its arguments and reply. Knows nothing of messages or procedures.
 */
package org.jvirt.rpc.xdr;
