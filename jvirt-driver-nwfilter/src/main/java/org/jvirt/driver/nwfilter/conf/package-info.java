/**
 * What a network filter says: the parsed filter ({@link org.jvirt.driver.nwfilter.conf.FilterDef}, its rules and
 * references in document order), the protocols and attributes a rule may carry, libvirt's checks and error
 * words for them, and the standard filters the driver installs on a scope's first start.
 */
package org.jvirt.driver.nwfilter.conf;
