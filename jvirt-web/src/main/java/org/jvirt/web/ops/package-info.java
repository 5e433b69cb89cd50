/** Long operations (Incus style): 202 plus an operation with progress and cancel, visible to every client. */
package org.jvirt.web.ops;
