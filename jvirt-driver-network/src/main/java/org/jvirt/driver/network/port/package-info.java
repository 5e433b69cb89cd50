/** Network ports: what a guest NIC plugs into; their definitions and their files while the network runs. */
package org.jvirt.driver.network.port;
