/**
 * Access control at the one dispatch point, as libvirt's access manager: the permission table of every procedure
 * generated from libvirt's {@code @acl}/{@code @aclfilter} annotations ({@link org.jvirt.daemon.access.AclTable},
 * {@code acl.tsv}, written by scripts/gen-acl-table.py), the object a call is about ({@link
 * org.jvirt.daemon.access.AccessTarget}, found in the arguments or the reply), list results filtered per object,
 * and the backends: a rules file of our own ({@link org.jvirt.daemon.access.RulesAccessDriver}) and polkit
 * through pkcheck ({@link org.jvirt.daemon.access.PolkitAccessDriver}).
 */
package org.jvirt.daemon.access;
