package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import org.jvirt.ErrorNumber;
import org.jvirt.Secret;
import org.jvirt.SecretUsageType;
import org.jvirt.VirtException;
import org.jvirt.flags.ListSecretsFlag;
import org.jvirt.flags.SecretDefineFlag;

/** virsh's "Secret" group (help keyword 'secret'): the table first, then the handlers. */
final class SecretCommands {

    private SecretCommands() {
    }

    static Group group() {
        return new Group("Secret", "secret", List.of(
                cmd("secret-define", "define or modify a secret from an XML file",
                        "Define or modify a secret.",
                        SecretCommands::define,
                        Opt.data("file", "file containing secret attributes in XML").req().complete(Completer.FILE),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("secret-dumpxml", "secret attributes in XML",
                        "Output attributes of a secret as an XML dump to stdout.",
                        SecretCommands::dumpxml,
                        Opt.data("secret", "secret UUID").req().complete(Completer.SECRET),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("secret-event", "Secret Events",
                        "List event types, or wait for secret events to occur",
                        EventCommands::secretEvent,
                        Opt.string("secret", "filter by secret name or uuid").complete(Completer.SECRET),
                        Opt.string("event", "which event type to wait for").complete(Completer.SECRET_EVENT),
                        Opt.bool("loop", "loop until timeout or interrupt, rather than one-shot"),
                        Opt.integer("timeout", "timeout seconds"),
                        Opt.bool("list", "list valid event types"),
                        Opt.bool("timestamp", "show timestamp for each printed event")),
                cmd("secret-get-value", "Output a secret value",
                        "Output a secret value to stdout.",
                        SecretCommands::getValue,
                        Opt.data("secret", "secret UUID").req().complete(Completer.SECRET),
                        Opt.bool("plain", "get value without converting to base64")),
                cmd("secret-list", "list secrets",
                        "Returns a list of secrets",
                        SecretCommands::list,
                        Opt.bool("ephemeral", "list ephemeral secrets"),
                        Opt.bool("no-ephemeral", "list non-ephemeral secrets"),
                        Opt.bool("private", "list private secrets"),
                        Opt.bool("no-private", "list non-private secrets")),
                cmd("secret-set-value", "set a secret value",
                        "Set a secret value.",
                        SecretCommands::setValue,
                        Opt.data("secret", "secret UUID").req().complete(Completer.SECRET),
                        Opt.string("file", "read secret from file").named().complete(Completer.FILE),
                        Opt.bool("plain", "read the secret from file without converting from base64"),
                        Opt.bool("interactive", "read the secret from the terminal"),
                        Opt.string("base64", "base64-encoded secret value")),
                cmd("secret-undefine", "undefine a secret",
                        "Undefine a secret.",
                        SecretCommands::undefine,
                        Opt.data("secret", "secret UUID").req().complete(Completer.SECRET))));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    private static final String[] USAGE = {"none", "volume", "ceph", "iscsi", "tls", "vtpm"};

    static boolean define(Shell sh, Invocation cmd) {
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        Secret s;
        try {
            s = cmd.bool("validate") ? sh.conn().secretDefineXML(xml, SecretDefineFlag.VALIDATE)
                    : sh.conn().secretDefineXML(xml);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to set attributes from %s", from);
        }
        sh.printExtra("Secret %s created\n", s.getUUIDString());
        return true;
    }

    static boolean dumpxml(Shell sh, Invocation cmd) {
        Secret s = Lookup.secret(sh, cmd);
        return XPathOut.print(sh, s.getXMLDesc(), cmd.string("xpath"), cmd.bool("wrap"));
    }

    static boolean undefine(Shell sh, Invocation cmd) {
        String uuid = cmd.req("secret");
        Secret s = Lookup.secret(sh, cmd);
        try {
            s.undefine();
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to delete secret %s", uuid);
        }
        sh.printExtra("Secret %s deleted\n", uuid);
        return true;
    }

    static boolean setValue(Shell sh, Invocation cmd) {
        boolean plain = cmd.bool("plain");
        boolean interactive = cmd.bool("interactive");
        MonitorCommands.exclusive(sh, cmd, "file", "base64");
        MonitorCommands.exclusive(sh, cmd, "plain", "base64");
        MonitorCommands.exclusive(sh, cmd, "interactive", "base64");
        MonitorCommands.exclusive(sh, cmd, "interactive", "plain");
        MonitorCommands.exclusive(sh, cmd, "interactive", "file");
        Secret s = Lookup.secret(sh, cmd);
        String base64 = cmd.string("base64");
        String file = cmd.string("file");
        byte[] value;
        if (base64 != null) {
            sh.error("Passing secret value as command-line argument is insecure!");
            value = base64.getBytes(StandardCharsets.UTF_8);
        } else if (file != null) {
            value = sh.readFileBytes(file, 1024);
        } else if (interactive) {
            sh.print("%s", "Enter new value for secret:");
            sh.out.flush();
            java.io.Console console = System.console();
            char[] pw = console == null ? null : console.readPassword();
            if (pw == null) {
                throw sh.fail("Failed to read secret");
            }
            value = new String(pw).getBytes(StandardCharsets.UTF_8);
            Arrays.fill(pw, '\0');
            plain = true;
        } else {
            throw sh.fail("Input secret value is missing");
        }
        if (!plain) {
            byte[] encoded = value;
            value = decodeLeniently(encoded);
            Arrays.fill(encoded, (byte) 0);
        }
        try {
            s.setValue(value);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to set secret value");
        } finally {
            Arrays.fill(value, (byte) 0);
        }
        sh.printExtra("%s", "Secret value set\n");
        return true;
    }

    /** g_base64_decode: skips what is not base64 and stops at the padding, never fails. */
    static byte[] decodeLeniently(byte[] in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int acc = 0;
        int bits = 0;
        for (byte c : in) {
            int v;
            if (c >= 'A' && c <= 'Z') {
                v = c - 'A';
            } else if (c >= 'a' && c <= 'z') {
                v = c - 'a' + 26;
            } else if (c >= '0' && c <= '9') {
                v = c - '0' + 52;
            } else if (c == '+') {
                v = 62;
            } else if (c == '/') {
                v = 63;
            } else {
                continue;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out.write((acc >> bits) & 0xff);
            }
        }
        return out.toByteArray();
    }

    static boolean getValue(Shell sh, Invocation cmd) {
        boolean plain = cmd.bool("plain");
        Secret s = Lookup.secret(sh, cmd);
        byte[] value;
        try {
            value = s.getValue();
        } catch (VirtException e) {
            throw new Failed(e);
        }
        try {
            if (plain) {
                sh.out.write(value, 0, value.length);
                sh.out.flush();
            } else {
                sh.print("%s", Base64.getEncoder().encodeToString(value));
            }
        } finally {
            Arrays.fill(value, (byte) 0);
        }
        return true;
    }

    static boolean list(Shell sh, Invocation cmd) {
        EnumSet<ListSecretsFlag> f = EnumSet.noneOf(ListSecretsFlag.class);
        String[][] filters = {{"ephemeral", "EPHEMERAL"}, {"no-ephemeral", "NO_EPHEMERAL"}, {"private", "PRIVATE"},
            {"no-private", "NO_PRIVATE"}};
        for (String[] kv : filters) {
            if (cmd.bool(kv[0])) {
                f.add(ListSecretsFlag.valueOf(kv[1]));
            }
        }
        List<Secret> secrets;
        try {
            secrets = new ArrayList<>(sh.conn().listAllSecrets(f.toArray(new ListSecretsFlag[0])));
        } catch (VirtException e) {
            if (e.number() != ErrorNumber.NO_SUPPORT) {
                throw sh.fail(e, "Failed to list node secrets");
            }
            // virsh falls back to the old counting API, which cannot filter
            if (!f.isEmpty()) {
                throw sh.fail("Filtering is not supported by this libvirt");
            }
            secrets = new ArrayList<>();
            try {
                sh.conn().numOfSecrets();
            } catch (VirtException e2) {
                throw sh.fail(e2, "Failed to count secrets");
            }
            List<String> uuids;
            try {
                uuids = sh.conn().listSecrets();
            } catch (VirtException e2) {
                throw sh.fail(e2, "Failed to list secrets");
            }
            for (String u : uuids) {
                try {
                    secrets.add(sh.conn().secretLookupByUUIDString(u));
                } catch (VirtException e2) {
                    // gone meanwhile
                }
            }
        }
        secrets.sort((a, b) -> Strings.caseCompare(a.getUUIDString(), b.getUUIDString()));
        Table t = new Table("UUID", "Usage");
        for (Secret s : secrets) {
            SecretUsageType type = s.getUsageType();
            if (type == null || type == SecretUsageType.NONE) {
                t.row(s.getUUIDString(), "Unused");
            } else {
                int c = type.code();
                t.row(s.getUUIDString(), (c < USAGE.length ? USAGE[c] : "") + " " + s.getUsageID());
            }
        }
        t.print(sh);
        return true;
    }
}

