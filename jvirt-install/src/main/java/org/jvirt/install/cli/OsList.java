package org.jvirt.install.cli;

import java.io.PrintStream;

import org.jvirt.install.os.OsCatalog;

/** {@code --osinfo list}: every OS's names, a line each, in virt-install's order, then its pointer to osinfo-query. */
final class OsList {
    private OsList() {
    }

    static void print(OsCatalog catalog, PrintStream out) {
        StringBuilder sb = new StringBuilder();
        for (OsCatalog.OsName os : catalog.list()) {
            sb.append(String.join(", ", os.allNames())).append('\n');
        }
        sb.append('\n');
        sb.append("You can see additional information with:\n\n  osinfo-query os\n\n");
        out.print(sb);
        out.flush();
    }
}
