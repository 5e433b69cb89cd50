/**
 * What provisioning needs to know about an OS, and where it asks: {@link org.jvirt.install.os.OsFacts} (devices,
 * resources, firmware, install scripts) and {@link org.jvirt.install.os.OsCatalog} (lookup and media detection).
 * The osinfo database (module jvirt-osinfo) answers through an adapter; the interfaces keep the rest of the module
 * independent of how the database is read.
 */
package org.jvirt.install.os;
