/** bin/jvirt-check, a nagios plugin: is this domain running here, and how is it doing. */
package org.jvirt.web.check;
