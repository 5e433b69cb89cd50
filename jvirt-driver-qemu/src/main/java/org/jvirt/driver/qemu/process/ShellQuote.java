package org.jvirt.driver.qemu.process;

/** Quotes an argument for the human-readable command line in a domain log; nothing ever executes it. */
final class ShellQuote {

    private ShellQuote() {
    }

    static String quote(String s) {
        if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_=,./:+@%".indexOf(c) >= 0)) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
