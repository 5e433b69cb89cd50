/**
 * libvirt's admin API in Java (virAdm*): {@link org.jvirt.remote.admin.AdminConnect} speaks the ADMIN program on a
 * daemon's admin socket — jvirtd's {@code jvirt-admin-sock} or libvirtd's {@code libvirt-admin-sock} — as
 * virt-admin does, with the URIs virt-admin takes ({@code libvirtd:///system}, {@code virtqemud:///session},
 * {@code jvirtd:///system}, any of them with {@code ?socket=PATH}).
 */
package org.jvirt.remote.admin;
