/**
 * Stream packets: data, holes (virNetStreamHole), end of data, finish, abort and failure, tied to the call that
 * opened the stream. Flow and state (who may send what when) belong to the client and daemon above.
 */
package org.jvirt.rpc.stream;
