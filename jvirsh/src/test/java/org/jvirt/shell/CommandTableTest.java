package org.jvirt.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The start-up check of the command table: the real table passes, and each rule catches its mistake. */
class CommandTableTest {

    private static final Handler OK = (sh, cmd) -> true;

    private static List<String> problems(Command... cmds) {
        return CommandTable.check(List.of(new Group("G", "g", List.of(cmds))));
    }

    @Test
    void standardTableIsConsistent() {
        assertEquals(List.of(), CommandTable.check(CommandTable.standard().groups()));
    }

    @Test
    void duplicateCommandAndOption() {
        assertTrue(problems(Command.cmd("a", "h", "", OK), Command.cmd("a", "h", "", OK)).get(0)
                .contains("declared twice"));
        assertTrue(problems(Command.cmd("a", "h", "", OK, Opt.bool("x", "x"), Opt.bool("x", "y"))).get(0)
                .contains("option 'x'"));
    }

    @Test
    void requiredPositionalAfterOptionalOne() {
        List<String> p = problems(Command.cmd("a", "h", "", OK, Opt.data("opt", "o"), Opt.data("req", "r").req()));
        assertTrue(p.get(0).contains("must be listed before optional parameters"), p.toString());
    }

    @Test
    void argvMustBeLastAndAliasMustPoint() {
        assertTrue(problems(Command.cmd("a", "h", "", OK, Opt.argv("v", "v"), Opt.bool("b", "b"))).get(0)
                .contains("must be listed last"));
        assertTrue(problems(Command.cmd("a", "h", "", OK, Opt.alias("x", "nothing"))).get(0)
                .contains("missing alias option"));
    }

    @Test
    void missingHelpAndBoolCompleter() {
        assertTrue(problems(Command.cmd("a", "", "", OK)).get(0).contains("lacks help"));
        assertTrue(problems(Command.cmd("a", "h", "", OK, Opt.bool("b", "b").complete(Completer.DOMAIN))).get(0)
                .contains("has completer set"));
    }
}
