/**
 * Stream procedures (volume upload and download with holes, screenshot, console): the bridge between the RPC
 * stream packets of one call and an {@link org.jvirt.Stream} of the public API. Data the client sends is
 * written into the API stream on the reader thread (blocking there is the flow control, as libvirt has no
 * acknowledgements); data for the client is pumped by a virtual thread that starts once the reply is out.
 */
package org.jvirt.daemon.stream;
