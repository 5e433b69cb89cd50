/**
 * Install media made or read on the client: the NoCloud seed and unattended ISOs (built with xorriso), files
 * appended to an initrd (newc cpio, written here), and files read out of an install ISO (ISO 9660 with Rock Ridge
 * names, read here) or an install tree.
 */
package org.jvirt.install.media;
