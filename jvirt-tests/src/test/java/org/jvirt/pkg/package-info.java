/** The Debian package, built by scripts/build-deb.sh, installed, used and removed on this host. */
package org.jvirt.pkg;
