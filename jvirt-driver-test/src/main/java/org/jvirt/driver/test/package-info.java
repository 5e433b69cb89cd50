/**
 * libvirt's test driver rebuilt: {@code test:///default} (one state shared by every connection of the process,
 * as libvirt shares it) and {@code test:///abs/path.xml} (a private state per connection, loaded from a node
 * file). Everything lives in memory; behaviour, default state and error messages follow libvirt 9.0's
 * src/test/test_driver.c. One lock per driver state guards all of it, as in libvirt.
 */
package org.jvirt.driver.test;
