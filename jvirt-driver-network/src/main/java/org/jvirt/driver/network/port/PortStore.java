package org.jvirt.driver.network.port;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jvirt.driver.network.exec.AtomicFile;

/**
 * The ports of active networks on disk, as libvirt keeps them: runDir/network/ports-NETUUID/PORTUUID.xml, so
 * that a restarted driver knows which guests are plugged in. Ports go with the network's run.
 */
public final class PortStore {
    private final Path statusDir;

    public PortStore(Path statusDir) {
        this.statusDir = statusDir;
    }

    private Path dir(UUID net) {
        return statusDir.resolve("ports-" + net);
    }

    public void save(UUID net, PortDef port) {
        AtomicFile.write(dir(net).resolve(port.uuid() + ".xml"), port.toXml());
    }

    public void delete(UUID net, UUID port) {
        AtomicFile.delete(dir(net).resolve(port + ".xml"));
    }

    public void deleteAll(UUID net) {
        for (Path p : files(net)) {
            AtomicFile.delete(p);
        }
        AtomicFile.delete(dir(net));
    }

    public List<PortDef> load(UUID net) {
        List<PortDef> out = new ArrayList<>();
        for (Path p : files(net)) {
            try {
                out.add(PortDef.parse(Files.readString(p)));
            } catch (IOException | RuntimeException e) {
                System.getLogger(PortStore.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot load network port " + p + ": " + e.getMessage());
            }
        }
        return out;
    }

    private List<Path> files(UUID net) {
        Path d = dir(net);
        if (!Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
