package org.jvirt.osinfo.query;

/**
 * One column of osinfo-query's table: the property it shows, its heading, whether it shows by default, and its
 * width (values are padded to it; a longer value is printed whole, pushing the row right, as osinfo-query does).
 */
record Column(String property, String label, boolean shownByDefault, int width) {
}
