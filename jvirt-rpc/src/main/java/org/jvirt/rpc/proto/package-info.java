/**
 * Generated wire declarations, one subpackage per libvirt program. Everything under here except
 * {@code remote.RemoteTypedParamValue} and the package-info files is written by tools/xdrgen from libvirt
 * 9.0's .x files; change the generator, not the output.
 */
package org.jvirt.rpc.proto;
