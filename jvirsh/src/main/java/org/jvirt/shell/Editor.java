package org.jvirt.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvirt.VirtException;

/**
 * The {@code edit} commands (virsh-edit.c): the XML goes to a temporary file, $VISUAL or $EDITOR (else vi)
 * runs on it, and the result is defined again. Nothing is defined when the text did not change; when the new
 * definition is refused, the error is reported and the object keeps its original definition.
 */
final class Editor {

    @FunctionalInterface
    interface Define {
        /** Defines the edited XML; returns the object's name. */
        String apply(String xml);
    }

    private Editor() {
    }

    static boolean edit(Shell sh, String orig, String kind, String name, Define define, String unchanged,
                        String edited) {
        String newName = run(sh, orig, define, false);
        if (newName == null) {
            sh.printExtra(unchanged, name);
            return true;
        }
        if (edited != null) {
            sh.printExtra(edited, newName);
        }
        return true;
    }

    /** As {@link #edit}, but defines the document even when it did not change; returns the defined name. */
    static String editAlways(Shell sh, String orig, Define define) {
        return run(sh, orig, define, true);
    }

    /** Edits and defines; returns the defined object's name, or null when the text did not change. */
    private static String run(Shell sh, String orig, Define define, boolean evenUnchanged) {
        String now = editText(sh, orig);
        if (now.equals(orig) && !evenUnchanged) {
            return null;
        }
        try {
            return define.apply(now);
        } catch (VirtException e) {
            // the original definition stays in place: nothing was defined
            throw sh.fail(e, "Failed. Your changes were not saved");
        }
    }

    /**
     * vshEditWriteToTempFile, vshEditFile, vshEditReadBackFile: {@code orig} in a temporary file, the editor run
     * on it, and what it holds afterwards (desc --edit and metadata --edit use this alone).
     */
    static String editText(Shell sh, String orig) {
        Path tmp;
        try {
            tmp = Files.createTempFile("jvirsh", ".xml");
            Files.writeString(tmp, orig);
        } catch (IOException e) {
            throw sh.fail("g_mkstemp_full: failed to create temporary file: %s", e.getMessage());
        }
        try {
            String editor = System.getenv("VISUAL");
            if (editor == null || editor.isEmpty()) {
                editor = System.getenv("EDITOR");
            }
            if (editor == null || editor.isEmpty()) {
                editor = "vi";
            }
            int rc;
            try {
                // $EDITOR is a command line of the user's (virsh runs it through the shell too)
                Process p = new ProcessBuilder("/bin/sh", "-c", editor + " " + tmp).inheritIO().start();
                rc = p.waitFor();
            } catch (IOException | InterruptedException e) {
                throw sh.fail("%s: %s", editor, e.getMessage());
            }
            if (rc != 0) {
                throw sh.fail("%s %s: command failed (exit status %d)", editor, tmp, rc);
            }
            try {
                return Files.readString(tmp);
            } catch (IOException e) {
                throw sh.fail("%s: failed to read temporary file: %s", tmp, e.getMessage());
            }
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // a stale temporary file is harmless
            }
        }
    }
}
