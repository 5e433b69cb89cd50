package xdrgen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import xdrgen.CSources.ApiFn;
import xdrgen.CSources.CConstants;
import xdrgen.XdrModel.Decl;
import xdrgen.XdrModel.Member;
import xdrgen.XdrModel.Proc;
import xdrgen.XdrModel.Protocol;
import xdrgen.XdrModel.StructDef;

import static xdrgen.Naming.*;

/**
 * jvirt's XDR code generator. Reads libvirt's protocol definitions (remote, qemu, lxc, keepalive, admin .x files) and
 * the public API sources of a libvirt source tree, and writes the Java wire records and procedure declarations
 * of jvirt-rpc. Compile the four files of this directory with a JDK 21 and run this class; see README.md.
 *
 * <p>What it derives from where:
 * <ul>
 *   <li>records and their codecs: the structs of the .x files (typedefs resolved, char widened to 4 bytes);</li>
 *   <li>procedure number, name, argument/reply/message type: the procedure enums and the naming convention
 *       {@code <prefix>_<proc>_args|_ret|_msg} that libvirt's own gendispatch.pl relies on;</li>
 *   <li>priority, stream direction, sparse flag: the {@code @priority}, {@code @readstream},
 *       {@code @writestream}, {@code @sparseflag} annotations;</li>
 *   <li>read-only policy: the public API function in src/libvirt-*.c — an unconditional
 *       {@code virCheckReadOnlyGoto} denies the call to read-only connections; a conditional one (or a
 *       hand-written {@code conn->flags & VIR_CONNECT_RO} test) denies it only when the flags or parameter
 *       named by the procedure's conditional {@code @acl} annotations are set.</li>
 * </ul>
 */
public final class XdrGen {

    static final int MAX_LINES = 800;

    // ---------------------------------------------------------------------------------------------- types

    sealed interface JType permits Prim, Str, Uuid, Opaque, Chars, Ref, Opt, Arr {
    }

    record Prim(String java, String boxed, String suffix) implements JType {
    }

    record Str(String max, boolean optional) implements JType {
    }

    record Uuid() implements JType {
    }

    record Opaque(String size, boolean fixed) implements JType {
    }

    record Chars(String size, boolean fixed) implements JType {
    }

    record Ref(String jname) implements JType {
    }

    record Opt(JType inner) implements JType {
    }

    record Arr(JType elem, String size, boolean fixed) implements JType {
    }

    static final Prim INT = new Prim("int", "Integer", "Int");
    static final Prim UINT = new Prim("int", "Integer", "UnsignedInt");
    static final Prim HYPER = new Prim("long", "Long", "Hyper");
    static final Prim UHYPER = new Prim("long", "Long", "UnsignedHyper");
    static final Prim DOUBLE = new Prim("double", "Double", "Double");
    static final Prim BOOL = new Prim("boolean", "Boolean", "Bool");

    final List<Protocol> protos = new ArrayList<>();
    final CConstants cconst;
    final Map<String, ApiFn> api;
    final Map<String, String> structClass = new HashMap<>();   // C struct name -> Java simple name

    XdrGen(CConstants cconst, Map<String, ApiFn> api) {
        this.cconst = cconst;
        this.api = api;
    }

