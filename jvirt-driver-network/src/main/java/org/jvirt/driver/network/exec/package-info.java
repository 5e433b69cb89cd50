/** Running host programs from argument lists, and writing files atomically: the driver's two ways to touch the host. */
package org.jvirt.driver.network.exec;
