package org.jvirt.shell;

import java.util.List;
import org.jvirt.Domain;
import org.jvirt.keycode.KeycodeSet;
import org.jvirt.keycode.Keycodes;

/** virsh send-key (cmdSendKey): key codes as numbers or names of the chosen code set, pressed together. */
final class SendKeyCommand {

    private SendKeyCommand() {
    }

    static boolean run(Shell sh, Invocation cmd) {
        Domain d = Lookup.domain(sh, cmd);
        String codesetName = cmd.has("codeset") ? cmd.raw("codeset").value() : "";
        if (codesetName.isEmpty()) {
            codesetName = "linux";
        }
        int holdtime = (int) cmd.uint("holdtime", 0);
        if (codesetName.equals("rfb")) {
            codesetName = "qnum"; // qnum's old name, still accepted
        }
        KeycodeSet set = KeycodeSet.fromName(codesetName);
        if (set == null) {
            throw sh.fail("unknown codeset: '%s'", codesetName);
        }
        List<String> keys = cmd.all("keycode");
        int[] codes = new int[Math.min(keys.size(), Keycodes.MAX_KEYS)];
        for (int i = 0; i < keys.size(); i++) {
            if (i == Keycodes.MAX_KEYS) {
                throw sh.fail("too many keycodes");
            }
            int code = number(keys.get(i));
            if (code < 0) {
                code = Keycodes.fromName(set, keys.get(i));
                if (code < 0) {
                    throw sh.fail("invalid keycode: '%s'", keys.get(i));
                }
            }
            codes[i] = code;
        }
        d.sendKey(set.code(), holdtime, codes);
        return true;
    }

    /**
     * virshKeyCodeGetInt: an unsigned number in C's notation (0x hex, leading 0 octal, else decimal) up to 0xffff,
     * else -1 (then the word is tried as a key name).
     */
    static int number(String s) {
        String t = s.stripLeading();
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        int radix = 10;
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty() || Character.digit(t.charAt(0), radix) < 0) {
            return -1;
        }
        try {
            long v = Long.parseLong(t, radix);
            return v > 0xffff ? -1 : (int) v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
