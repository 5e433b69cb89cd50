/**
 * REMOTE_PROGRAM (0x20008086): one record per struct of remote_protocol.x, grouped by area into
 * {@code *Types} holder classes; one {@code Procedure} constant per procedure, grouped into
 * {@code *Procedures} classes; {@link org.jvirt.rpc.proto.remote.RemoteProcedures#all()} lists them all;
 * {@link org.jvirt.rpc.proto.remote.RemoteConstants} holds the limits. Field names are libvirt's in camel case;
 * unsigned integers keep their bits in Java's signed types; {@code remote_uuid} is a {@link java.util.UUID};
 * optional values ({@code T *}) are null when absent.
 */
package org.jvirt.rpc.proto.remote;
