/**
 * {@code jvirt-osinfo-query}: the twin of libosinfo's {@code osinfo-query}, printing the same table, byte for
 * byte, from jvirt's own reading of the database. Its types and columns are declared once, in
 * {@link org.jvirt.osinfo.query.QueryType}.
 */
package org.jvirt.osinfo.query;
