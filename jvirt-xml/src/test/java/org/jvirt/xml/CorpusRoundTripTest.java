package org.jvirt.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture survives parse → write → parse unchanged, and writing is idempotent. */
class CorpusRoundTripTest {

    static Stream<Arguments> fixtures() {
        return Stream.concat(Corpus.files("corpus").stream(), Corpus.files("lossless").stream())
                .map(p -> Arguments.of(Corpus.label(p), p));
    }

    @Test
    void corpusIsLargeEnough() {
        assertTrue(Corpus.files("corpus").size() >= 40, "corpus has " + Corpus.files("corpus").size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void roundTripIsStable(String label, Path file) {
        String original = Corpus.read(file);
        XmlDocument doc = Corpus.parseTyped(original);
        String written = doc.toXml();
        XmlDocument again = Corpus.parseTyped(written);

        assertEquals(DomEquality.canonical(XmlParser.defaults().parse(original).getDocumentElement()),
                DomEquality.canonical(again.element()), "semantic equality after a round trip");
        assertEquals(written, again.toXml(), "writing is idempotent");
        // our fixtures are written in libvirt's style, so nothing at all may change
        assertEquals(original, written, "byte-for-byte in libvirt style");
    }
}
