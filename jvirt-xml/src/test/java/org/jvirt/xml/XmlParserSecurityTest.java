package org.jvirt.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.XmlException;
import org.jvirt.xml.domain.DomainXml;
import org.jvirt.xml.network.NetworkXml;
import org.junit.jupiter.api.Test;

/** Hostile and broken input: each is refused with a clear, libvirt-coded error and nothing is read or expanded. */
class XmlParserSecurityTest {

    @Test
    void billionLaughsIsRefused() {
        StringBuilder sb = new StringBuilder("<?xml version='1.0'?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        sb.append("]>\n<domain><name>&lol9;</name></domain>");
        VirtException e = assertThrows(XmlException.class, () -> DomainXml.parse(sb.toString()));
        assertEquals(ErrorNumber.XML_DETAIL, e.number());
        assertEquals(ErrorDomain.DOMAIN, e.errorDomain());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertTrue(e.getMessage().startsWith("(domain_definition):2:"), e.getMessage());
    }

    @Test
    void externalEntityIsNeverResolved() {
        String xxe = "<?xml version='1.0'?>\n<!DOCTYPE domain [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<domain type='kvm'><name>&xxe;</name></domain>";
        VirtException e = assertThrows(VirtException.class, () -> DomainXml.parse(xxe));
        assertEquals(ErrorNumber.XML_DETAIL, e.number());
        assertFalse(e.getMessage().contains("root:"), "no file content may leak");
    }

    @Test
    void externalDtdIsRefused() {
        String xml = "<!DOCTYPE domain SYSTEM \"http://127.0.0.1:1/evil.dtd\"><domain/>";
        VirtException e = assertThrows(VirtException.class, () -> XmlParser.defaults().parse(xml));
        assertEquals(ErrorNumber.XML_DETAIL, e.number());
    }

    @Test
    void hundredMegabyteStreamIsRefusedWithoutReadingItAll() {
        long size = 100L * 1024 * 1024;
        InputStream huge = new InputStream() {
            long served;

            @Override
            public int read() {
                if (served >= size) {
                    return -1;
                }
                return served++ == 0 ? '<' : 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = (int) Math.min(len, size - served);
                if (n <= 0) {
                    return -1;
                }
                java.util.Arrays.fill(b, off, off + n, (byte) 'a');
                served += n;
                return n;
            }
        };
        VirtException e = assertThrows(VirtException.class,
                () -> XmlParser.defaults().parse(huge, DocumentKind.DOMAIN));
        assertEquals(ErrorNumber.XML_ERROR, e.number(), e.getMessage());
        assertTrue(e.getMessage().contains("larger than the limit of 10485760 bytes"), e.getMessage());
    }

    @Test
    void oversizedStringIsRefusedAndLimitIsConfigurable() {
        String xml = "<domain><name>" + "x".repeat(2000) + "</name></domain>";
        XmlParser small = XmlParser.defaults().withMaxBytes(1024);
        assertThrows(VirtException.class, () -> small.parse(xml, DocumentKind.DOMAIN));
        assertEquals("domain", XmlParser.defaults().parse(xml, DocumentKind.DOMAIN).getDocumentElement().getTagName());
    }

    @Test
    void wrongRootElementUsesLibvirtsWording() {
        VirtException e = assertThrows(VirtException.class,
                () -> DomainXml.parse("<network><name>n</name></network>"));
        assertEquals(ErrorNumber.XML_ERROR, e.number());
        assertEquals(ErrorDomain.XML, e.errorDomain());
        assertEquals("XML error: expecting root element of 'domain', not 'network'", e.getMessage());
    }

    @Test
    void syntaxErrorNamesLineColumnElementAndShowsContext() {
        String xml = "<domain type='kvm'>\n  <name>x</name>\n  <devices>\n    <disk type='file'>\n  </devices>\n</domain>";
        VirtException e = assertThrows(VirtException.class, () -> DomainXml.parse(xml));
        assertEquals(ErrorNumber.XML_DETAIL, e.number());
        assertEquals(5, e.error().int1(), "line");
        assertTrue(e.error().int2() > 0, "column");
        String m = e.getMessage();
        assertTrue(m.startsWith("(domain_definition):5:"), m);
        assertTrue(m.contains("(in <domain>/<devices>/<disk>)"), m);
        assertTrue(m.contains("\n  </devices>\n"), m);
        assertTrue(m.endsWith("^"), m);
    }

    @Test
    void errorsOfOtherDocumentsUseTheirDomain() {
        VirtException e = assertThrows(VirtException.class, () -> NetworkXml.parse("<network><name>n</network>"));
        assertEquals(ErrorDomain.NETWORK, e.errorDomain());
        assertTrue(e.getMessage().startsWith("(network_definition):1:"), e.getMessage());
    }

    @Test
    void deepNestingIsRefused() {
        String xml = "<domain>" + "<a>".repeat(300) + "</a>".repeat(300) + "</domain>";
        VirtException e = assertThrows(VirtException.class, () -> XmlParser.defaults().parse(xml));
        assertTrue(e.getMessage().contains("nesting deeper than 256"), e.getMessage());
    }

    @Test
    void emptyAndGarbageInputAreErrors() {
        assertThrows(VirtException.class, () -> DomainXml.parse(""));
        assertThrows(VirtException.class, () -> DomainXml.parse("not xml at all"));
        assertThrows(VirtException.class, () -> DomainXml.parse("<domain><name>a</name></domain><extra/>"));
    }
}
