package org.jvirt.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every command of jvirsh, by group, in virsh's order. Built once and checked at start-up as virsh's
 * vshCmddefCheckInternals checks its own table, so that a mistake in a declaration fails every test at once
 * rather than misbehaving on one command line.
 */
public final class CommandTable {

    private final List<Group> groups;
    private final Map<String, Command> byName = new LinkedHashMap<>();

    public CommandTable(List<Group> groups) {
        this.groups = List.copyOf(groups);
        List<String> problems = check(this.groups);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("inconsistent command table: " + String.join("; ", problems));
        }
        for (Group g : groups) {
            for (Command c : g.commands()) {
                byName.put(c.name(), c);
            }
        }
    }

    /** The table of jvirsh, the groups in virsh's order. */
    public static CommandTable standard() {
        return new CommandTable(List.of(
                DomainGroup.group(),
                MonitorCommands.group(),
                EventCommands.group(),
                HostCommands.group(),
                CheckpointCommands.group(),
                InterfaceCommands.group(),
                NWFilterCommands.group(),
                NetworkCommands.group(),
                NodedevCommands.group(),
                SecretCommands.group(),
                SnapshotCommands.group(),
                BackupCommands.group(),
                PoolCommands.group(),
                VolumeCommands.group(),
                VirshCommands.group()));
    }

    public List<Group> groups() {
        return groups;
    }

    /** The command of that exact name (an alias resolves to its target), or null. */
    public Command find(String name) {
        Command c = byName.get(name);
        if (c != null && c.aliasOf() != null) {
            c = byName.get(c.aliasOf());
        }
        return c;
    }

    public Group findGroup(String name) {
        for (Group g : groups) {
            if (g.name().equals(name) || g.keyword().equals(name)) {
                return g;
            }
        }
        return null;
    }

    /** Names a user may type, aliases excluded. */
    public List<String> commandNames() {
        List<String> out = new ArrayList<>();
        for (Command c : byName.values()) {
            if (c.aliasOf() == null && !c.isHidden()) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** The rules a declaration must follow; returns what is wrong (empty when all is well). */
    public static List<String> check(List<Group> groups) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> keywords = new HashSet<>();
        Map<String, Command> all = new HashMap<>();
        for (Group g : groups) {
            if (!keywords.add(g.keyword())) {
                problems.add("group keyword '" + g.keyword() + "' used twice");
            }
            for (Command c : g.commands()) {
                if (!names.add(c.name())) {
                    problems.add("command '" + c.name() + "' declared twice");
                }
                all.put(c.name(), c);
            }
        }
        for (Command c : all.values()) {
            if (c.aliasOf() != null) {
                Command t = all.get(c.aliasOf());
                if (t == null) {
                    problems.add("command alias '" + c.name() + "' is pointing to a non-existent command '"
                            + c.aliasOf() + "'");
                } else if (t.aliasOf() != null) {
                    problems.add("command alias '" + c.name() + "' is pointing to another command alias");
                }
                continue;
            }
            checkCommand(c, problems);
        }
        return problems;
    }

    private static void checkCommand(Command c, List<String> problems) {
        String n = c.name();
        if (c.handler() == null) {
            problems.add("command '" + n + "' has no handler");
        }
        if (c.help() == null || c.help().isEmpty()) {
            problems.add("command '" + n + "' lacks help");
        }
        if (c.opts().size() > 64) {
            problems.add("command '" + n + "' has too many options");
        }
        Set<String> optNames = new HashSet<>();
        boolean optionalSeen = false;
        for (int i = 0; i < c.opts().size(); i++) {
            Opt o = c.opts().get(i);
            if (!optNames.add(o.name())) {
                problems.add("option '" + o.name() + "' of command '" + n + "' declared twice");
            }
            if (o.name().equals("help")) {
                problems.add("option 'help' of command '" + n + "' hides the built-in --help");
            }
            if (o.type() == OptType.BOOL && o.completer() != Completer.NONE) {
                problems.add("bool parameter '" + o.name() + "' of command '" + n + "' has completer set");
            }
            if (o.type() == OptType.BOOL && o.required()) {
                problems.add("parameter '" + o.name() + "' of command '" + n + "' misused required");
            }
            if (o.type() == OptType.ALIAS) {
                String target = o.help().split("=", 2)[0];
                Opt t = c.opt(target);
                if (t == null || t.type() == OptType.ALIAS) {
                    problems.add("alias '" + o.name() + "' of command '" + n + "' has missing alias option");
                } else if (o.help().contains("=") && t.type() == OptType.BOOL) {
                    problems.add("alias '" + o.name() + "' of command '" + n + "' has mismatched alias type");
                }
                continue;
            }
            if (o.type() == OptType.ARGV && i != c.opts().size() - 1) {
                problems.add("parameter '" + o.name() + "' of command '" + n + "' must be listed last");
            }
            if (o.type() == OptType.DATA && !o.required() && !o.mustBeNamed()) {
                optionalSeen = true;
            } else if ((o.type() == OptType.DATA || o.type() == OptType.ARGV) && o.required() && !o.mustBeNamed()
                    && optionalSeen) {
                problems.add("parameter '" + o.name() + "' of command '" + n
                        + "' must be listed before optional parameters");
            } else if (o.positional() && !o.required()) {
                optionalSeen = true;
            } else if (o.positional() && o.required() && optionalSeen) {
                problems.add("parameter '" + o.name() + "' of command '" + n
                        + "' must be listed before optional parameters");
            }
        }
    }
}
