package org.jvirt.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.StoragePool;
import org.jvirt.VirtException;

/**
 * The interactive shell on a terminal: JLine for editing, a history kept across sessions, and completion of
 * command names, option names and the names of objects an option takes (domains, networks, pools...).
 */
final class Interactive {

    private Interactive() {
    }

    static Path historyFile() {
        String cache = System.getenv("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isEmpty() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jvirt").resolve("jvirsh_history");
    }

    static void loop(Shell sh) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            Path history = historyFile();
            try {
                Files.createDirectories(history.getParent());
            } catch (IOException e) {
                sh.error("Failed to create '%s': %s", history.getParent(), e.getMessage());
            }
            DefaultParser parser = new DefaultParser();
            parser.setEscapeChars(new char[] {'\\'});
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("jvirsh")
                    .parser(parser)
                    .completer((r, line, candidates) -> complete(sh, line, candidates))
                    .variable(LineReader.HISTORY_FILE, history)
                    .variable(LineReader.HISTORY_SIZE, 500)
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.AUTO_FRESH_LINE, true)
                    .build();
            while (!sh.quit) {
                String line;
                try {
                    line = reader.readLine(Main.prompt(sh));
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    sh.print("\n");
                    break;
                }
                if (!line.isBlank()) {
                    sh.runLine(line);
                    sh.out.flush();
                }
            }
            reader.getHistory().save();
        } catch (IOException e) {
            sh.error("%s", e.getMessage());
        }
    }

    /** What may follow the words before the cursor (virsh's vshReadlineParse, simplified). */
    static void complete(Shell sh, ParsedLine line, List<Candidate> candidates) {
        for (String s : completions(sh, line.words().subList(0, line.wordIndex()), line.word())) {
            candidates.add(new Candidate(s, s, null, null, null, null, !s.endsWith("=")));
        }
    }

    /** The completions of {@code current}, given the words before it on the current command. */
    static List<String> completions(Shell sh, List<String> before, String current) {
        List<String> words = new ArrayList<>();
        for (String w : before) {
            if (w.equals(";")) {
                words.clear();
            } else {
                words.add(w);
            }
        }
        List<String> out = new ArrayList<>();
        if (words.isEmpty()) {
            for (String n : sh.table.commandNames()) {
                if (n.startsWith(current)) {
                    out.add(n);
                }
            }
            return out;
        }
        Command cmd = sh.table.find(words.get(0));
        if (cmd == null) {
            return out;
        }
        // replay the words to learn which options are given and which one the current word fills
        List<String> given = new ArrayList<>();
        Opt pending = null;
        int positionalUsed = 0;
        for (String w : words.subList(1, words.size())) {
            if (pending != null) {
                pending = null;
                continue;
            }
            if (w.startsWith("--") && w.length() > 2) {
                Opt o = cmd.opt(w.substring(2).split("=", 2)[0]);
                if (o != null) {
                    given.add(o.name());
                    if (o.type() != OptType.BOOL && !w.contains("=")) {
                        pending = o;
                    }
                }
            } else {
                positionalUsed++;
            }
        }
        Opt target = pending;
        if (target == null && current.startsWith("-")) {
            for (Opt o : cmd.opts()) {
                if (o.type() != OptType.ALIAS && (!given.contains(o.name()) || o.type() == OptType.ARGV)
                        && ("--" + o.name()).startsWith(current)) {
                    out.add("--" + o.name());
                }
            }
            return out;
        }
        if (target == null) {
            int n = positionalUsed;
            for (Opt o : cmd.opts()) {
                if (!o.positional() || given.contains(o.name())) {
                    continue;
                }
                if (n == 0 || o.type() == OptType.ARGV) {
                    target = o;
                    break;
                }
                n--;
            }
        }
        if (target != null) {
            for (String v : values(sh, target.completer(), words)) {
                if (v.startsWith(current)) {
                    out.add(v);
                }
            }
        }
        if (out.isEmpty() && current.isEmpty() && target == null) {
            for (Opt o : cmd.opts()) {
                if (o.type() != OptType.ALIAS && !given.contains(o.name())) {
                    out.add("--" + o.name());
                }
            }
        }
        return out;
    }

    private static List<String> values(Shell sh, Completer c, List<String> words) {
        List<String> out = new ArrayList<>();
        if (c == Completer.COMMAND) {
            out.addAll(sh.table.commandNames());
            for (Group g : sh.table.groups()) {
                out.add(g.keyword());
            }
            return out;
        }
        if (c == Completer.NONE || c == Completer.FILE) {
            return out;
        }
        if (c == Completer.DOMAIN_EVENT) {
            out.addAll(EventCommands.domainEventNames());
            return out;
        }
        switch (c) {
            case NETWORK_EVENT -> {
                return List.of(EventCommands.NETWORK_EVENTS);
            }
            case POOL_EVENT -> {
                return List.of(EventCommands.POOL_EVENTS);
            }
            case NODEDEV_EVENT -> {
                return List.of(EventCommands.NODEDEV_EVENTS);
            }
            case SECRET_EVENT -> {
                return List.of(EventCommands.SECRET_EVENTS);
            }
            default -> {
            }
        }
        try {
            if (!sh.connected()) {
                sh.connectIfNeeded();
            }
            Connect conn = sh.conn();
            switch (c) {
                case DOMAIN -> conn.listAllDomains().forEach(d -> out.add(d.getName()));
                case NETWORK -> conn.listAllNetworks().forEach(n -> out.add(n.getName()));
                case POOL -> conn.listAllStoragePools().forEach(p -> out.add(p.getName()));
                case VOLUME -> {
                    String pool = optionAfter(words, "--pool");
                    if (pool != null) {
                        conn.storagePoolLookupByName(pool).listAllVolumes().forEach(v -> out.add(v.getName()));
                    } else {
                        for (StoragePool p : conn.listAllStoragePools()) {
                            if (p.isActive()) {
                                p.listAllVolumes().forEach(v -> out.add(v.getPath()));
                            }
                        }
                    }
                }
                case NODEDEV -> conn.listAllNodeDevices().forEach(d -> out.add(d.getName()));
                case INTERFACE -> conn.listAllInterfaces().forEach(i -> out.add(i.getName()));
                case SECRET -> conn.listAllSecrets().forEach(s -> out.add(s.getUUIDString()));
                case NWFILTER -> conn.listAllNWFilters().forEach(f -> out.add(f.getName()));
                case SNAPSHOT -> {
                    String dom = words.size() > 1 ? firstBare(words) : null;
                    if (dom != null) {
                        Domain d = conn.domainLookupByName(dom);
                        d.listAllSnapshots().forEach(s -> out.add(s.getName()));
                    }
                }
                case CHECKPOINT -> {
                    String dom = words.size() > 1 ? firstBare(words) : null;
                    if (dom != null) {
                        conn.domainLookupByName(dom).listAllCheckpoints().forEach(k -> out.add(k.getName()));
                    }
                }
                default -> {
                }
            }
        } catch (VirtException | Failed e) {
            // completion offers what it can; a lookup error is not worth a message mid-line
        }
        return out;
    }

    private static String optionAfter(List<String> words, String opt) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equals(opt)) {
                return words.get(i + 1);
            }
        }
        return null;
    }

    private static String firstBare(List<String> words) {
        String d = optionAfter(words, "--domain");
        if (d != null) {
            return d;
        }
        for (String w : words.subList(1, words.size())) {
            if (!w.startsWith("--")) {
                return w;
            }
        }
        return null;
    }

}
