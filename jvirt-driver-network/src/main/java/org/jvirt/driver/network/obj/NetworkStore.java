package org.jvirt.driver.network.obj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.network.exec.AtomicFile;
import org.jvirt.spi.HostScope;
import org.jvirt.xml.network.NetworkXml;

/**
 * Where a scope keeps its networks on disk, as libvirt's network driver: persistent configs in
 * configDir/network/NAME.xml, autostart links in configDir/network/autostart, status of active networks in
 * runDir/network/NAME.xml, dnsmasq's files in stateDir/network/dnsmasq.
 */
public final class NetworkStore {
    private final Path configDir;
    private final Path autostartDir;
    private final Path statusDir;
    private final Path dnsmasqDir;

    public NetworkStore(HostScope scope) {
        this.configDir = scope.configDir().resolve("network");
        this.autostartDir = configDir.resolve("autostart");
        this.statusDir = scope.runDir().resolve("network");
        this.dnsmasqDir = scope.stateDir().resolve("network").resolve("dnsmasq");
    }

    public Path configDir() {
        return configDir;
    }

    public Path statusDir() {
        return statusDir;
    }

    public Path dnsmasqDir() {
        return dnsmasqDir;
    }

    /** Whether this scope has never had a network config directory (a first start). */
    public boolean fresh() {
        return !Files.isDirectory(configDir);
    }

    /** A name is a file name here: it must not walk out of the directory. */
    public static void checkName(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..") || name.indexOf('\0') >= 0) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.XML_ERROR, "name %s cannot contain '/'", name);
        }
    }

    public void saveConfig(NetworkXml def) {
        checkName(def.name());
        AtomicFile.write(configDir.resolve(def.name() + ".xml"), def.toXml());
    }

    public void deleteConfig(String name) {
        checkName(name);
        setAutostart(name, false);
        AtomicFile.delete(configDir.resolve(name + ".xml"));
    }

    public void setAutostart(String name, boolean on) {
        checkName(name);
        Path link = autostartDir.resolve(name + ".xml");
        try {
            if (on) {
                Files.createDirectories(autostartDir);
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, configDir.resolve(name + ".xml"));
                }
            } else {
                Files.deleteIfExists(link);
            }
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.NETWORK, ErrorNumber.SYSTEM_ERROR,
                    "Failed to %s autostart link '%s': %s", on ? "create symlink" : "delete", link, e.getMessage());
        }
    }

    public boolean autostart(String name) {
        return Files.exists(autostartDir.resolve(name + ".xml"), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** Every persistent config; a file that does not parse is skipped with a warning, as libvirt does. */
    public List<NetworkXml> loadConfigs() {
        return load(configDir, "<network");
    }

    public void saveStatus(NetworkXml live, RunState run) {
        AtomicFile.write(statusDir.resolve(live.name() + ".xml"), RunState.statusXml(live, run));
    }

    public void deleteStatus(String name) {
        AtomicFile.delete(statusDir.resolve(name + ".xml"));
    }

    /** Status files of networks that were active when the last driver let go. */
    public List<RunState.Status> loadStatus() {
        List<RunState.Status> out = new ArrayList<>();
        for (Path f : xmlFiles(statusDir)) {
            try {
                out.add(RunState.parseStatus(Files.readString(f)));
            } catch (IOException | RuntimeException e) {
                warn("cannot read network status " + f + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static List<NetworkXml> load(Path dir, String marker) {
        List<NetworkXml> out = new ArrayList<>();
        for (Path f : xmlFiles(dir)) {
            try {
                out.add(NetworkXml.parse(Files.readString(f)));
            } catch (IOException | RuntimeException e) {
                warn("cannot load network config " + f + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static List<Path> xmlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".xml") && Files.isRegularFile(p)).sorted()
                    .toList();
        } catch (IOException e) {
            warn("cannot list " + dir + ": " + e.getMessage());
            return List.of();
        }
    }

    private static void warn(String msg) {
        System.getLogger(NetworkStore.class.getName()).log(System.Logger.Level.WARNING, msg);
    }
}
