package org.jvirt.keycode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Known pairs, each read off keymaps.csv's own lines (libvirt 9.0.0's copy): e.g. the KEY_RIGHTCTRL line has
 * Linux 97, AT set 1 0xe01d, AT set 2 0xe014, USB 0xe4 (228), Win32 VK_RCONTROL 0xa3.
 */
class KeycodesTest {

    @Test
    void libvirtNumbersAndNames() {
        assertEquals(0, KeycodeSet.LINUX.code());
        assertEquals(9, KeycodeSet.QNUM.code());
        assertEquals(KeycodeSet.OSX, KeycodeSet.fromName("os_x"));
        assertEquals(KeycodeSet.XT_KBD, KeycodeSet.fromCode(6));
        assertNull(KeycodeSet.fromName("rfb")); // virsh's alias, not libvirt's enum
        assertNull(KeycodeSet.fromCode(10));
    }

    @Test
    void linuxToQnum() {
        // KEY_A: AT set 1 0x1e, one byte: qnum is the same
        assertEquals(0x1e, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.QNUM, 30));
        // KEY_RIGHTCTRL: AT set 1 0xe01d -> qnum 0x80|0x1d, xt_kbd 0x100|0x1d
        assertEquals(0x9d, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.QNUM, 97));
        assertEquals(0x11d, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.XT_KBD, 97));
        // KEY_UP: AT set 1 0xe048
        assertEquals(0xc8, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.QNUM, 103));
        // KEY_SYSRQ: AT set 1 0x54
        assertEquals(0x54, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.QNUM, 99));
        // KEY_ENTER 28: AT set 1 0x1c
        assertEquals(0x1c, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.QNUM, 28));
    }

    @Test
    void otherSets() {
        assertEquals(0xe014, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.ATSET2, 97));
        assertEquals(0xe4, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.USB, 97));
        assertEquals(0xa3, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.WIN32, 97));
        assertEquals(0x1e, Keycodes.translate(KeycodeSet.USB, KeycodeSet.QNUM, 0x04)); // USB 'a'
        assertEquals(30, Keycodes.translate(KeycodeSet.ATSET2, KeycodeSet.LINUX, 0x1c));
        assertEquals(30, Keycodes.translate(KeycodeSet.XT, KeycodeSet.LINUX, 0x1e));
        assertEquals(103, Keycodes.translate(KeycodeSet.QNUM, KeycodeSet.LINUX, 0xc8));
        assertEquals(0x7e, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.OSX, 103)); // UpArrow
    }

    @Test
    void missingValuesTakeKeyReserved() {
        // KEY_EXIT (174) has no OS-X and no AT set 1 code: OS-X falls back to KEY_RESERVED's 0xff, qnum to 0
        assertEquals(0xff, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.OSX, 174));
        assertEquals(0, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.QNUM, 174));
        assertEquals(-1, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.QNUM, 0xffff));
        assertEquals(-1, Keycodes.translate(KeycodeSet.LINUX, KeycodeSet.QNUM, -1));
        assertTrue(Keycodes.isValid(KeycodeSet.QNUM, 0x9d));
        assertFalse(Keycodes.isValid(KeycodeSet.LINUX, 9999));
    }

    @Test
    void names() {
        assertEquals(30, Keycodes.fromName(KeycodeSet.LINUX, "KEY_A"));
        assertEquals(97, Keycodes.fromName(KeycodeSet.LINUX, "KEY_RIGHTCTRL"));
        assertEquals(42, Keycodes.fromName(KeycodeSet.LINUX, "KEY_LEFTSHIFT"));
        // the csv names code 42 twice; the later line (KEY_LEFTSHIFT) wins, so KEY_SHIFT is no name
        assertEquals(-1, Keycodes.fromName(KeycodeSet.LINUX, "KEY_SHIFT"));
        assertEquals(0, Keycodes.fromName(KeycodeSet.OSX, "ANSI_A"));
        assertEquals(0x41, Keycodes.fromName(KeycodeSet.WIN32, "VK_A"));
        assertEquals(-1, Keycodes.fromName(KeycodeSet.QNUM, "KEY_A"));
        assertEquals(-1, Keycodes.fromName(KeycodeSet.LINUX, "KEY_NOPE"));
        assertTrue(Keycodes.names(KeycodeSet.LINUX).contains("KEY_ESC"));
        assertTrue(Keycodes.names(KeycodeSet.USB).isEmpty());
    }
}
