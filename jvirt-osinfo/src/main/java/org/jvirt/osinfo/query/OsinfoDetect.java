package org.jvirt.osinfo.query;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jvirt.osinfo.IsoVolume;
import org.jvirt.osinfo.Media;
import org.jvirt.osinfo.MediaMatch;
import org.jvirt.osinfo.Os;
import org.jvirt.osinfo.OsinfoDb;
import org.jvirt.osinfo.Tree;
import org.jvirt.osinfo.TreeInfo;
import org.jvirt.osinfo.TreeMatch;
import org.jvirt.osinfo.Variant;

/**
 * {@code jvirt-osinfo-detect [--all] [--type media|tree] PATH}: osinfo-detect's plain report of what an ISO image
 * (or, with {@code --type tree}, an install tree with a .treeinfo) is, worded as osinfo-detect words it. A tree
 * is given as a directory or a {@code file://} URI; network trees are not fetched.
 */
public final class OsinfoDetect {
    private final PrintStream out;
    private final PrintStream err;

    public OsinfoDetect(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int rc = new OsinfoDetect(out, System.err).run(OsinfoDb::loadDefault, args);
        out.flush();
        System.exit(rc);
    }

    /** osinfo-detect's help, with its options. */
    private static final String HELP = """
            Usage:
              jvirt-osinfo-detect [OPTION…] - Detect if media is bootable and the relevant OS and distribution.

            Help Options:
              -h, --help              Show help options

            Application Options:
              -f, --format=FORMAT     Select the output format
              -t, --type=TYPE         Select the type of what is being detected
              -a, --all               Report all matches, not just the first

            The only value available for FORMAT is 'plain', which means plain text.
            TYPE is 'media' (an ISO image, the default) or 'tree' (an install tree with a .treeinfo).
            """;

    public int run(Supplier<OsinfoDb> db, String... argv) {
        boolean all = false;
        String type = "media";
        String location = null;
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("-h") || a.equals("--help")) {
                out.print(HELP);
                return 0;
            } else if (a.equals("-a") || a.equals("--all")) {
                all = true;
            } else if (a.equals("-t") || a.equals("--type")) {
                type = i + 1 < argv.length ? argv[++i] : "";
            } else if (a.startsWith("--type=")) {
                type = a.substring("--type=".length());
            } else if (a.equals("-f") || a.equals("--format")) {
                i++;                                   // "plain", the only format
            } else if (a.startsWith("--format=")) {
                continue;
            } else if (location == null) {
                location = a;
            }
        }
        if (location == null) {
            err.print("Error while parsing commandline options: Missing media path\n");
            return -1;
        }
        try {
            if (type.equals("tree")) {
                Path p = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
                Optional<TreeMatch> m = db.get().identifyTree(TreeInfo.read(p));
                m.ifPresent(t -> print(lines(t.os(), t.tree().variants(), t.tree().arch(), "Tree", true, false)));
                return 0;
            }
            IsoVolume iso = IsoVolume.read(Path.of(location));
            out.print(iso.bootable() ? "Media is bootable.\n" : "Media is not bootable.\n");
            if (!iso.bootable()) {
                return 0;
            }
            List<MediaMatch> matches = all ? db.get().identifyAllMedia(iso)
                    : db.get().identifyMedia(iso).map(List::of).orElse(List.of());
            for (int i = 0; i < matches.size(); i++) {
                Media m = matches.get(i).media();
                List<String> l = lines(matches.get(i).os(), m.variants(), m.arch(), "Media", m.installer(),
                        m.live());
                for (String line : l) {
                    out.print(all && !line.startsWith("\t") ? "#" + (i + 1) + ": " + line + "\n" : line + "\n");
                }
            }
            return 0;
        } catch (IOException e) {
            err.print("Error parsing media: " + e.getMessage() + "\n");
            return -1;
        }
    }

    private void print(List<String> lines) {
        lines.forEach(l -> out.print(l + "\n"));
    }

    /** osinfo-detect's lines for a match: the single variant's name or the OS's, with the architecture. */
    public static List<String> lines(Os os, List<String> variantIds, String arch, String what, boolean installer,
                                     boolean live) {
        List<String> out = new ArrayList<>();
        List<Variant> variants = os.variants().stream().filter(v -> variantIds.contains(v.id())).toList();
        String name = variants.size() == 1 ? variants.get(0).name() : os.name();
        if (installer) {
            out.add(what + " is an installer for OS '" + name + " (" + arch + ")'");
        }
        if (live) {
            out.add(what + " is live media for OS '" + name + " (" + arch + ")'");
        }
        if (variants.size() > 1) {
            out.add("Available OS variants on " + what.toLowerCase() + ":");
            variants.forEach(v -> out.add("\t" + v.name()));
        }
        return out;
    }

    /** The lines for a tree match, as osinfo-detect prints them. */
    public static List<String> lines(TreeMatch m) {
        Tree t = m.tree();
        return lines(m.os(), t.variants(), t.arch(), "Tree", true, false);
    }
}
