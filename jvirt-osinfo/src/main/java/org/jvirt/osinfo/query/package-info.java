/**
 * The command-line twins of libosinfo's tools, printing what they print from jvirt's own reading of the
 * database: {@code jvirt-osinfo-query} ({@link org.jvirt.osinfo.query.OsinfoQuery}, the same table byte for byte;
 * its types and columns are declared once, in {@link org.jvirt.osinfo.query.QueryType}) and
 * {@code jvirt-osinfo-detect} ({@link org.jvirt.osinfo.query.OsinfoDetect}).
 */
package org.jvirt.osinfo.query;
