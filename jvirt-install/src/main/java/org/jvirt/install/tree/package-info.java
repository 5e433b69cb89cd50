/**
 * Install trees as virt-install reads them for {@code --location}: a source (a local directory, an ISO, or an
 * http/https URL) that answers "is this file there" and hands files over, and the detection of which distribution
 * a tree holds and where its install kernel and initrd are (virt-install's {@code urldetect} stores).
 */
package org.jvirt.install.tree;
