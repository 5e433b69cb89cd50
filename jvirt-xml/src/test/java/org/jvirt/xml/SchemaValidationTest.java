package org.jvirt.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.xml.domain.DomainXml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus and everything our builders write validate against libvirt's RelaxNG schemas. */
class SchemaValidationTest {
    private static final SchemaValidator VALIDATOR = SchemaValidator.system();

    @BeforeAll
    static void schemasInstalled() {
        assumeTrue(VALIDATOR.available(), "libvirt schemas not installed in " + VALIDATOR.directory());
    }

    static Stream<Arguments> corpus() {
        return Corpus.files("corpus").stream().map(p -> Arguments.of(Corpus.label(p), p));
    }

    static Stream<Arguments> built() {
        return Builders.all().stream().map(d -> Arguments.of(d.kind() + " " + d.element().getTagName(), d));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusDocumentValidates(String label, Path file) {
        XmlDocument doc = Corpus.parseTyped(Corpus.read(file));
        doc.validate(VALIDATOR);
        // and what we write back validates too
        VALIDATOR.validate(doc.toXml(), doc.kind().schemaFile());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("built")
    void builtDocumentValidates(String label, XmlDocument doc) {
        doc.validate(VALIDATOR);
    }

    @Test
    void invalidDocumentIsReportedWithLibvirtsCode() {
        DomainXml d = DomainXml.create("kvm", "bad");
        d.element().setAttribute("type", "no-such-hypervisor");
        VirtException e = assertThrows(VirtException.class, () -> d.validate(VALIDATOR));
        assertEquals(ErrorNumber.XML_INVALID_SCHEMA, e.number());
        assertEquals(ErrorDomain.XML, e.errorDomain());
        assertTrue(e.getMessage().startsWith("XML document failed to validate against schema: Unable to validate doc against"),
                e.getMessage());
    }
}
