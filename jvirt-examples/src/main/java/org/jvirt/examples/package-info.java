/** Small, self-contained programs using jvirt's public API; each is meant to be copied into a user's project. */
package org.jvirt.examples;