    static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
            "native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
            "while", "record", "var", "yield");

    static String fieldName(String c) {
        String n = camel(c, false);
        return KEYWORDS.contains(n) ? n + "_" : n;
    }

    Decl typedef(String name) {
        for (Protocol p : protos) {
            if (p.typedefs.containsKey(name)) {
                return p.typedefs.get(name);
            }
        }
        return null;
    }

    boolean isEnum(String name) {
        return protos.stream().anyMatch(p -> p.enums.containsKey(name));
    }

    String size(String s) {
        if (s == null) {
            return "Integer.MAX_VALUE";
        }
        return s;
    }

    JType resolve(Decl d) {
        String t = d.type();
        switch (d.kind()) {
            case '*':
                return optional(resolve(new Decl(t, d.name(), ' ', null)));
            case '<':
                if (t.equals("opaque")) {
                    return new Opaque(size(d.size()), false);
                }
                if (t.equals("string")) {
                    return new Str(size(d.size()), false);
                }
                if (t.equals("char") || t.equals("unsigned char")) {
                    return new Chars(size(d.size()), false);
                }
                return new Arr(resolve(new Decl(t, d.name(), ' ', null)), size(d.size()), false);
            case '[':
                if (t.equals("opaque")) {
                    return d.size().equals("VIR_UUID_BUFLEN") ? new Uuid() : new Opaque(d.size(), true);
                }
                if (t.equals("char") || t.equals("unsigned char")) {
                    return new Chars(d.size(), true);
                }
                return new Arr(resolve(new Decl(t, d.name(), ' ', null)), d.size(), true);
            default:
                break;
        }
        switch (t) {
            case "int", "char", "short", "unsigned char", "unsigned short":
                return INT;
            case "unsigned int":
                return UINT;
            case "hyper":
                return HYPER;
            case "unsigned hyper":
                return UHYPER;
            case "double":
                return DOUBLE;
            case "bool":
                return BOOL;
            default:
                break;
        }
        Decl td = typedef(t);
        if (td != null) {
            return resolve(td);
        }
        if (isEnum(t)) {
            return INT;
        }
        // admin_typed_param_value has remote_typed_param_value's layout and string limit (ADMIN_STRING_MAX ==
        // REMOTE_STRING_MAX), so both programs share the one hand-written union
        if (t.equals("remote_typed_param_value") || t.equals("admin_typed_param_value")) {
            return new Ref("RemoteTypedParamValue");
        }
        String j = structClass.get(t);
        if (j == null) {
            throw new IllegalStateException("unknown type " + t);
        }
        return new Ref(j);
    }

    static JType optional(JType inner) {
        if (inner instanceof Str s) {
            return new Str(s.max(), true);
        }
        return new Opt(inner);
    }

    String javaType(JType t, boolean boxed) {
        return switch (t) {
            case Prim p -> boxed ? p.boxed() : p.java();
            case Str s -> "String";
            case Uuid u -> "UUID";
            case Opaque o -> "byte[]";
            case Chars c -> "byte[]";
            case Ref r -> r.jname();
            case Opt o -> javaType(o.inner(), true);
            case Arr a -> "List<" + javaType(a.elem(), true) + ">";
        };
    }

    String encode(JType t, String w, String v) {
        return switch (t) {
            case Prim p -> w + ".write" + p.suffix() + "(" + v + ")";
            case Str s -> w + (s.optional() ? ".writeOptionalString(" : ".writeString(") + v + ", " + s.max() + ")";
            case Uuid u -> w + ".writeUuid(" + v + ")";
            case Opaque o -> w + (o.fixed() ? ".writeFixedOpaque(" : ".writeOpaque(") + v + ", " + o.size() + ")";
            case Chars c -> w + (c.fixed() ? ".writeFixedChars(" : ".writeChars(") + v + ", " + c.size() + ")";
            case Ref r -> w + ".write(" + v + ")";
            case Opt o -> w + ".writeOptional(" + v + ", " + elemEncoder(o.inner()) + ")";
            case Arr a -> w + (a.fixed() ? ".writeFixedArray(" : ".writeArray(") + v + ", " + a.size() + ", "
                    + elemEncoder(a.elem()) + ")";
        };
    }

    String elemEncoder(JType t) {
        return switch (t) {
            case Prim p -> "XdrWriter::write" + p.suffix();
            case Ref r -> "XdrWriter::write";
            case Uuid u -> "XdrWriter::writeUuid";
            default -> "(x, e) -> " + encode(t, "x", "e");
        };
    }

    String decode(JType t, String r) {
        return switch (t) {
            case Prim p -> r + ".read" + p.suffix() + "()";
            case Str s -> r + (s.optional() ? ".readOptionalString(" : ".readString(") + s.max() + ")";
            case Uuid u -> r + ".readUuid()";
            case Opaque o -> r + (o.fixed() ? ".readFixedOpaque(" : ".readOpaque(") + o.size() + ")";
            case Chars c -> r + (c.fixed() ? ".readFixedChars(" : ".readChars(") + c.size() + ")";
            case Ref ref -> ref.jname() + ".decode(" + r + ")";
            case Opt o -> r + ".readOptional(" + elemDecoder(o.inner()) + ")";
            case Arr a -> r + (a.fixed() ? ".readFixedArray(" : ".readArray(") + a.size() + ", "
                    + elemDecoder(a.elem()) + ")";
        };
    }

    String elemDecoder(JType t) {
        return switch (t) {
            case Prim p -> "XdrReader::read" + p.suffix();
            case Ref r -> r.jname() + "::decode";
            case Uuid u -> "XdrReader::readUuid";
            default -> "x -> " + decode(t, "x");
        };
    }

    static boolean isBytes(JType t) {
        return t instanceof Opaque || t instanceof Chars;
    }

    // ---------------------------------------------------------------------------------------------- output

    /** One generated record. */
    String record(Protocol proto, StructDef s) {
        String j = structClass.get(s.cname());
        List<String> comps = new ArrayList<>();
        List<JType> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Decl d : s.fields()) {
            JType t = resolve(d);
            types.add(t);
            names.add(fieldName(d.name()));
            comps.add(javaType(t, false) + " " + fieldName(d.name()));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("    /** {@code ").append(s.cname()).append("}. */\n");
        String open = "    public record " + j + "(";
        String joined = String.join(", ", comps);
        if (open.length() + joined.length() + 25 <= 120) {
            sb.append(open).append(joined).append(") implements XdrStruct {\n\n");
        } else {
            sb.append(open).append("\n");
            for (int i = 0; i < comps.size(); i++) {
                sb.append("            ").append(comps.get(i)).append(i + 1 < comps.size() ? ",\n" : ")");
            }
            sb.append(" implements XdrStruct {\n\n");
        }
        String xdr = "                XdrType.struct(" + j + ".class, " + j + "::decode);";
        if (xdr.length() > 120) {
            xdr = "                XdrType.struct(" + j + ".class,\n                        " + j + "::decode);";
        }
        sb.append("        public static final XdrType<").append(j).append("> XDR =\n").append(xdr).append("\n\n");
        boolean anyList = types.stream().anyMatch(t -> t instanceof Arr);
        if (anyList) {
            sb.append("        /** Lists are copied, so a record never changes after it was built; null means empty. */\n");
            sb.append("        public ").append(j).append(" {\n");
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i) instanceof Arr) {
                    String n = names.get(i);
                    sb.append("            ").append(n).append(" = ").append(n).append(" == null ? List.of() : List.copyOf(")
                            .append(n).append(");\n");
                }
            }
            sb.append("        }\n\n");
        }
        sb.append("        @Override\n        public void encode(XdrWriter w) {\n");
        for (int i = 0; i < types.size(); i++) {
            sb.append("            ").append(encode(types.get(i), "w", names.get(i))).append(";\n");
        }
        sb.append("        }\n\n");
        sb.append("        public static ").append(j).append(" decode(XdrReader r) {\n");
        List<String> decs = new ArrayList<>();
        for (JType t : types) {
            decs.add(decode(t, "r"));
        }
        String one = "            return new " + j + "(" + String.join(", ", decs) + ");";
        if (one.length() <= 120 && decs.size() <= 2) {
            sb.append(one).append("\n");
        } else {
            sb.append("            return new ").append(j).append("(\n");
            for (int i = 0; i < decs.size(); i++) {
                sb.append("                    ").append(decs.get(i)).append(i + 1 < decs.size() ? ",\n" : ");\n");
            }
        }
        sb.append("        }\n");
        if (types.stream().anyMatch(XdrGen::isBytes)) {
            sb.append(bytesMethods(j, types, names));
        }
        sb.append("    }\n");
        return sb.toString();
    }

    /** Records compare arrays by identity; wire values must compare by content. */
    static String bytesMethods(String j, List<JType> types, List<String> names) {
        StringBuilder eq = new StringBuilder();
        StringBuilder hash = new StringBuilder();
        StringBuilder str = new StringBuilder();
        for (int i = 0; i < types.size(); i++) {
            String n = names.get(i);
            boolean b = isBytes(types.get(i));
            eq.append("\n                    && ").append(b ? "Arrays.equals(" + n + ", that." + n + ")"
                    : "Objects.equals(" + n + ", that." + n + ")");
            hash.append(i == 0 ? "" : ", ").append(b ? "Arrays.hashCode(" + n + ")" : n);
            str.append(i == 0 ? "" : "\n                    + \", ").append(n).append("=\" + ")
                    .append(b ? "XdrStruct.describe(" + n + ")" : n);
        }
        return "\n        @Override\n        public boolean equals(Object o) {\n"
                + "            return o instanceof " + j + " that" + eq + ";\n        }\n\n"
                + "        @Override\n        public int hashCode() {\n"
                + "            return Objects.hash(" + hash + ");\n        }\n\n"
                + "        @Override\n        public String toString() {\n"
                + "            return \"" + j + "[" + str + " + \"]\";\n"
                + "        }\n";
    }

    void generate(Path out) throws IOException {
        removeOldOutput(out);
        // name every struct first, so that cross references resolve
        for (Protocol p : protos) {
            for (StructDef s : p.structs.values()) {
                structClass.put(s.cname(), camel(s.cname(), true));
            }
        }
        for (Protocol p : protos) {
            if (p.prefix.equals("keepalive")) {
                continue;
            }
            Map<String, List<String>> groups = new LinkedHashMap<>();
            for (StructDef s : p.structs.values()) {
                String area = p.prefix.equals("remote") ? area(s.cname().substring("remote_".length())) : "";
                groups.computeIfAbsent(holderPrefix(p.prefix) + area + "Types", k -> new ArrayList<>())
                        .add(record(p, s));
            }
            writeHolders(out, p, groups, true);
            writeConstants(out, p);
            writeProcedures(out, p);
        }
        Protocol ka = protos.stream().filter(x -> x.prefix.equals("keepalive")).findFirst().orElseThrow();
        writeConstants(out, ka);
        writeProcedures(out, ka);
    }

    /** Deletes what an earlier run wrote (files that start with our header), so renamed classes do not linger. */
    void removeOldOutput(Path out) throws IOException {
        for (Protocol p : protos) {
            Path dir = out.resolve(pkgOf(p.prefix).replace('.', '/'));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
                    if (Files.readString(f).startsWith("// Generated by tools/xdrgen/XdrGen.java")) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    final Map<String, String> holderOf = new HashMap<>(); // Java simple name -> holder FQN

    /** Splits a group into files of at most MAX_LINES, assigns holders, writes them. */
    void writeHolders(Path out, Protocol p, Map<String, List<String>> groups, boolean types) throws IOException {
        String pkg = pkgOf(p.prefix);
        Map<String, List<String>> files = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            int part = 1;
            int lines = 0;
            String name = g.getKey();
            for (String rec : g.getValue()) {
                int l = (int) rec.lines().count() + 1;
                if (lines + l > MAX_LINES - 30 && lines > 0) {
                    part++;
                    lines = 0;
                    name = g.getKey() + part;
                }
                lines += l;
                files.computeIfAbsent(name, k -> new ArrayList<>()).add(rec);
            }
        }
        Pattern recName = Pattern.compile("public record (\\w+)\\(");
        for (Map.Entry<String, List<String>> f : files.entrySet()) {
            for (String rec : f.getValue()) {
                Matcher m = recName.matcher(rec);
                m.find();
                holderOf.put(m.group(1), pkg + "." + f.getKey());
            }
        }
        for (Map.Entry<String, List<String>> f : files.entrySet()) {
            String body = String.join("\n", f.getValue());
            Set<String> defined = new HashSet<>();
            Matcher m = recName.matcher(body);
            while (m.find()) {
                defined.add(m.group(1));
            }
            StringBuilder sb = new StringBuilder(header(pkg));
            Set<String> imports = new TreeSet<>();
            if (body.contains("List<") || body.contains("List.")) {
                imports.add("java.util.List");
            }
            if (body.contains("UUID")) {
                imports.add("java.util.UUID");
            }
            if (body.contains("Arrays.")) {
                imports.add("java.util.Arrays");
            }
            if (body.contains("Objects.")) {
                imports.add("java.util.Objects");
            }
            for (String cls : List.of("XdrReader", "XdrStruct", "XdrType", "XdrWriter")) {
                imports.add("org.jvirt.rpc.xdr." + cls);
            }
            Matcher ids = Pattern.compile("\\b((?:Remote|Qemu|Lxc|Admin)[A-Z]\\w*)\\b").matcher(body);
            while (ids.find()) {
                String id = ids.group(1);
                if (defined.contains(id)) {
                    continue;
                }
                if (id.equals("RemoteTypedParamValue")) {
                    if (!pkg.endsWith(".remote")) {
                        imports.add(BASE_PKG + ".remote.RemoteTypedParamValue");
                    }
                    continue;
                }
                String h = holderOf.get(id);
                if (h != null) {
                    imports.add(h + "." + id);
                }
            }
            for (String imp : imports) {
                if (imp.startsWith("java.")) {
                    sb.append("import ").append(imp).append(";\n");
                }
            }
            sb.append("\n");
            for (String imp : imports) {
                if (!imp.startsWith("java.")) {
                    sb.append("import ").append(imp).append(";\n");
                }
            }
            if (Pattern.compile("\\b(REMOTE|VIR|QEMU|LXC)_[A-Z_]+\\b").matcher(body).find()) {
                sb.append("\nimport static ").append(BASE_PKG).append(".remote.RemoteConstants.*;\n");
            }
            if (Pattern.compile("\\bADMIN_[A-Z_]+\\b").matcher(body).find()) {
                sb.append("\nimport static ").append(BASE_PKG).append(".admin.AdminConstants.*;\n");
            }
            String what = f.getKey().replaceAll("\\d+$", "").replaceAll("Types$", "").replaceAll("^(Qemu|Lxc|Admin)", "");
            sb.append("\n/**\n * Wire records of ").append(p.prefix).append("_protocol.x")
                    .append(what.isEmpty() ? "" : " (area: " + what + ")")
                    .append(", one per libvirt struct, each with its XDR codec.\n */\n");
            sb.append("public final class ").append(f.getKey()).append(" {\n\n    private ").append(f.getKey())
                    .append("() {\n    }\n\n").append(body).append("}\n");
            Path file = out.resolve(pkg.replace('.', '/')).resolve(f.getKey() + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb.toString());
            System.out.println("wrote " + file + " (" + sb.toString().lines().count() + " lines)");
        }
    }

    void writeConstants(Path out, Protocol p) throws IOException {
        String pkg = pkgOf(p.prefix);
        String cls = camel(p.prefix, true) + "Constants";
        StringBuilder sb = new StringBuilder(header(pkg));
        sb.append("/** The constants of ").append(xFile(p.prefix)).append(" (limits, program number, enums). */\n");
        sb.append("public final class ").append(cls).append(" {\n\n    private ").append(cls).append("() {\n    }\n");
        Set<String> external = new TreeSet<>();
        for (Map.Entry<String, String> c : p.consts.entrySet()) {
            String v = c.getValue();
            String comment = "";
            if (!v.matches("-?(0x[0-9a-fA-F]+|\\d+)")) {
                comment = " // " + v + " in libvirt's headers";
                v = String.valueOf(cconst.value(v));
            }
            sb.append("\n    public static final int ").append(c.getKey()).append(" = ").append(v).append(";")
                    .append(comment).append("\n");
        }
        for (Protocol q : protos) {
            for (StructDef s : q.structs.values()) {
                for (Decl d : s.fields()) {
                    if (d.size() != null && d.size().startsWith("VIR_")) {
                        external.add(d.size());
                    }
                }
            }
            for (Decl d : q.typedefs.values()) {
                if (d.size() != null && d.size().startsWith("VIR_") && !d.size().equals("VIR_UUID_BUFLEN")) {
                    external.add(d.size());
                }
            }
        }
        if (p.prefix.equals("remote")) {
            sb.append("\n    // From libvirt's public headers, used by the .x files.\n");
            for (String e : external) {
                sb.append("\n    public static final int ").append(e).append(" = ").append(cconst.value(e))
                        .append(";\n");
            }
        }
        for (Map.Entry<String, List<Member>> e : p.enums.entrySet()) {
            if (e.getKey().endsWith("_procedure")) {
                continue;
            }
            sb.append("\n    // enum ").append(e.getKey()).append("\n");
            for (Member m : e.getValue()) {
                sb.append("    public static final int ").append(m.name()).append(" = ").append(m.value())
                        .append(";\n");
            }
        }
        sb.append("}\n");
        Path file = out.resolve(pkg.replace('.', '/')).resolve(cls + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString());
    }

    void writeProcedures(Path out, Protocol p) throws IOException {
        String pkg = pkgOf(p.prefix);
        String progConst = p.prefix.toUpperCase(Locale.ROOT);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, List<String>> groupNames = new LinkedHashMap<>();
        for (Proc pr : p.procs) {
            String base = p.prefix + "_" + pr.name().toLowerCase(Locale.ROOT);
            String argsC = base + "_args";
            String retC = base + "_ret";
            String msgC = base + "_msg";
            // keepalive's PING and PONG are messages without a payload
            boolean message = structClass.containsKey(msgC) || p.prefix.equals("keepalive");
            String args = message ? structClass.get(msgC) : structClass.get(argsC);
            String ret = message ? null : structClass.get(retC);
            String a = args == null ? "Void" : args;
            String r = ret == null ? "Void" : ret;
            // a placeholder: writeProcHolder numbers each holder's codecs (see lazyCodecs)
            String aX = args == null ? "XdrType.VOID" : CODEC_MARK + args + CODEC_MARK;
            String rX = ret == null ? "XdrType.VOID" : CODEC_MARK + ret + CODEC_MARK;
            String constName = pr.name();
            StringBuilder sb = new StringBuilder();
            ApiFn fn = api.get(p.prefix + ":" + pr.name().replace("_", ""));
            sb.append("    /** {@code ").append(progConst).append("_PROC_").append(pr.name()).append(" = ")
                    .append(pr.number()).append("}");
            if (fn != null) {
                sb.append(": {@code ").append(fn.name()).append("}");
            }
            sb.append(". */\n");
            int firstNl = sb.indexOf("\n");
            if (firstNl > 120) {
                String line = sb.substring(0, firstNl);
                int cut = line.indexOf(": {@code vir");
                sb.replace(0, firstNl, line.substring(0, cut) + ":\n     * " + line.substring(cut + 2));
                sb.replace(0, 8, "    /**\n     * ");
                sb.insert(sb.indexOf(". */"), "");
                int end = sb.indexOf(". */");
                sb.replace(end, end + 4, ".\n     */");
            }
            // the type witnesses name the records: the lazy codecs carry no type the compiler could infer from
            if (message) {
                String decl = "    public static final Procedure<" + a + ", Void> " + constName + " =";
                if (decl.length() > 120) {
                    decl = "    public static final Procedure<" + a + ",\n            Void> " + constName + " =";
                }
                String callArgs = progConst + ", " + pr.number() + ", \"" + pr.name() + "\",";
                String witness = "            Procedure.<" + a + ">message(";
                if (witness.length() + callArgs.length() > 120) {
                    witness = witness + "\n                    ";
                }
                sb.append(decl).append("\n").append(witness).append(callArgs).append("\n                    ")
                        .append(aX).append(")");
            } else {
                String decl = "    public static final Procedure<" + a + ", " + r + "> " + constName + " =";
                if (decl.length() > 120) {
                    decl = "    public static final Procedure<" + a + ",\n            " + r + "> " + constName + " =";
                }
                String callArgs = progConst + ", " + pr.number() + ", \"" + pr.name() + "\",";
                String witness = "            Procedure.<" + a + ", " + r + ">call(";
                if (witness.length() + callArgs.length() > 120) {
                    witness = "            Procedure.<" + a + ",\n                    " + r + ">call(";
                }
                if (witness.length() - witness.lastIndexOf('\n') + callArgs.length() > 120) {
                    witness = witness + "\n                    ";
                }
                sb.append(decl).append("\n").append(witness).append(callArgs).append("\n")
                        .append("                    ").append(aX).append(", ").append(rX).append(")");
            }
            if (fn != null) {
                sb.append("\n                    .withApi(\"").append(fn.name()).append("\", ErrorDomain.")
                        .append(fn.domain()).append(")");
            }
            List<String> prio = pr.ann().getOrDefault("priority", List.of());
            if (prio.contains("high")) {
                sb.append("\n                    .withHighPriority()");
            }
            List<String> rs = pr.ann().get("readstream");
            List<String> ws = pr.ann().get("writestream");
            if (UNANNOTATED_WRITE_STREAMS.contains(p.prefix + ":" + pr.name())) {
                ws = List.of("hand-written");
            }
            if (rs != null || ws != null) {
                long sparse = 0;
                List<String> sf = pr.ann().get("sparseflag");
                if (sf != null) {
                    sparse = cconst.value(sf.get(0));
                }
                sb.append("\n                    .withStream(StreamDirection.").append(rs != null ? "READ" : "WRITE")
                        .append(", ").append(sparse).append(")");
            }
            if (fn != null && fn.readOnly() == 'D') {
                sb.append("\n                    .withReadOnlyDenied()");
            } else if (fn != null && fn.readOnly() == 'C') {
                sb.append(condition(pr, args));
            }
            sb.append(";\n");
            String area = p.prefix.equals("remote") ? area(pr.name().toLowerCase(Locale.ROOT)) : "";
            if (area.equals("Common")) {
                area = "Connect";
            }
            String holder = holderPrefix(p.prefix) + area + "Procedures";
            groups.computeIfAbsent(holder, k -> new ArrayList<>()).add(sb.toString());
            groupNames.computeIfAbsent(holder, k -> new ArrayList<>()).add(constName);
        }
        List<String> holders = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            List<String> entries = g.getValue();
            List<String> names = groupNames.get(g.getKey());
            int perFile = 130;
            for (int part = 0; part * perFile < entries.size(); part++) {
                String cls = g.getKey() + (part == 0 ? "" : String.valueOf(part + 1));
                holders.add(cls);
                List<String> es = entries.subList(part * perFile, Math.min(entries.size(), (part + 1) * perFile));
                List<String> ns = names.subList(part * perFile, Math.min(entries.size(), (part + 1) * perFile));
                writeProcHolder(out, p, pkg, cls, es, ns);
            }
        }
        // the aggregate
        String agg = camel(p.prefix, true) + "Procedures";
        if (holders.size() == 1 && holders.get(0).equals(agg)) {
            return;
        }
        StringBuilder sb = new StringBuilder(header(pkg));
        sb.append("import java.util.ArrayList;\nimport java.util.List;\n\nimport org.jvirt.rpc.Procedure;\n\n");
        sb.append("/** Every procedure of ").append(p.prefix).append("_protocol.x; the declarations live in the per-area classes. */\n");
        sb.append("public final class ").append(agg).append(" {\n\n    private ").append(agg)
                .append("() {\n    }\n\n");
        sb.append("    /** All procedures, in no particular order. */\n");
        sb.append("    public static List<Procedure<?, ?>> all() {\n");
        sb.append("        List<Procedure<?, ?>> all = new ArrayList<>();\n");
        for (String h : holders) {
            sb.append("        all.addAll(").append(h).append(".all());\n");
        }
        sb.append("        return List.copyOf(all);\n    }\n}\n");
        Files.writeString(out.resolve(pkg.replace('.', '/')).resolve(agg + ".java"), sb.toString());
    }

    /**
     * Procedures that open a stream although their .x declaration carries no stream annotation: their client
     * and server code is hand-written in libvirt (@generate: none) and creates the stream itself
     * (remoteDomainMigratePrepareTunnel3Params in src/remote/remote_driver.c).
     */
    static final Set<String> UNANNOTATED_WRITE_STREAMS = Set.of("remote:DOMAIN_MIGRATE_PREPARE_TUNNEL3_PARAMS");

    /** The read-only condition of a call whose API checks read-only access only for some arguments. */
    String condition(Proc pr, String argsClass) {
        long mask = 0;
        List<String> flagNames = new ArrayList<>();
        String param = null;
        long paramValue = 0;
        String paramConst = null;
        for (String acl : pr.ann().getOrDefault("acl", List.of())) {
            String[] parts = acl.split(":", -1);
            if (parts.length == 3 && (parts[1].equals("read_secure") || parts[1].equals("write"))) {
                for (String f : parts[2].split("\\|")) {
                    mask |= cconst.value(f);
                    flagNames.add(f);
                }
            } else if (parts.length == 5 && parts[1].equals("write")) {
                param = parts[3];
                paramConst = parts[4];
                paramValue = cconst.value(parts[4]);
            }
        }
        // (Object a) and a cast: a lambda typed on the record would load the record class with the table
        String a = "((" + argsClass + ") a)";
        if (param != null) {
            String indent = "\n                            ";
            return "\n                    .withReadOnlyDeniedWhen(" + indent + "(Object a) -> " + a + "."
                    + fieldName(param) + "() == " + paramValue + "," + indent + "\"" + param + " == " + paramConst
                    + "\")";
        }
        if (mask == 0) {
            throw new IllegalStateException(pr.name() + ": conditional read-only check without a flag annotation");
        }
        return "\n                    .withReadOnlyDeniedWhen(\n                            (Object a) -> (" + a
                + ".flags() & 0x" + Long.toHexString(mask) + ") != 0,\n                            \"flags & ("
                + String.join(" | ", flagNames) + ")\")";
    }

    /** Marks a record whose codec a procedure names, until writeProcHolder has numbered the holder's codecs. */
    static final String CODEC_MARK = "\u0000";

    /**
     * Replaces the codec placeholders of one holder's declarations by {@code CODECS.lazy(i)} and returns the
     * records in index order. Why lazy: naming {@code Record.XDR} here would initialise every record class when
     * the procedure table is built (~1 500 classes); the generated switch (codecsClass) loads one on first use.
     */
    static String lazyCodecs(String body, List<String> records) {
        Map<String, Integer> index = new LinkedHashMap<>();
        Matcher m = Pattern.compile(CODEC_MARK + "(\\w+)" + CODEC_MARK).matcher(body);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int i = index.computeIfAbsent(m.group(1), k -> index.size());
            m.appendReplacement(sb, "CODECS.lazy(" + i + ")");
        }
        m.appendTail(sb);
        records.addAll(index.keySet());
        return sb.toString();
    }

    /** The nested class that resolves a holder's codecs by index (see lazyCodecs). */
    static String codecsClass(List<String> records) {
        StringBuilder sb = new StringBuilder();
        sb.append("\n    /** Each procedure's codecs by number: a record class loads when its case first runs. */\n");
        sb.append("    private static final class Codecs implements XdrCodecs {\n\n");
        sb.append("        @Override\n        public XdrType<?> resolve(int index) {\n");
        sb.append("            return switch (index) {\n");
        for (int i = 0; i < records.size(); i++) {
            sb.append("                case ").append(i).append(" -> ").append(records.get(i)).append(".XDR;\n");
        }
        sb.append("                default -> throw new IndexOutOfBoundsException(index);\n");
        sb.append("            };\n        }\n    }\n");
        return sb.toString();
    }

    void writeProcHolder(Path out, Protocol p, String pkg, String cls, List<String> entries, List<String> names)
            throws IOException {
        List<String> records = new ArrayList<>();
        String body = lazyCodecs(String.join("\n", entries), records);
        StringBuilder sb = new StringBuilder(header(pkg));
        sb.append("import java.util.List;\n\n");
        Set<String> imports = new TreeSet<>();
        if (body.contains("ErrorDomain.")) {
            imports.add("org.jvirt.ErrorDomain");
        }
        imports.add("org.jvirt.rpc.Procedure");
        if (body.contains("StreamDirection.")) {
            imports.add("org.jvirt.rpc.Procedure.StreamDirection");
        }
        if (body.contains("XdrType.") || !records.isEmpty()) {
            imports.add("org.jvirt.rpc.xdr.XdrType");
        }
        if (!records.isEmpty()) {
            imports.add("org.jvirt.rpc.xdr.XdrCodecs");
        }
        Matcher ids = Pattern.compile("\\b((?:Remote|Qemu|Lxc|Admin)[A-Z]\\w*)\\b").matcher(body);
        while (ids.find()) {
            String h = holderOf.get(ids.group(1));
            if (h != null) {
                imports.add(h + "." + ids.group(1));
            }
        }
        for (String imp : imports) {
            sb.append("import ").append(imp).append(";\n");
        }
        sb.append("\nimport static org.jvirt.rpc.Program.").append(p.prefix.toUpperCase(Locale.ROOT)).append(";\n");
        String what = cls.replaceAll("\\d+$", "").replaceAll("Procedures$", "").replaceAll("^(Qemu|Lxc|Keepalive|Admin)", "");
        sb.append("\n/**\n * Procedure declarations of ").append(xFile(p.prefix))
                .append(what.isEmpty() ? "" : " (area: " + what + ")")
                .append(": number, name, argument and reply codecs,\n * priority, stream direction and read-only policy,"
                        + " derived from libvirt's annotations.\n */\n");
        sb.append("public final class ").append(cls).append(" {\n\n");
        if (!records.isEmpty()) {
            sb.append("    private static final XdrCodecs CODECS = new Codecs();\n\n");
        }
        sb.append("    private ").append(cls).append("() {\n    }\n\n").append(body);
        sb.append("\n    /** The procedures declared in this class. */\n");
        sb.append("    public static List<Procedure<?, ?>> all() {\n        return List.of(");
        int col = 200;
        for (int i = 0; i < names.size(); i++) {
            String item = names.get(i) + (i + 1 < names.size() ? "," : ");\n");
            if (col + 1 + item.length() > 118) {
                sb.append("\n                ");
                col = 16;
            } else {
                sb.append(" ");
                col++;
            }
            sb.append(item);
            col += item.length();
        }
        sb.append("    }\n");
        if (!records.isEmpty()) {
            sb.append(codecsClass(records));
        }
        sb.append("}\n");
        Path file = out.resolve(pkg.replace('.', '/')).resolve(cls + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString());
        System.out.println("wrote " + file + " (" + sb.toString().lines().count() + " lines)");
    }

    // ---------------------------------------------------------------------------------------------- main

    public static void main(String[] argv) throws IOException {
        if (argv.length != 2) {
            System.err.println("usage: java XdrGen.java <libvirt-source-dir> <jvirt-rpc/src/main/java>");
            System.exit(2);
        }
        Path lv = Path.of(argv[0]);
        Path out = Path.of(argv[1]);
        XdrGen gen = new XdrGen(new CConstants(lv.resolve("include/libvirt")), CSources.scanApi(lv.resolve("src")));
        gen.protos.add(XdrModel.parseFile(lv.resolve("src/remote/remote_protocol.x"), "remote"));
        gen.protos.add(XdrModel.parseFile(lv.resolve("src/remote/qemu_protocol.x"), "qemu"));
        gen.protos.add(XdrModel.parseFile(lv.resolve("src/remote/lxc_protocol.x"), "lxc"));
        gen.protos.add(XdrModel.parseFile(lv.resolve("src/rpc/virkeepaliveprotocol.x"), "keepalive"));
        gen.protos.add(XdrModel.parseFile(lv.resolve("src/admin/admin_protocol.x"), "admin"));
        gen.generate(out);
        int unmapped = 0;
        for (Protocol p : gen.protos) {
            for (Proc pr : p.procs) {
                if (!gen.api.containsKey(p.prefix + ":" + pr.name().replace("_", ""))) {
                    unmapped++;
                }
            }
        }
        System.out.println("procedures without a public API function: " + unmapped);
    }
}
