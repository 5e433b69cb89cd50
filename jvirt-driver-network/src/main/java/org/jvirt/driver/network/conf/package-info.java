/** Reading and checking network definitions: addresses and subnets, forward modes, define-time defaults. */
package org.jvirt.driver.network.conf;
