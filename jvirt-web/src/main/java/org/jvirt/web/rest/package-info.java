/** The REST resources over the public API: host, domains (lifecycle, devices, snapshots), networks, storage pools and volumes, and their JSON shapes. */
package org.jvirt.web.rest;
