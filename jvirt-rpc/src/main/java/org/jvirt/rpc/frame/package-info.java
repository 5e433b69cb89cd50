/**
 * libvirt's packet framing: the self-counting length word, the 24-byte {@link org.jvirt.rpc.frame.MessageHeader},
 * size limits ({@link org.jvirt.rpc.frame.NetLimits}), the incremental {@link org.jvirt.rpc.frame.FrameDecoder}
 * that socket layers feed with whatever they read, and the {@link org.jvirt.rpc.frame.FrameEncoder}.
 * Payloads stay undecoded bytes here; what they mean is the business of {@code org.jvirt.rpc}.
 */
package org.jvirt.rpc.frame;
