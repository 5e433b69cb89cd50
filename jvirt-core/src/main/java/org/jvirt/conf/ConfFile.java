package org.jvirt.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/**
 * A configuration file in libvirt's format ({@code libvirt.conf}, {@code libvirtd.conf}): lines of
 * {@code name = value}, where a value is a quoted string ("..." or '...'), an integer, or a list {@code [v, v]}
 * that may span lines; {@code #} starts a comment. Syntax errors name the file and line, as libvirt's do.
 */
public final class ConfFile {

    private final String fileName;
    private final Map<String, ConfValue> values;

    private ConfFile(String fileName, Map<String, ConfValue> values) {
        this.fileName = fileName;
        this.values = Collections.unmodifiableMap(values);
    }

    public static ConfFile empty() {
        return new ConfFile("<none>", new LinkedHashMap<>());
    }

    public static ConfFile read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.CONF, ErrorNumber.SYSTEM_ERROR,
                    "Failed to open file '%s': %s", file, e.getMessage());
        }
    }

    public static ConfFile parse(String text, String fileName) {
        return new ConfFile(fileName, new Parser(text, fileName).parse());
    }

    public String fileName() {
        return fileName;
    }

    public Map<String, ConfValue> values() {
        return values;
    }

    public Optional<ConfValue> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A string setting; an integer where a string is expected is a type error, as in libvirt. */
    public Optional<String> getString(String name) {
        ConfValue v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof ConfValue.Str s) {
            return Optional.of(s.value());
        }
        throw typeError(name, "a string");
    }

    public Optional<Long> getLong(String name) {
        ConfValue v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof ConfValue.Int i) {
            return Optional.of(i.value());
        }
        throw typeError(name, "a number");
    }

    public Optional<Boolean> getBoolean(String name) {
        return getLong(name).map(v -> {
            if (v != 0 && v != 1) {
                throw VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                        "%s: value for '%s' parameter must be 0 or 1", fileName, name);
            }
            return v == 1;
        });
    }

    /** A list of strings; a single string is accepted as a list of one, as libvirt does. */
    public Optional<List<String>> getStringList(String name) {
        ConfValue v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof ConfValue.Str s) {
            return Optional.of(List.of(s.value()));
        }
        if (v instanceof ConfValue.ListValue l) {
            List<String> out = new ArrayList<>();
            for (ConfValue item : l.values()) {
                if (!(item instanceof ConfValue.Str s)) {
                    throw typeError(name, "a list of strings");
                }
                out.add(s.value());
            }
            return Optional.of(out);
        }
        throw typeError(name, "a list of strings");
    }

    private VirtException typeError(String name, String expected) {
        return VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX,
                "%s: expected %s for '%s' parameter", fileName, expected, name);
    }

    /** A hand-written recursive-descent parser: the grammar is tiny and its error messages must name lines. */
    private static final class Parser {
        private final String s;
        private final String file;
        private int pos;
        private int line = 1;

        Parser(String s, String file) {
            this.s = s;
            this.file = file;
        }

        Map<String, ConfValue> parse() {
            Map<String, ConfValue> out = new LinkedHashMap<>();
            while (true) {
                skipBlank(true);
                if (pos >= s.length()) {
                    return out;
                }
                String name = name();
                skipBlank(false);
                expect('=');
                skipBlank(false);
                ConfValue value = value();
                skipBlank(false);
                if (pos < s.length() && s.charAt(pos) == ';') {
                    pos++;
                    skipBlank(false);
                }
                if (pos < s.length() && s.charAt(pos) != '\n') {
                    throw error("expecting a separator");
                }
                out.put(name, value);
            }
        }

        private String name() {
            int start = pos;
            if (pos < s.length() && (Character.isLetter(s.charAt(pos)) || s.charAt(pos) == '_')) {
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
                        || s.charAt(pos) == '.')) {
                    pos++;
                }
            }
            if (start == pos) {
                throw error("expecting a name");
            }
            return s.substring(start, pos);
        }

        private ConfValue value() {
            if (pos >= s.length()) {
                throw error("expecting a value");
            }
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                return new ConfValue.Str(string(c));
            }
            if (c == '[') {
                pos++;
                List<ConfValue> items = new ArrayList<>();
                skipBlank(true);
                if (pos < s.length() && s.charAt(pos) == ']') {
                    pos++;
                    return new ConfValue.ListValue(items);
                }
                while (true) {
                    items.add(value());
                    skipBlank(true);
                    if (pos < s.length() && s.charAt(pos) == ',') {
                        pos++;
                        skipBlank(true);
                        if (pos < s.length() && s.charAt(pos) == ']') {
                            pos++;
                            return new ConfValue.ListValue(items);
                        }
                        continue;
                    }
                    if (pos < s.length() && s.charAt(pos) == ']') {
                        pos++;
                        return new ConfValue.ListValue(items);
                    }
                    throw error("list is not closed with ]");
                }
            }
            if (c == '-' || c == '+' || Character.isDigit(c)) {
                int start = pos++;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                try {
                    return new ConfValue.Int(Long.parseLong(s.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw error("unterminated number");
                }
            }
            throw error("expecting a value");
        }

        private String string(char quote) {
            pos++;
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != quote) {
                if (s.charAt(pos) == '\n') {
                    throw error("unterminated string");
                }
                pos++;
            }
            if (pos >= s.length()) {
                throw error("unterminated string");
            }
            return s.substring(start, pos++);
        }

        private void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expecting an assignment");
            }
            pos++;
        }

        /** Skips spaces and comments; newlines too when {@code newlines}. */
        private void skipBlank(boolean newlines) {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '#') {
                    while (pos < s.length() && s.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (c == '\n' && newlines) {
                    line++;
                    pos++;
                } else if (c == ' ' || c == '\t' || c == '\r') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private VirtException error(String what) {
            return VirtException.of(ErrorDomain.CONF, ErrorNumber.CONF_SYNTAX, "%s:%d: %s", file, line, what);
        }
    }
}
