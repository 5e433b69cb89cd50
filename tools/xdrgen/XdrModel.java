package xdrgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The .x files as data: a lexer and parser for the subset of XDR language libvirt uses. */
final class XdrModel {

    private XdrModel() {
    }

    // ---------------------------------------------------------------------------------------------- model

    record Decl(String type, String name, char kind, String size) {
        // kind: ' ' plain, '*' optional, '[' fixed array, '<' variable array
    }

    record StructDef(String cname, List<Decl> fields, String comment) {
    }

    record Member(String name, String value, String comment) {
    }

    record Proc(String prefix, String name, int number, Map<String, List<String>> ann) {
    }

    static final class Protocol {
        final String prefix;          // "remote", "qemu", "lxc", "keepalive"
        final Map<String, String> consts = new LinkedHashMap<>();
        final Map<String, Decl> typedefs = new LinkedHashMap<>();
        final Map<String, StructDef> structs = new LinkedHashMap<>();
        final Map<String, List<Member>> enums = new LinkedHashMap<>();
        final Set<String> unions = new LinkedHashSet<>();
        final List<Proc> procs = new ArrayList<>();

        Protocol(String prefix) {
            this.prefix = prefix;
        }
    }

    // ---------------------------------------------------------------------------------------------- lexer

    record Tok(String text, boolean comment) {
    }

    static List<Tok> lex(String src) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '%' && (i == 0 || src.charAt(i - 1) == '\n')) {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                out.add(new Tok(src.substring(i + 2, end), true));
                i = end + 2;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Tok(src.substring(s, i), false));
            } else {
                out.add(new Tok(String.valueOf(c), false));
                i++;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- parser

    static final class Parser {
        final List<Tok> toks;
        int p;
        String lastComment;

        Parser(List<Tok> toks) {
            this.toks = toks;
        }

        String peek() {
            skipComments();
            return p < toks.size() ? toks.get(p).text() : null;
        }

        void skipComments() {
            while (p < toks.size() && toks.get(p).comment()) {
                lastComment = toks.get(p).text();
                p++;
            }
        }

        String next() {
            skipComments();
            return toks.get(p++).text();
        }

        void expect(String s) {
            String t = next();
            if (!t.equals(s)) {
                throw new IllegalStateException("expected " + s + " got " + t + " at token " + p);
            }
        }

        void parse(Protocol proto) {
            while (peek() != null) {
                lastComment = null;
                String kw = next();
                switch (kw) {
                    case "const" -> {
                        String name = next();
                        expect("=");
                        proto.consts.put(name, next());
                        expect(";");
                    }
                    case "typedef" -> {
                        Decl d = decl();
                        expect(";");
                        proto.typedefs.put(d.name(), d);
                    }
                    case "struct" -> {
                        String comment = lastComment;
                        String name = next();
                        expect("{");
                        List<Decl> fields = new ArrayList<>();
                        while (!peek().equals("}")) {
                            fields.add(decl());
                            expect(";");
                        }
                        expect("}");
                        expect(";");
                        proto.structs.put(name, new StructDef(name, fields, comment));
                    }
                    case "enum" -> {
                        String name = next();
                        expect("{");
                        List<Member> members = new ArrayList<>();
                        while (true) {
                            lastComment = null;
                            if (peek().equals("}")) {
                                break;
                            }
                            String comment = lastComment;
                            String m = next();
                            expect("=");
                            String v = next();
                            members.add(new Member(m, v, comment));
                            if (peek().equals(",")) {
                                next();
                            }
                        }
                        expect("}");
                        expect(";");
                        proto.enums.put(name, members);
                    }
                    case "union" -> {
                        String name = next();
                        int depth = 0;
                        while (true) {
                            String t = next();
                            if (t.equals("{")) {
                                depth++;
                            } else if (t.equals("}") && --depth == 0) {
                                break;
                            }
                        }
                        expect(";");
                        proto.unions.add(name);
                    }
                    default -> throw new IllegalStateException("unexpected " + kw);
                }
            }
        }

        Decl decl() {
            String type = next();
            if (type.equals("unsigned")) {
                String t = peek();
                if (Set.of("int", "hyper", "char", "short").contains(t)) {
                    type = "unsigned " + next();
                } else {
                    type = "unsigned int";
                }
            } else if (type.equals("struct")) {
                type = next();
            }
            char kind = ' ';
            if (peek().equals("*")) {
                next();
                kind = '*';
            }
            String name = next();
            String size = null;
            if (peek().equals("[")) {
                next();
                size = next();
                expect("]");
                kind = '[';
            } else if (peek().equals("<")) {
                next();
                size = peek().equals(">") ? null : next();
                expect(">");
                kind = '<';
            }
            return new Decl(type, name, kind, size);
        }
    }

    static Protocol parseFile(Path file, String prefix) throws IOException {
        Protocol proto = new Protocol(prefix);
        new Parser(lex(Files.readString(file))).parse(proto);
        for (Map.Entry<String, List<Member>> e : proto.enums.entrySet()) {
            if (!e.getKey().endsWith("_procedure")) {
                continue;
            }
            String procPrefix = prefix.toUpperCase(Locale.ROOT) + "_PROC_";
            for (Member m : e.getValue()) {
                Map<String, List<String>> ann = new LinkedHashMap<>();
                if (m.comment() != null) {
                    Matcher am = Pattern.compile("@(\\w+):\\s*(\\S+)").matcher(m.comment());
                    while (am.find()) {
                        ann.computeIfAbsent(am.group(1), k -> new ArrayList<>()).add(am.group(2));
                    }
                }
                proto.procs.add(new Proc(prefix, m.name().substring(procPrefix.length()), Integer.parseInt(m.value()),
                        ann));
            }
        }
        return proto;
    }

}
