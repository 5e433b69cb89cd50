/** Networks as objects (definition, live state, what they started) and their files: configs, autostart, status. */
package org.jvirt.driver.network.obj;
