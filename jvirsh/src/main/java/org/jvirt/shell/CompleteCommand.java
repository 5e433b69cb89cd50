package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.util.List;

/**
 * {@code complete -- WORDS...}: virsh's hidden command behind its bash completion. The words typed so far go
 * in, the last one being the word under the cursor (possibly empty); what may replace it comes out, one per
 * line. The answers come from the command table itself, through the same code as the interactive shell's
 * completion, so the two cannot disagree.
 */
final class CompleteCommand {

    private CompleteCommand() {
    }

    static Command command() {
        return cmd("complete", "internal command for autocompletion", "internal use only",
                CompleteCommand::run,
                Opt.argv("string", "partial string to autocomplete").emptyOk()).noConnect().hidden();
    }

    private static boolean run(Shell sh, Invocation cmd) {
        List<String> words = cmd.all("string");
        List<String> before = words.isEmpty() ? List.of() : words.subList(0, words.size() - 1);
        String current = words.isEmpty() ? "" : words.get(words.size() - 1);
        for (String s : Interactive.completions(sh, before, current)) {
            sh.print("%s\n", s);
        }
        return true;
    }
}
