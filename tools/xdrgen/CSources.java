package xdrgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the generator reads from libvirt's C sources: header constants and the public API functions. */
final class CSources {

    private CSources() {
    }

    // ---------------------------------------------------------------------------------------------- C constants

    /** Integer constants of libvirt's public headers (#defines and enum members), evaluated on demand. */
    static final class CConstants {
        final Map<String, String> exprs = new HashMap<>();

        CConstants(Path includeDir) throws IOException {
            Pattern def = Pattern.compile("^#\\s*define\\s+(VIR_\\w+)\\s+(.+?)\\s*(/\\*.*)?$");
            Pattern mem = Pattern.compile("^\\s*(VIR_\\w+)\\s*=\\s*([^,/]+?)\\s*,?\\s*(/\\*.*)?$");
            try (Stream<Path> files = Files.list(includeDir)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".h")).sorted().toList()) {
                    for (String line : Files.readAllLines(f)) {
                        Matcher m = def.matcher(line);
                        if (!m.matches()) {
                            m = mem.matcher(line);
                        }
                        if (m.matches()) {
                            exprs.putIfAbsent(m.group(1), m.group(2));
                        }
                    }
                }
            }
        }

        long value(String name) {
            String e = exprs.get(name);
            if (e == null) {
                throw new IllegalStateException("unknown C constant " + name);
            }
            return new Expr(e, this).parse();
        }
    }

    /** A tiny evaluator for the constant expressions libvirt's headers use: numbers, names, + - | << and ( ). */
    static final class Expr {
        final String s;
        final CConstants c;
        int i;

        Expr(String s, CConstants c) {
            this.s = s.replaceAll("\\s+", "");
            this.c = c;
        }

        long parse() {
            return or();
        }

        long or() {
            long v = shift();
            while (i < s.length() && s.charAt(i) == '|') {
                i++;
                v |= shift();
            }
            return v;
        }

        long shift() {
            long v = add();
            while (s.startsWith("<<", i)) {
                i += 2;
                v <<= add();
            }
            return v;
        }

        long add() {
            long v = atom();
            while (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                char op = s.charAt(i++);
                long r = atom();
                v = op == '+' ? v + r : v - r;
            }
            return v;
        }

        long atom() {
            char ch = s.charAt(i);
            if (ch == '(') {
                i++;
                long v = or();
                i++; // ')'
                return v;
            }
            int st = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            String tok = s.substring(st, i);
            if (Character.isDigit(tok.charAt(0))) {
                tok = tok.replaceAll("[uUlL]+$", "");
                return tok.startsWith("0x") ? Long.parseLong(tok.substring(2), 16) : Long.parseLong(tok);
            }
            return c.value(tok);
        }
    }

    // ---------------------------------------------------------------------------------------------- API scan

    record ApiFn(String name, String domain, char readOnly) {
        // readOnly: 'A' allowed, 'D' denied, 'C' conditional
    }

    static Map<String, ApiFn> scanApi(Path srcDir) throws IOException {
        Map<String, ApiFn> out = new HashMap<>();
        Pattern fn = Pattern.compile("^(?:[A-Za-z_][\\w ]*?[ *])?(vir[A-Z]\\w*)\\((.*?)^\\}", Pattern.MULTILINE
                | Pattern.DOTALL);
        Pattern from = Pattern.compile("#define VIR_FROM_THIS VIR_FROM_(\\w+)");
        // the admin library lives in its own directory (src/admin/libvirt-admin.c)
        try (Stream<Path> files = Stream.concat(Files.list(srcDir), Files.list(srcDir.resolve("admin")))) {
            for (Path f : files.filter(x -> x.getFileName().toString().matches("libvirt(-[a-z-]+)?\\.c")).toList()) {
                String src = Files.readString(f);
                Matcher fm = from.matcher(src);
                String domain = fm.find() ? fm.group(1) : "NONE";
                Matcher m = fn.matcher(src);
                while (m.find()) {
                    String body = m.group(2);
                    char ro = 'A';
                    for (String line : body.split("\n")) {
                        if (line.contains("virCheckReadOnlyGoto")) {
                            boolean nested = line.startsWith("        ");
                            ro = nested ? (ro == 'D' ? 'D' : 'C') : 'D';
                        } else if (line.contains("& VIR_CONNECT_RO)") && ro == 'A') {
                            ro = 'C';
                        }
                    }
                    out.putIfAbsent(key(m.group(1), f.getFileName().toString()), new ApiFn(m.group(1), domain, ro));
                }
            }
        }
        return out;
    }

    /** How an API name and a procedure name meet: upper case, no underscores, without Qemu/Lxc/Adm. */
    static String key(String apiName, String file) {
        String k = apiName.substring(3).toUpperCase(Locale.ROOT);
        String prog = "remote";
        if (file.equals("libvirt-qemu.c")) {
            k = k.replaceFirst("QEMU", "");
            prog = "qemu";
        } else if (file.equals("libvirt-lxc.c")) {
            k = k.replaceFirst("LXC", "");
            prog = "lxc";
        } else if (file.equals("libvirt-admin.c")) {
            k = k.replaceFirst("^ADM", ""); // virAdmServerListClients -> SERVERLISTCLIENTS
            prog = "admin";
        }
        return prog + ":" + k;
    }

}
