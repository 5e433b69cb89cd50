/** The host side of a network's bridge: creating it with its addresses, route collisions, IP forwarding. */
package org.jvirt.driver.network.bridge;
