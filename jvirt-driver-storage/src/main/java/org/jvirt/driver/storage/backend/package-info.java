/**
 * The pool backends (libvirt's virStorageBackend tables): one class per pool type saying how a pool of that type
 * is built, started, stopped, deleted and refreshed and how its volumes are made, with the host programs libvirt
 * runs for it. {@link org.jvirt.driver.storage.backend.Backends} maps a type to its backend.
 */
package org.jvirt.driver.storage.backend;
