package org.jvirt.xml;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import org.jvirt.VirtException;

/**
 * Fuzzing of every XML document kind's typed parser, as a client's define reaches it: corpus documents of the
 * kind, mutated (bytes flipped, ranges cut, duplicated or moved, markup and hostile constructs spliced in), go
 * through {@code parse} and, when accepted, {@code toXml} and a second parse. The only failure allowed is a
 * VirtException. One property per kind, so {@code scripts/fuzz-campaign.sh} gives each its own count of
 * inputs (jqwik's {@code jqwik.tries.default}; a short run in CI).
 */
class XmlFuzzTest {

    private static final Map<DocumentKind, List<String>> SEEDS = seeds();

    private static final String[] SPLICES = {
        "<", ">", "</", "/>", "&", "&amp;", "&#0;", "&#x110000;", "<![CDATA[", "]]>", "<!--", "-->", "'", "\"",
        "<?xml version='1.0'?>", "<!DOCTYPE x [<!ENTITY e \"eee\">]>", "&e;", "\u0000", "\uFFFE", "\uD800",
        "=", " a='1'", " xmlns:x='urn:x'", "<x:y/>", "99999999999999999999", "-1", "0x", "1e999", "NaN",
        "<unit>", "</unit>", "<memory unit='TiB'>18446744073709551615</memory>", "<uuid>zz</uuid>",
        "<mac address='zz'/>", "<source file='../../etc/shadow'/>", "<name>../x</name>", "<name></name>",
        "<target dev='vda' bus='virtio'/>", "<address type='pci' domain='0x10000'/>", "<vcpu>-5</vcpu>",
        "<ip address='1.2.3.999' prefix='99'/>", "<bandwidth><inbound average='-1'/></bandwidth>",
        "<capacity unit='YiB'>1</capacity>", "<usage type='volume'><volume/></usage>",
    };

    private static Map<DocumentKind, List<String>> seeds() {
        Map<DocumentKind, List<String>> m = new EnumMap<>(DocumentKind.class);
        List<Path> files = new ArrayList<>(Corpus.files("corpus"));
        files.addAll(Corpus.files("lossless"));
        for (Path p : files) {
            String xml = Corpus.read(p);
            String root = XmlParser.defaults().parse(xml).getDocumentElement().getTagName();
            m.computeIfAbsent(DocumentKind.byRootElement(root), k -> new ArrayList<>()).add(xml);
        }
        for (DocumentKind k : DocumentKind.values()) {
            m.computeIfAbsent(k, x -> new ArrayList<>()).add("<" + k.rootElement() + "/>");
        }
        return m;
    }

    /** A seed of the kind with 1..8 random mutations. */
    static String mutate(DocumentKind kind, long seed) {
        Random r = new Random(seed);
        List<String> s = SEEDS.get(kind);
        StringBuilder b = new StringBuilder(s.get(r.nextInt(s.size())));
        int n = 1 + r.nextInt(8);
        for (int i = 0; i < n && b.length() > 0; i++) {
            int at = r.nextInt(b.length());
            int len = Math.min(b.length() - at, 1 + r.nextInt(40));
            switch (r.nextInt(7)) {
                case 0 -> b.setCharAt(at, (char) r.nextInt(0x80));
                case 1 -> b.delete(at, at + len);
                case 2 -> b.insert(at, b.substring(at, at + len));
                case 3 -> b.insert(at, SPLICES[r.nextInt(SPLICES.length)]);
                case 4 -> {
                    String cut = b.substring(at, at + len);
                    b.delete(at, at + len);
                    b.insert(r.nextInt(b.length() + 1), cut);
                }
                case 5 -> b.setCharAt(at, (char) ('0' + r.nextInt(10)));
                default -> {
                    // a value replaced: numbers, units and enum words are what typed accessors parse
                    int q = b.indexOf("'", at);
                    int q2 = q < 0 ? -1 : b.indexOf("'", q + 1);
                    if (q2 > q) {
                        b.replace(q + 1, q2, SPLICES[r.nextInt(SPLICES.length)]);
                    }
                }
            }
        }
        return b.toString();
    }

