/** The events websocket: domain lifecycle events and operation changes, one JSON text each, queued per client. */
package org.jvirt.web.events;
