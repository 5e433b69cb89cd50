/** Browser consoles: one-time tickets, the VNC websocket proxy, the serial console bridged to a console stream. */
package org.jvirt.web.console;
