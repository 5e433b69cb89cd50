package org.jvirt.driver.qemu.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.Connect;
import org.jvirt.driver.qemu.testing.QemuTesting;

/**
 * jvirt's {@code domxml-to-native qemu-argv} against real libvirt 9.0's for the same domain XML, option by option,
 * on a private real libvirtd. Each argument is put in one canonical form first (JSON and key=value lists become
 * sorted key=value pairs; per-domain directories become {@code $DIR}), then the two lists are compared as
 * multisets. What remains is {@code native-diff/CASE.diff} ("- " only in libvirt's, "+ " only in jvirt's): the
 * test fails when a difference appears or goes away, and when a difference matches none of the reviewed reasons
 * in {@link #REASONS}. {@code JVIRT_REGENERATE=1} rewrites the .diff files.
 */
class NativeArgvDifferentialTest {

    private static final Path DIR = Path.of("src/test/resources/native-diff");
    private static final boolean REGENERATE = "1".equals(System.getenv("JVIRT_REGENERATE"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The reviewed differences: a pattern over a canonical "- " or "+ " line, and why it may differ. Kept short and
     * named, so that every remaining difference is a decision.
     */
    static final Map<Pattern, String> REASONS = new LinkedHashMap<>();

    static {
        reason("^- -object _=secret,.*id=masterKey0$", "libvirt's master key encrypts the secrets it hands QEMU; jvirt "
                + "gives each secret its own 0600 file, created only when a device needs one");
        reason("^- -machine _=pc-(i440fx|q35)-7\\.2,", "libvirt writes the canonical machine type (pc-i440fx-7.2) "
                + "and names its main RAM backend (memory-backend=pc.ram); jvirt passes the machine as written");
        reason("^\\+ -machine _=(pc|q35),", "see the libvirt -machine line; jvirt turns ACPI off with acpi=off "
                + "where libvirt 9.0 still uses the deprecated -no-acpi");
        reason("^- -no-acpi$", "libvirt 9.0's spelling of what jvirt writes as -machine acpi=off");
        reason("^- -object _=memory-backend-ram,id=pc.ram,", "libvirt's explicit main RAM backend object (see "
                + "-machine memory-backend=pc.ram); the guest RAM is the same size");
        reason("^- -cpu qemu64$", "libvirt names QEMU's default CPU model; jvirt leaves the default, the same model");
        reason("^- -overcommit mem-lock=off$", "libvirt states QEMU's default; jvirt leaves it");
        reason("^- -sandbox ", "libvirt turns on QEMU's seccomp sandbox (qemu.conf seccomp_sandbox); jvirt does not "
                + "yet: a hardening gap, listed");
        reason("^- -audiodev _=none,id=audio1$", "libvirt 9.0 gives every guest a 'none' audio backend and points VNC "
                + "at it; jvirt adds an audio backend only with a sound device");
        reason("^- -vnc _=127.0.0.1:7,audiodev=audio1$", "the same VNC display; libvirt adds audiodev= (see -audiodev)");
        reason("^\\+ -vnc 127.0.0.1:7$", "see the libvirt -vnc line");
        reason("^- -device _=(piix3-usb-uhci|virtio-balloon-pci|VGA|qemu-xhci),addr=",
                "libvirt writes every PCI address it assigned (addr=, and bus=pci.0 on pc); jvirt leaves QEMU to "
                + "assign the same first free slots on pc and names only the bus on q35");
        reason("^\\+ -device _=(piix3-usb-uhci|virtio-balloon-pci|VGA|qemu-xhci),", "see the libvirt line: "
                + "the same device without addr=");
        reason("^- -device _=VGA,.*vgamem_mb=16", "libvirt writes the VGA memory size, QEMU's default of 16 MiB");
        reason("^[-+] -device _=pcie-root-port,", "q35 root ports: libvirt numbers port= from 0x8 and packs them as "
                + "functions of slot 1 (multifunction=on) and adds one spare; jvirt numbers from 0x10, one per slot, "
                + "with one more spare. A guest moved between the two keeps its devices' buses, not these port "
                + "numbers: to be aligned (issue 14, PCI placement)");
        reason("^- -blockdev _=file,.*filename=\\$NVRAM,", "the NVRAM copy lives in each daemon's nvram directory "
                + "($NVRAM on both sides: only the directory differs)");
        reason("^[-+] -blockdev _=(file|qcow2|raw),.*node-name=(libvirt-[0-9]+-|file-|fmt-)", "disk node names: "
                + "libvirt's libvirt-N-storage/-format, jvirt's file-ALIAS/fmt-ALIAS (the block jobs find a disk's "
                + "root node through query-block, so names do not matter to them)");
        reason("^[-+] -device _=virtio-blk-pci,", "the disk's device names its format node (see -blockdev); "
                + "libvirt also writes its PCI address and bootindex=1 from the implied <boot dev='hd'/>, where jvirt "
                + "leaves the order to the firmware, which boots the first disk too: bootindex to be aligned");
    }

    private static void reason(String regex, String why) {
        REASONS.put(Pattern.compile(regex), why);
    }

    private static ReferenceLibvirtd libvirtd;
    private static DriverFixture fx;

    @BeforeAll
    static void start() throws Exception {
        QemuTesting.assumeQemu();
        libvirtd = ReferenceLibvirtd.start();
        fx = new DriverFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        if (libvirtd != null) {
            libvirtd.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void plain() throws Exception {
        compare("plain");
    }

    @Test
    void q35Uefi() throws Exception {
        compare("q35-uefi");
    }

    /**
     * A disk only: libvirt's domxml-to-native creates a real tap for any NIC (even type='user', which it turns into
     * an ethernet NIC), which an unprivileged reference libvirtd cannot do here.
     */
    @Test
    void virtioDisk() throws Exception {
        compare("virtio-disk");
    }

    @Test
    void serialConsole() throws Exception {
        compare("serial-console");
    }

    @Test
    void vnc() throws Exception {
        compare("vnc");
    }

    private void compare(String name) throws Exception {
        Path xml = DIR.resolve(name + ".xml");
        String theirs = libvirtd.virsh("domxml-to-native", "qemu-argv", xml.toString()).strip();
        String ours;
        try (Connect c = fx.open()) {
            ours = c.domainXMLToNative("qemu-argv", Files.readString(xml)).strip();
        }
        List<String> a = canonical(theirs);
        List<String> b = canonical(ours);
        List<String> diff = new ArrayList<>();
        List<String> onlyB = new ArrayList<>(b);
        for (String s : a) {
            if (!onlyB.remove(s)) {
                diff.add("- " + s);
            }
        }
        for (String s : onlyB) {
            diff.add("+ " + s);
        }
        List<String> unexplained = diff.stream()
                .filter(l -> REASONS.keySet().stream().noneMatch(p -> p.matcher(l).find())).toList();
        Path golden = DIR.resolve(name + ".diff");
        if (REGENERATE) {
            Files.write(golden, diff);
        }
        if (!unexplained.isEmpty()) {
            fail("differences nobody reviewed for " + name + ":\n" + String.join("\n", unexplained)
                    + "\n\nlibvirt: " + theirs + "\n\njvirt: " + ours);
        }
        List<String> want = Files.exists(golden) ? Files.readAllLines(golden) : List.of();
        assertEquals(String.join("\n", want), String.join("\n", diff), "the differences for " + name + " changed");
    }

    /** The arguments after the binary, each option with its value in one canonical string. */
    static List<String> canonical(String cmdline) throws IOException {
        List<String> words = shellWords(cmdline);
        int i = 0;
        while (i < words.size() && !words.get(i).startsWith("/")) {
            i++; // the environment
        }
        i++; // the binary
        List<String> out = new ArrayList<>();
        while (i < words.size()) {
            String opt = words.get(i++);
            if (i < words.size() && !words.get(i).startsWith("-")) {
                out.add(opt + " " + value(words.get(i++)));
            } else {
                out.add(opt);
            }
        }
        return out;
    }

    private static String value(String v) throws IOException {
        Map<String, String> kv = new TreeMap<>();
        if (v.startsWith("{")) {
            flatten("", JSON.readTree(v), kv);
            String type = kv.remove("driver");
            if (type == null) {
                type = kv.remove("qom-type");
            }
            if (type == null) {
                type = kv.remove("type");
            }
            if (type != null) {
                kv.put("_", type);
            }
        } else if (v.contains("=") || v.contains(",")) {
            // key=value lists; the device/backend kind is the implied first key, or driver=/qom-type=/type=
            boolean first = true;
            for (String part : v.split(",(?!,)")) {
                int eq = part.indexOf('=');
                if (eq < 0 && first) {
                    kv.put("_", part);
                } else if (eq < 0) {
                    kv.put(part, "on");
                } else {
                    kv.put(part.substring(0, eq), norm(part.substring(eq + 1)));
                }
                first = false;
            }
            for (String k : List.of("driver", "qom-type", "type")) {
                if (!kv.containsKey("_") && kv.containsKey(k)) {
                    kv.put("_", kv.remove(k));
                }
            }
        } else {
            return dirs(v);
        }
        StringBuilder b = new StringBuilder();
        if (kv.containsKey("_")) {
            b.append("_=").append(kv.remove("_"));
        }
        for (var e : kv.entrySet()) {
            b.append(b.isEmpty() ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
        }
        return dirs(b.toString());
    }

    private static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, norm(n.asText()));
        }
    }

    private static String norm(String v) {
        return switch (v) {
            case "true", "on" -> "on";
            case "false", "off" -> "off";
            default -> v;
        };
    }

    /** Each daemon's per-domain directories as $DIR. */
    private static String dirs(String s) {
        s = s.replaceAll("/[^,=]*_VARS\\.fd", "\\$NVRAM");
        return s.replaceAll("/[^,=]*/(domain-[^/,]*|jvq-[^/,]*)(/[^,]*)?", "\\$DIR");
    }

    /** Splits a POSIX shell command line as libvirt's virCommandToString quotes it (single quotes only). */
    static List<String> shellWords(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                w.append(s, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
                inWord = true;
            } else if (c == ' ' || c == '\n') {
                if (inWord) {
                    out.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            out.add(w.toString());
        }
        return out;
    }
}
