/**
 * Keyboard codes: libvirt's code sets ({@link org.jvirt.keycode.KeycodeSet}) and the translation between them and
 * to QEMU's key numbers ({@link org.jvirt.keycode.Keycodes}), from keycodemapdb's table (generated into
 * {@code KeymapData} by tools/keycodegen).
 */
package org.jvirt.keycode;
