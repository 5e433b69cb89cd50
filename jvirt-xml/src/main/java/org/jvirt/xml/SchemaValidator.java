package org.jvirt.xml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.IncorrectSchemaException;
import com.thaiopensource.validate.Schema;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.Validator;
import com.thaiopensource.validate.rng.SAXSchemaReader;

/**
 * Validates documents against libvirt's RelaxNG schemas with Jing, as {@code virsh define --validate} does.
 * Optional: callers that want it create one (schemas are compiled once per file and cached; validation itself
 * is thread-safe).
 *
 * <p>Failures are libvirt's {@code VIR_ERR_XML_INVALID_SCHEMA} in domain XML, worded
 * "Unable to validate doc against SCHEMA" followed by the schema errors, one per line.
 */
public final class SchemaValidator {
    /** Where Debian's libvirt packages install the schemas. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/libvirt/schemas");

    private final Path directory;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    public SchemaValidator(Path directory) {
        this.directory = directory;
    }

    /** A validator over {@link #DEFAULT_DIRECTORY}. */
    public static SchemaValidator system() {
        return new SchemaValidator(DEFAULT_DIRECTORY);
    }

    /** Whether the schema directory exists on this machine. */
    public boolean available() {
        return Files.isDirectory(directory);
    }

    public Path directory() {
        return directory;
    }

    public void validate(XmlDocument doc) {
        validate(doc.toXml(), doc.kind().schemaFile());
    }

    /** Validates text against {@code schemaFile} (e.g. "domain.rng") of the directory. */
    public void validate(String xml, String schemaFile) {
        Path schemaPath = directory.resolve(schemaFile);
        Schema schema = schemas.computeIfAbsent(schemaFile, f -> load(schemaPath));
        List<String> errors = new ArrayList<>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        };
        PropertyMapBuilder props = new PropertyMapBuilder();
        props.put(ValidateProperty.ERROR_HANDLER, collect);
        Validator validator = schema.createValidator(props.toPropertyMap());
        try {
            XMLReader reader = secureReader();
            reader.setContentHandler(validator.getContentHandler());
            reader.setDTDHandler(validator.getDTDHandler());
            reader.setErrorHandler(collect);
            reader.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            errors.add(e.getMessage());
        }
        if (!errors.isEmpty()) {
            throw VirtException.of(ErrorDomain.XML, ErrorNumber.XML_INVALID_SCHEMA,
                    "Unable to validate doc against %s\n%s", schemaPath, String.join("\n", errors));
        }
    }

    private static Schema load(Path schemaPath) {
        if (!Files.isReadable(schemaPath)) {
            throw VirtException.of(ErrorDomain.XML, ErrorNumber.INTERNAL_ERROR,
                    "Unable to find schema '%s'", schemaPath);
        }
        try {
            PropertyMapBuilder props = new PropertyMapBuilder();
            return SAXSchemaReader.getInstance().createSchema(
                    new InputSource(schemaPath.toUri().toString()), props.toPropertyMap());
        } catch (IOException | SAXException | IncorrectSchemaException e) {
            throw VirtException.of(ErrorDomain.XML, ErrorNumber.INTERNAL_ERROR,
                    "Unable to parse RNG %s: %s", schemaPath, e.getMessage());
        }
    }

    private static XMLReader secureReader() throws SAXException {
        try {
            SAXParserFactory f = SAXParserFactory.newDefaultInstance(); // the JDK's: its features are set below
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
