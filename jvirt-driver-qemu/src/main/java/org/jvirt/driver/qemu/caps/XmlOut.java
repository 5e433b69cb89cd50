package org.jvirt.driver.qemu.caps;

/** Writes indented XML the way libvirt formats its documents (two spaces, single-quoted attributes). */
final class XmlOut {

    private final StringBuilder sb = new StringBuilder();
    private int depth;

    XmlOut open(String name, String... attrs) {
        indent().append('<').append(name);
        attrs(attrs);
        sb.append(">\n");
        depth++;
        return this;
    }

    XmlOut close(String name) {
        depth--;
        indent().append("</").append(name).append(">\n");
        return this;
    }

    XmlOut empty(String name, String... attrs) {
        indent().append('<').append(name);
        attrs(attrs);
        sb.append("/>\n");
        return this;
    }

    XmlOut text(String name, Object text, String... attrs) {
        indent().append('<').append(name);
        attrs(attrs);
        sb.append('>').append(escape(String.valueOf(text))).append("</").append(name).append(">\n");
        return this;
    }

    XmlOut comment(String text) {
        indent().append("<!-- ").append(text.replace("--", "- -")).append(" -->\n");
        return this;
    }

    /** {@code <enum name='N'><value>..</value>...</enum>} as in domain capabilities. */
    XmlOut enumOf(String name, Iterable<String> values) {
        open("enum", "name", name);
        for (String v : values) {
            text("value", v);
        }
        return close("enum");
    }

    private void attrs(String[] attrs) {
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                sb.append(' ').append(attrs[i]).append("='").append(escape(attrs[i + 1])).append('\'');
            }
        }
    }

    private StringBuilder indent() {
        return sb.append("  ".repeat(depth));
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\'' -> b.append("&apos;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