    static void check(DocumentKind kind, String xml) {
        XmlDocument doc;
        try {
            doc = parse(kind, xml);
        } catch (VirtException expected) {
            return;
        }
        String written;
        try {
            written = doc.toXml();
        } catch (VirtException expected) {
            return;
        }
        try {
            parse(kind, written);
        } catch (VirtException expected) {
            // what we wrote from a lenient parse may be refused strictly: still only a VirtException
        }
    }

    static XmlDocument parse(DocumentKind kind, String xml) {
        return switch (kind) {
            case DOMAIN -> org.jvirt.xml.domain.DomainXml.parse(xml);
            case NETWORK -> org.jvirt.xml.network.NetworkXml.parse(xml);
            case STORAGE_POOL -> org.jvirt.xml.storage.StoragePoolXml.parse(xml);
            case STORAGE_VOLUME -> org.jvirt.xml.storage.StorageVolumeXml.parse(xml);
            case CAPABILITIES -> org.jvirt.xml.caps.CapabilitiesXml.parse(xml);
            case DOMAIN_CAPABILITIES -> org.jvirt.xml.caps.DomainCapabilitiesXml.parse(xml);
            case NODE_DEVICE -> org.jvirt.xml.nodedev.NodeDeviceXml.parse(xml);
            case INTERFACE -> org.jvirt.xml.iface.InterfaceXml.parse(xml);
            case SECRET -> org.jvirt.xml.secret.SecretXml.parse(xml);
            case NWFILTER -> org.jvirt.xml.nwfilter.NwFilterXml.parse(xml);
            case NWFILTER_BINDING -> org.jvirt.xml.nwfilter.NwFilterBindingXml.parse(xml);
            case DOMAIN_SNAPSHOT -> org.jvirt.xml.snapshot.DomainSnapshotXml.parse(xml);
            case DOMAIN_CHECKPOINT -> org.jvirt.xml.checkpoint.DomainCheckpointXml.parse(xml);
        };
    }

    @Property
    void domain(@ForAll long seed) {
        check(DocumentKind.DOMAIN, mutate(DocumentKind.DOMAIN, seed));
    }

    @Property
    void network(@ForAll long seed) {
        check(DocumentKind.NETWORK, mutate(DocumentKind.NETWORK, seed));
    }

    @Property
    void storagePool(@ForAll long seed) {
        check(DocumentKind.STORAGE_POOL, mutate(DocumentKind.STORAGE_POOL, seed));
    }

    @Property
    void storageVolume(@ForAll long seed) {
        check(DocumentKind.STORAGE_VOLUME, mutate(DocumentKind.STORAGE_VOLUME, seed));
    }

    @Property
    void capabilities(@ForAll long seed) {
        check(DocumentKind.CAPABILITIES, mutate(DocumentKind.CAPABILITIES, seed));
    }

    @Property
    void domainCapabilities(@ForAll long seed) {
        check(DocumentKind.DOMAIN_CAPABILITIES, mutate(DocumentKind.DOMAIN_CAPABILITIES, seed));
    }

    @Property
    void nodeDevice(@ForAll long seed) {
        check(DocumentKind.NODE_DEVICE, mutate(DocumentKind.NODE_DEVICE, seed));
    }

    @Property
    void hostInterface(@ForAll long seed) {
        check(DocumentKind.INTERFACE, mutate(DocumentKind.INTERFACE, seed));
    }

    @Property
    void secret(@ForAll long seed) {
        check(DocumentKind.SECRET, mutate(DocumentKind.SECRET, seed));
    }

    @Property
    void nwfilter(@ForAll long seed) {
        check(DocumentKind.NWFILTER, mutate(DocumentKind.NWFILTER, seed));
    }

    @Property
    void nwfilterBinding(@ForAll long seed) {
        check(DocumentKind.NWFILTER_BINDING, mutate(DocumentKind.NWFILTER_BINDING, seed));
    }

    @Property
    void domainSnapshot(@ForAll long seed) {
        check(DocumentKind.DOMAIN_SNAPSHOT, mutate(DocumentKind.DOMAIN_SNAPSHOT, seed));
    }

    @Property
    void domainCheckpoint(@ForAll long seed) {
        check(DocumentKind.DOMAIN_CHECKPOINT, mutate(DocumentKind.DOMAIN_CHECKPOINT, seed));
    }

    @Property
    void randomBytesAsDomain(@ForAll byte[] bytes) {
        check(DocumentKind.DOMAIN, new String(bytes, StandardCharsets.UTF_8));
    }
}
