/**
 * A running guest's screen and keyboard: screenshots (QMP screendump, streamed to the client) and key presses
 * (QMP send-key, after translating libvirt's code sets to QEMU's key numbers).
 */
package org.jvirt.driver.qemu.display;
