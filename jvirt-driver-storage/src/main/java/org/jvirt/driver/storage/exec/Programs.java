package org.jvirt.driver.storage.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;

/** Finds the storage programs as libvirt's virFindFileInPath does, plus the sbin directories root has. */
public final class Programs {

    private Programs() {
    }

    private static List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String p : path.split(":")) {
                if (!p.isEmpty()) {
                    dirs.add(Path.of(p));
                }
            }
        }
        for (String extra : new String[]{"/usr/sbin", "/sbin", "/usr/bin", "/bin"}) {
            dirs.add(Path.of(extra));
        }
        return dirs;
    }

    public static Optional<Path> find(String name) {
        for (Path d : searchPath()) {
            Path p = d.resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The program's path, or libvirt's error for a pool type whose tool is not installed, naming the program. */
    public static Path require(String name) {
        return find(name).orElseThrow(() -> VirtException.of(ErrorDomain.STORAGE, ErrorNumber.INTERNAL_ERROR,
                "Cannot find '%s' in path: No such file or directory", name));
    }
}
