package org.jvirt.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jvirt.Connect;
import org.jvirt.VirtException;

/**
 * The state of one jvirsh session (virsh's vshControl): output streams, the connection and how to make it,
 * and the error reporting that gives virsh its look: a command's own message first ("failed to get domain
 * 'x'"), then libvirt's error ("Domain not found: ..."), each on stderr after "error: ".
 */
public final class Shell {

    final PrintStream out;
    final PrintStream err;
    final CommandTable table;
    final Parser parser;
    String connname;
    boolean readonly;
    boolean quiet;
    boolean interactive;
    int debug = 4;
    String escape = "^]";
    /** The shell's standard input (console reads it) and whether it is a terminal. */
    java.io.InputStream in = java.io.InputStream.nullInputStream();
    boolean stdinTty;
    private Connect conn;
    /** Set by {@code quit}/{@code exit}: the interactive loop stops. */
    boolean quit;
    /** The working directory {@code cd} changes; relative file names are resolved against it. */
    Path cwd = Path.of("").toAbsolutePath();

    public Shell(CommandTable table, PrintStream out, PrintStream err) {
        this.table = table;
        this.out = out;
        this.err = err;
        this.parser = new Parser(this, table);
    }

    // ---- output -------------------------------------------------------------------------------------------

    void print(String fmt, Object... args) {
        out.print(args.length == 0 ? fmt : String.format(Locale.ROOT, fmt, args));
    }

    /** Output that {@code -q} silences (virsh's vshPrintExtra). */
    void printExtra(String fmt, Object... args) {
        if (!quiet) {
            print(fmt, args);
        }
    }

    void error(String fmt, Object... args) {
        out.flush();
        err.print("error: " + (args.length == 0 ? fmt : String.format(Locale.ROOT, fmt, args)) + "\n");
        err.flush();
    }

    /** Reports a command's own error and returns the exception that ends the command. */
    Failed fail(String fmt, Object... args) {
        error(fmt, args);
        return new Failed(null);
    }

    /** Reports a command's own error; libvirt's error {@code cause} is printed after it. */
    Failed fail(VirtException cause, String fmt, Object... args) {
        error(fmt, args);
        return new Failed(cause);
    }

    // ---- the connection -----------------------------------------------------------------------------------

    /** The open connection; commands without {@code noConnect} run only after {@link #connectIfNeeded}. */
    Connect conn() {
        return conn;
    }

    boolean connected() {
        return conn != null;
    }

    /** Opens the connection on first use, as virsh delays it until a command needs it. */
    boolean connectIfNeeded() {
        if (conn == null) {
            reconnect(null, false);
        }
        return conn != null;
    }

    /** virshReconnect: closes the current connection and opens {@code name} (or the current URI). */
    void reconnect(String name, boolean ro) {
        if (!ro && name == null) {
            ro = readonly;
        }
        close();
        String uri = name != null ? name : connname;
        try {
            conn = ro ? Connect.openReadOnly(uri) : Connect.open(uri);
        } catch (VirtException e) {
            throw fail(e, "failed to connect to the hypervisor");
        }
        if (name != null) {
            connname = name;
        }
        readonly = ro;
    }

    void close() {
        if (conn != null) {
            try {
                conn.close();
            } catch (RuntimeException e) {
                error("Failed to disconnect from the hypervisor");
            }
            conn = null;
        }
    }

    // ---- running commands ---------------------------------------------------------------------------------

    /** Runs parsed commands in order (vshCommandRun); the result is that of the last one. */
    boolean run(List<Invocation> cmds) {
        boolean ok = true;
        for (Invocation inv : cmds) {
            ok = runOne(inv);
            if (inv.def.name().equals("quit") || inv.def.name().equals("exit")) {
                return ok;
            }
            printExtra("\n");
        }
        return ok;
    }

    private boolean runOne(Invocation inv) {
        VirtException libvirtError = null;
        boolean ok;
        try {
            if (!inv.def.connectless() && !connectIfNeeded()) {
                return false;
            }
            ok = inv.def.handler().run(this, inv);
        } catch (Failed f) {
            ok = false;
            libvirtError = f.cause;
        } catch (VirtException e) {
            ok = false;
            libvirtError = e;
        } catch (Exception e) {
            ok = false;
            error("%s", String.valueOf(e.getMessage()));
        }
        if (!ok && libvirtError != null) {
            error("%s", libvirtError.getMessage());
        }
        return ok;
    }

    /** Parses and runs one line in string mode; false if parsing or the last command failed. */
    boolean runLine(String line) {
        List<Invocation> cmds;
        try {
            cmds = parser.parseString(line);
        } catch (Failed f) {
            return false;
        }
        return run(cmds);
    }

    // ---- files --------------------------------------------------------------------------------------------

    Path path(String name) {
        return cwd.resolve(name);
    }

    /** virFileReadAll with a size limit, as bytes (secret values are not text). */
    byte[] readFileBytes(String name, int max) {
        byte[] b;
        try {
            b = Files.readAllBytes(path(name));
        } catch (NoSuchFileException e) {
            throw fail("Failed to open file '%s': No such file or directory", name);
        } catch (AccessDeniedException e) {
            throw fail("Failed to open file '%s': Permission denied", name);
        } catch (IOException e) {
            if (Files.isDirectory(path(name))) {
                throw fail("Failed to read file '%s': Is a directory", name);
            }
            throw fail("Failed to read file '%s': %s", name, e.getMessage());
        }
        if (b.length > max) {
            java.util.Arrays.fill(b, (byte) 0);
            throw fail("File '%s' is too large", name);
        }
        return b;
    }

    /** Reads a file as libvirt's virFileReadAll does, with its error message on failure. */
    String readFile(String name) {
        try {
            return Files.readString(path(name));
        } catch (NoSuchFileException e) {
            throw fail("Failed to open file '%s': No such file or directory", name);
        } catch (AccessDeniedException e) {
            throw fail("Failed to open file '%s': Permission denied", name);
        } catch (IOException e) {
            if (Files.isDirectory(path(name))) {
                throw fail("Failed to read file '%s': Is a directory", name);
            }
            throw fail("Failed to read file '%s': %s", name, e.getMessage());
        }
    }
}
