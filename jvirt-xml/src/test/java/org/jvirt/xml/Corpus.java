package org.jvirt.xml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jvirt.xml.caps.CapabilitiesXml;
import org.jvirt.xml.caps.DomainCapabilitiesXml;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.iface.InterfaceXml;
import org.jvirt.xml.network.NetworkXml;
import org.jvirt.xml.nodedev.NodeDeviceXml;
import org.jvirt.xml.nwfilter.NwFilterBindingXml;
import org.jvirt.xml.nwfilter.NwFilterXml;
import org.jvirt.xml.secret.SecretXml;
import org.jvirt.xml.snapshot.DomainSnapshotXml;
import org.jvirt.xml.storage.StoragePoolXml;
import org.jvirt.xml.storage.StorageVolumeXml;

/** The test fixtures: corpus/ (schema-valid documents) and lossless/ (documents with unknown content). */
final class Corpus {
    private Corpus() {
    }

    static Path dir(String name) {
        try {
            return Path.of(Corpus.class.getResource("/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files(String name) {
        try (Stream<Path> s = Files.walk(dir(name))) {
            return s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The label a parameterized test shows: kind/file. */
    static String label(Path p) {
        return p.getParent().getFileName() + "/" + p.getFileName();
    }

    /** Parses with the typed entry point of the document's kind (by root element). */
    static XmlDocument parseTyped(String xml) {
        String root = XmlParser.defaults().parse(xml).getDocumentElement().getTagName();
        DocumentKind kind = DocumentKind.byRootElement(root);
        return switch (kind) {
            case DOMAIN -> DomainXml.parse(xml);
            case NETWORK -> NetworkXml.parse(xml);
            case STORAGE_POOL -> StoragePoolXml.parse(xml);
            case STORAGE_VOLUME -> StorageVolumeXml.parse(xml);
            case CAPABILITIES -> CapabilitiesXml.parse(xml);
            case DOMAIN_CAPABILITIES -> DomainCapabilitiesXml.parse(xml);
            case NODE_DEVICE -> NodeDeviceXml.parse(xml);
            case INTERFACE -> InterfaceXml.parse(xml);
            case SECRET -> SecretXml.parse(xml);
            case NWFILTER -> NwFilterXml.parse(xml);
            case NWFILTER_BINDING -> NwFilterBindingXml.parse(xml);
            case DOMAIN_SNAPSHOT -> DomainSnapshotXml.parse(xml);
            case DOMAIN_CHECKPOINT -> org.jvirt.xml.checkpoint.DomainCheckpointXml.parse(xml);
        };
    }
}
