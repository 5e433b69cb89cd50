package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** virsh's "Virsh itself" group: help, connect and the shell's own commands. */
final class VirshCommands {

    private VirshCommands() {
    }

    static Group group() {
        return new Group("Virsh itself", "virsh", List.of(
                cmd("cd", "change the current directory", "Change the current directory.", VirshCommands::cd,
                        Opt.string("dir", "directory to switch to (default: home or else root)")
                                .complete(Completer.FILE)).noConnect(),
                cmd("echo", "echo arguments. Used for internal testing.",
                        "Echo back arguments, possibly with quoting. Used for internal testing.", VirshCommands::echo,
                        Opt.bool("shell", "escape for shell use"),
                        Opt.bool("xml", "escape for XML use"),
                        Opt.bool("split", "split each argument on ','; ',,' is an escape sequence"),
                        Opt.bool("err", "output to stderr"),
                        Opt.alias("str", "string"),
                        Opt.alias("hi", "string=hello"),
                        Opt.argv("string", "arguments to echo")).noConnect(),
                cmd("exit", "quit this interactive terminal", "", VirshCommands::quit).noConnect(),
                cmd("help", "print help",
                        "Prints global help, command specific help, or help for a\n    group of related commands",
                        VirshCommands::help,
                        Opt.string("command", "Prints global help, command specific help, or help for a group "
                                + "of related commands").complete(Completer.COMMAND)).noConnect(),
                cmd("pwd", "print the current directory", "Print the current directory.", VirshCommands::pwd)
                        .noConnect(),
                cmd("quit", "quit this interactive terminal", "", VirshCommands::quit).noConnect(),
                cmd("connect", "(re)connect to hypervisor",
                        "Connect to local hypervisor. This is built-in command after shell start up.",
                        VirshCommands::connect,
                        Opt.string("name", "hypervisor connection URI").emptyOk(),
                        Opt.bool("readonly", "read-only connection")).noConnect(),
                CompleteCommand.command()));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    static boolean help(Shell sh, Invocation cmd) {
        String name = cmd.has("command") ? cmd.all("command").get(0) : null;
        if (name == null || name.isEmpty()) {
            sh.print("Grouped commands:\n\n");
            for (Group g : sh.table.groups()) {
                groupHelp(sh, g);
                sh.print("\n");
            }
            return true;
        }
        Command def = sh.table.find(name);
        if (def != null) {
            commandHelp(sh, def);
            return true;
        }
        Group g = sh.table.findGroup(name);
        if (g != null) {
            groupHelp(sh, g);
            return true;
        }
        throw sh.fail("command or command group '%s' doesn't exist", name);
    }

    static void groupHelp(Shell sh, Group g) {
        sh.print(" %s (help keyword '%s'):\n", g.name(), g.keyword());
        for (Command c : g.commands()) {
            if (c.aliasOf() == null && !c.isHidden()) {
                sh.print("    %-30s %s\n", c.name(), c.help());
            }
        }
    }

    /** vshCmddefHelp: NAME, SYNOPSIS, DESCRIPTION, OPTIONS, in virsh's exact layout. */
    static void commandHelp(Shell sh, Command def) {
        StringBuilder b = new StringBuilder();
        b.append("  NAME\n    ").append(def.name()).append(" - ").append(def.help()).append('\n');
        b.append("\n  SYNOPSIS\n    ").append(def.name());
        boolean shortopt = false;
        for (Opt o : def.opts()) {
            String s;
            switch (o.type()) {
                case BOOL -> s = "[--" + o.name() + "]";
                case INT -> {
                    s = o.required() ? "<" + o.name() + ">" : "[--" + o.name() + " <number>]";
                    shortopt |= !o.mustBeNamed();
                }
                case STRING -> {
                    s = "[--" + o.name() + " <string>]";
                    shortopt |= !o.mustBeNamed();
                }
                case DATA -> {
                    s = o.required() ? "<" + o.name() + ">" : "[<" + o.name() + ">]";
                    shortopt |= !o.mustBeNamed();
                }
                case ARGV -> s = shortopt
                        ? (o.required() ? "{[--" + o.name() + "] <string>}..." : "[[--" + o.name() + "] <string>]...")
                        : (o.required() ? "<" + o.name() + ">..." : "[<" + o.name() + ">]...");
                default -> s = null;
            }
            if (s != null) {
                b.append(' ').append(s);
            }
        }
        b.append('\n');
        if (def.desc() != null && !def.desc().isEmpty()) {
            b.append("\n  DESCRIPTION\n    ").append(def.desc()).append('\n');
        }
        if (!def.opts().isEmpty()) {
            b.append("\n  OPTIONS\n");
            for (Opt o : def.opts()) {
                String s = switch (o.type()) {
                    case BOOL -> "--" + o.name();
                    case INT -> o.required() ? "[--" + o.name() + "] <number>" : "--" + o.name() + " <number>";
                    case STRING -> "--" + o.name() + " <string>";
                    case DATA -> "[--" + o.name() + "] <string>";
                    case ARGV -> shortopt ? "[--" + o.name() + "] <string>" : "<" + o.name() + ">";
                    default -> null;
                };
                if (s != null) {
                    b.append(String.format("    %-15s  %s\n", s, o.help()));
                }
            }
        }
        b.append('\n');
        sh.print("%s", b.toString());
    }

    static boolean quit(Shell sh, Invocation cmd) {
        sh.quit = true;
        return true;
    }

    static boolean connect(Shell sh, Invocation cmd) {
        String name = cmd.string("name");
        sh.reconnect(name, cmd.bool("readonly"));
        return true;
    }

    static boolean cd(Shell sh, Invocation cmd) {
        if (!sh.interactive) {
            throw sh.fail("cd: command valid only in interactive mode");
        }
        String dir = cmd.string("dir");
        if (dir == null) {
            dir = System.getProperty("user.home", "/");
        }
        Path p = sh.path(dir);
        if (!Files.isDirectory(p)) {
            throw sh.fail("cd: %s: %s", dir, Files.exists(p) ? "Not a directory" : "No such file or directory");
        }
        sh.cwd = p.normalize();
        return true;
    }

    static boolean pwd(Shell sh, Invocation cmd) {
        sh.print("%s\n", sh.cwd);
        return true;
    }

    static boolean echo(Shell sh, Invocation cmd) {
        boolean shell = cmd.bool("shell");
        boolean xml = cmd.bool("xml");
        boolean split = cmd.bool("split");
        StringBuilder b = new StringBuilder();
        int count = 0;
        for (String arg : cmd.all("string")) {
            List<String> parts = split ? List.of(arg.replace(",,", "\u0000").split(",", -1)) : List.of(arg);
            for (String p : parts) {
                p = p.replace('\u0000', ',');
                if (xml) {
                    p = Xml.escape(p);
                }
                if (shell && (p.isEmpty() || !p.matches("[A-Za-z0-9_@%+=:,./-]+"))) {
                    p = "'" + p.replace("'", "'\\''") + "'";
                }
                if (count++ > 0) {
                    b.append(' ');
                }
                b.append(p);
            }
        }
        if (cmd.bool("err")) {
            sh.error("%s", b.toString());
        } else {
            sh.print("%s", b.toString());
        }
        return true;
    }
}
