package org.jvirt.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads commands with virsh's rules (tools/vsh.c, vshCommandParse): a command name, then options as
 * {@code --name value}, {@code --name=value} or bare words that fill the non-bool options not yet given, in
 * declaration order; {@code --} makes every following word data; no abbreviations. From a single string, words
 * are split as a shell would (quotes, backslash) and {@code ;} or a newline separates commands; {@code #}
 * starts a comment. Errors are printed as virsh prints them, and the whole line is rejected.
 */
final class Parser {

    private enum Tk { ARG, END_CMD, END, ERROR }

    /** A source of words: either argv as given, or a command string being split. */
    private interface Source {
        Tk next(StringBuilder out);
    }

    private final Shell sh;
    private final CommandTable table;

    Parser(Shell sh, CommandTable table) {
        this.sh = sh;
        this.table = table;
    }

    /** argv mode: each element is one word and {@code ;} has no special meaning. */
    List<Invocation> parseArgv(List<String> argv) {
        int[] pos = {0};
        return parse((out) -> {
            if (pos[0] >= argv.size()) {
                return Tk.END;
            }
            out.append(argv.get(pos[0]++));
            return Tk.ARG;
        });
    }

    /** String mode, as for {@code virsh "cmd1; cmd2"} and the interactive shell. */
    List<Invocation> parseString(String line) {
        StringSource src = new StringSource(line);
        return parse(src);
    }

    /** Splits a line into words, ignoring errors and command separators: used by completion. */
    static List<String> words(String line) {
        StringSource src = new StringSource(line);
        src.report = false;
        List<String> out = new ArrayList<>();
        while (true) {
            StringBuilder b = new StringBuilder();
            Tk t = src.next(b);
            if (t == Tk.ARG) {
                out.add(b.toString());
            } else if (t == Tk.END_CMD) {
                out.clear();
            } else {
                return out;
            }
        }
    }

    private static final class StringSource implements Source {
        private final String s;
        private int p;
        boolean report = true;
        String error;

        StringSource(String s) {
            this.s = s;
        }

        @Override
        public Tk next(StringBuilder q) {
            while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t'
                    || (s.charAt(p) == '\\' && p + 1 < s.length() && s.charAt(p + 1) == '\n'))) {
                p += s.charAt(p) == '\\' ? 2 : 1;
            }
            if (p >= s.length()) {
                return Tk.END;
            }
            char c0 = s.charAt(p);
            if (c0 == ';' || c0 == '\n') {
                p++;
                return Tk.END_CMD;
            }
            if (c0 == '#') {
                while (p < s.length() && s.charAt(p) != '\n') {
                    p++;
                }
                if (p < s.length()) {
                    p++;
                }
                return Tk.END_CMD;
            }
            boolean sq = false;
            boolean dq = false;
            while (p < s.length()) {
                char c = s.charAt(p);
                if (!dq && !sq && (c == ' ' || c == '\t' || c == ';' || c == '\n')) {
                    break;
                }
                if (!dq && c == '\'') {
                    sq = !sq;
                    p++;
                    continue;
                } else if (!sq && c == '\\') {
                    p++;
                    if (p >= s.length()) {
                        error = "dangling \\";
                        return Tk.ERROR;
                    } else if (s.charAt(p) == '\n') {
                        p++;
                        continue;
                    }
                } else if (!sq && c == '"') {
                    dq = !dq;
                    p++;
                    continue;
                }
                q.append(s.charAt(p++));
            }
            if (dq && report) {
                error = "missing \"";
                return Tk.ERROR;
            }
            return Tk.ARG;
        }
    }

    private List<Invocation> parse(Source src) {
        List<Invocation> cmds = new ArrayList<>();
        while (true) {
            Command cmd = null;
            List<Invocation.Arg> given = new ArrayList<>();
            boolean dataOnly = false;
            boolean[] seen = null;
            boolean[] needArg = null;
            Tk tk;
            while (true) {
                StringBuilder b = new StringBuilder();
                tk = src.next(b);
                if (tk == Tk.ERROR) {
                    throw sh.fail("%s", ((StringSource) src).error);
                }
                if (tk != Tk.ARG) {
                    break;
                }
                String word = b.toString();
                if (cmd == null) {
                    if (word.startsWith("#")) {
                        // a comment word in argv mode: skip to the end of this command
                        while (src.next(new StringBuilder()) == Tk.ARG) {
                            // skip
                        }
                        break;
                    }
                    cmd = table.find(word);
                    if (cmd == null) {
                        throw sh.fail("unknown command: '%s'", word);
                    }
                    seen = new boolean[cmd.opts().size()];
                    needArg = new boolean[cmd.opts().size()];
                    for (int i = 0; i < needArg.length; i++) {
                        needArg[i] = cmd.opts().get(i).positional();
                    }
                    continue;
                }
                boolean isHelp = cmd.name().equals("help");
                if (!dataOnly && word.length() > 2 && word.startsWith("--")
                        && Character.isLetterOrDigit(word.charAt(2))) {
                    String name = word.substring(2);
                    String value = null;
                    int eq = name.indexOf('=');
                    if (eq >= 0) {
                        value = name.substring(eq + 1);
                        name = name.substring(0, eq);
                    }
                    if (name.equals("help")) {
                        given.add(new Invocation.Arg(Opt.bool("help", ""), null));
                        continue;
                    }
                    int idx = indexOf(cmd, name);
                    Opt opt = idx < 0 ? null : cmd.opts().get(idx);
                    String optName = name;
                    if (opt != null && opt.type() == OptType.ALIAS) {
                        String target = opt.help();
                        int teq = target.indexOf('=');
                        if (teq >= 0) {
                            if (value != null) {
                                throw sh.fail("invalid '=' after option --%s", opt.name());
                            }
                            value = target.substring(teq + 1);
                            target = target.substring(0, teq);
                        }
                        optName = target;
                        idx = indexOf(cmd, target);
                        opt = cmd.opts().get(idx);
                    }
                    if (opt == null) {
                        if (isHelp) {
                            continue;
                        }
                        throw sh.fail("command '%s' doesn't support option --%s", cmd.name(), name);
                    }
                    if (seen[idx] && opt.type() != OptType.ARGV) {
                        throw sh.fail("option --%s already seen", optName);
                    }
                    seen[idx] = true;
                    if (opt.type() != OptType.BOOL) {
                        if (value == null) {
                            StringBuilder vb = new StringBuilder();
                            Tk vt = src.next(vb);
                            if (vt == Tk.ERROR) {
                                throw sh.fail("%s", ((StringSource) src).error);
                            }
                            if (vt != Tk.ARG) {
                                throw sh.fail("expected syntax: --%s <%s>", opt.name(),
                                        opt.type() == OptType.INT ? "number" : "string");
                            }
                            value = vb.toString();
                        }
                        if (opt.type() != OptType.ARGV) {
                            needArg[idx] = false;
                        }
                        given.add(new Invocation.Arg(opt, value));
                    } else {
                        if (value != null) {
                            throw sh.fail("invalid '=' after option --%s", opt.name());
                        }
                        given.add(new Invocation.Arg(opt, null));
                    }
                } else if (!dataOnly && word.equals("--")) {
                    dataOnly = true;
                } else {
                    int idx = -1;
                    for (int i = 0; i < needArg.length; i++) {
                        if (needArg[i]) {
                            idx = i;
                            break;
                        }
                    }
                    if (idx < 0) {
                        if (isHelp) {
                            continue;
                        }
                        throw sh.fail("unexpected data '%s'", word);
                    }
                    Opt opt = cmd.opts().get(idx);
                    if (opt.type() != OptType.ARGV) {
                        needArg[idx] = false;
                    }
                    seen[idx] = true;
                    given.add(new Invocation.Arg(opt, word));
                }
            }
            if (cmd != null) {
                Invocation inv = finish(cmd, given, seen);
                cmds.add(inv);
            }
            if (tk == Tk.END) {
                return cmds;
            }
        }
    }

    /** {@code --help} anywhere turns the command into {@code help NAME}; then required options are checked. */
    private Invocation finish(Command cmd, List<Invocation.Arg> given, boolean[] seen) {
        for (Invocation.Arg a : given) {
            if (a.opt().name().equals("help") && a.opt().type() == OptType.BOOL && cmd.opt("help") == null) {
                Command help = table.find("help");
                return new Invocation(sh, help, List.of(new Invocation.Arg(help.opts().get(0), cmd.name())));
            }
        }
        boolean missing = false;
        for (int i = 0; i < seen.length; i++) {
            Opt o = cmd.opts().get(i);
            if (o.required() && !seen[i]) {
                missing = true;
                sh.error(o.type() == OptType.DATA || o.type() == OptType.ARGV
                        ? "command '%s' requires <%s> option" : "command '%s' requires --%s option",
                        cmd.name(), o.name());
            }
        }
        if (missing) {
            throw new Failed(null);
        }
        return new Invocation(sh, cmd, given);
    }

    private static int indexOf(Command cmd, String name) {
        for (int i = 0; i < cmd.opts().size(); i++) {
            if (cmd.opts().get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
