package org.jvirt.osinfo;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.jvirt.xml.XmlParser;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An unattended-install script of the database ({@code http://debian.org/debian/preseed/jeos}): a profile
 * ("jeos", "desktop"), the file name the installer expects ({@code preseed.cfg}, {@code autounattend.xml}), how
 * it reaches the installer, which {@link InstallConfig} values it takes, and an XSLT template. {@link #generate}
 * runs the template over the document libosinfo builds ({@code <install-script-config>} with {@code script},
 * {@code os}, {@code media}, {@code tree} and {@code config} children, each property an element) with the
 * JDK's XSLT processor in secure mode: no external DTD, stylesheet or entity is ever fetched.
 *
 * <p>Properties: {@code profile}, {@code expected-filename}, {@code product-key-format}, {@code path-format},
 * {@code needs-internet}, {@code can-pre-install-drivers}, {@code can-post-install-drivers}.
 */
public final class InstallScript extends Entity {
    /** The id osinfo-install-script gives its config; templates see it as config/id. */
    private static final String CONFIG_ID = "https://libosinfo.org/config";
    private final List<ConfigParam> params;
    private final Set<InjectionMethod> injectionMethods;
    private final Element template;
    private final Map<String, Map<String, String>> datamaps;
    private Templates compiled;

    InstallScript(String id, Map<String, List<String>> properties, List<ConfigParam> params,
                  Set<InjectionMethod> injectionMethods, Element template,
                  Map<String, Map<String, String>> datamaps) {
        super(id, properties);
        this.params = List.copyOf(params);
        this.injectionMethods = injectionMethods.isEmpty() ? Set.of()
                : Set.copyOf(EnumSet.copyOf(injectionMethods));
        this.template = template;
        this.datamaps = datamaps;
    }

    /**
     * This script with libosinfo's {@code preferred-injection-method} set, as a program sets it before generating
     * (virt-install: initrd for --location, cdrom otherwise); templates read it as script/preferred-injection-method.
     */
    public InstallScript withPreferredInjection(InjectionMethod method) {
        Map<String, List<String>> props = new java.util.LinkedHashMap<>(allProperties());
        props.put("preferred-injection-method", List.of(method.xmlName()));
        return new InstallScript(id(), props, params, injectionMethods, template, datamaps);
    }

    /** "jeos" (a minimal server) or "desktop". */
    public Optional<String> profile() {
        return property("profile");
    }

    /** The file name the installer looks for ("preseed.cfg", "autounattend.xml", "fedora.ks"). */
    public Optional<String> expectedFilename() {
        return property("expected-filename");
    }

    /** The format a product key must have (Windows), if the script takes one. */
    public Optional<String> productKeyFormat() {
        return property("product-key-format");
    }

    /** "unix" or "dos": how paths inside the script are written. */
    public Optional<String> pathFormat() {
        return property("path-format");
    }

    public boolean needsInternet() {
        return flag("needs-internet", false);
    }

    public boolean canPreInstallDrivers() {
        return flag("can-pre-install-drivers", false);
    }

    public boolean canPostInstallDrivers() {
        return flag("can-post-install-drivers", false);
    }

    public Set<InjectionMethod> injectionMethods() {
        return injectionMethods;
    }

    public List<ConfigParam> configParams() {
        return params;
    }

    /** Where the installer takes the OS from: the script's {@code installation-source}. */
    public enum InstallationSource {
        MEDIA("media"),
        NETWORK("network");

        private final String xmlName;

        InstallationSource(String xmlName) {
            this.xmlName = xmlName;
        }

        public String xmlName() {
            return xmlName;
        }
    }

    /**
     * Generates the script for {@code os} installed without specific media, from the media (libosinfo's
     * default source). Like libosinfo, this does not insist on required parameters; see
     * {@link #checkRequired(InstallConfig)}.
     */
    public String generate(Os os, InstallConfig config) {
        return generate(os, null, null, InstallationSource.MEDIA, config);
    }

    /** Generates the script for {@code os} installed from {@code media} (it may name kernel, initrd, url). */
    public String generate(Os os, Media media, InstallConfig config) {
        return generate(os, media, null, InstallationSource.MEDIA, config);
    }

    /**
     * Generates the script for {@code os} installed from the tree {@code tree}. The source stays "media", as in
     * libosinfo's generate_for_tree; a network install says so through the general form.
     */
    public String generate(Os os, Tree tree, InstallConfig config) {
        return generate(os, null, tree, InstallationSource.MEDIA, config);
    }

    /**
     * Generates the script: the general form. {@code media} and {@code tree} may be null; {@code source} says
     * whether the installer reads the OS from the media or from the network.
     */
    public String generate(Os os, Media media, Tree tree, InstallationSource source, InstallConfig config) {
        return apply("install-script-config", os, media, tree, source, config);
    }

    /**
     * The kernel command line the script needs when the installer is booted directly (preseed's
     * {@code auto=true ...}): the template's {@code /command-line} rule, or empty when it has none.
     */
    public Optional<String> generateCommandLine(Os os, Media media, InstallConfig config) {
        return generateCommandLine(os, media, InstallationSource.MEDIA, config);
    }

    /** The kernel command line for an installer that reads the OS from {@code source} (a network tree's URL). */
    public Optional<String> generateCommandLine(Os os, Media media, InstallationSource source, InstallConfig config) {
        String s = apply("command-line", os, media, null, source, config);
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }

    /** Checks that {@code config} holds every required parameter; names the missing ones. */
    public void checkRequired(InstallConfig config) {
        List<String> missing = new ArrayList<>();
        for (ConfigParam p : params) {
            if (p.required() && config.get(p.name()).isEmpty()) {
                missing.add(p.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new OsinfoException("install script " + id() + " requires " + String.join(", ", missing));
        }
    }

    private String apply(String rootName, Os os, Media media, Tree tree, InstallationSource source,
                         InstallConfig config) {
        Document doc = XmlParser.newDocument();
        Element root = doc.createElement(rootName);
        doc.appendChild(root);
        Map<String, List<String>> scriptProps = new java.util.LinkedHashMap<>(allProperties());
        // a GObject property of libosinfo's script, which lands among its parameters: templates test it
        scriptProps.put("installation-source", List.of(source.xmlName()));
        root.appendChild(entityElement(doc, "script", id(), scriptProps));
        root.appendChild(entityElement(doc, "os", os.id(), os.allProperties()));
        if (media != null) {
            root.appendChild(entityElement(doc, "media", media.id(), media.allProperties()));
        }
        if (tree != null) {
            root.appendChild(entityElement(doc, "tree", tree.id(), tree.allProperties()));
        }
        root.appendChild(entityElement(doc, "config", CONFIG_ID, mapped(config)));
        try {
            Transformer t = templates().newTransformer();
            // libxslt indents by two blanks where a template asks for indent="yes"
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            boolean declare = "xml".equals(t.getOutputProperty("method"))
                    && !"yes".equals(t.getOutputProperty("omit-xml-declaration"));
            if (declare) {
                // libxslt's declaration, on a line of its own (the JDK's names the encoding and runs on)
                t.setOutputProperty("omit-xml-declaration", "yes");
                out.write("<?xml version=\"1.0\"?>\n");
            }
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new OsinfoException("Failed to apply script template " + id() + ": " + e.getMessage(), e);
        }
    }

    /** The config's values with datamapped parameters translated (a value the map lacks stays as it is). */
    private Map<String, List<String>> mapped(InstallConfig config) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        config.values().forEach((k, vs) -> {
            Map<String, String> map = params.stream().filter(p -> p.name().equals(k)).findFirst()
                    .flatMap(ConfigParam::valueMap).map(datamaps::get).orElse(null);
            out.put(k, map == null ? vs : vs.stream().map(v -> map.getOrDefault(v, v)).toList());
        });
        return out;
    }

    private static Element entityElement(Document doc, String name, String id, Map<String, List<String>> props) {
        Element e = doc.createElement(name);
        Element idEl = doc.createElement("id");
        idEl.setTextContent(id);
        e.appendChild(idEl);
        props.forEach((k, vs) -> {
            for (String v : vs) {
                Element p = doc.createElement(k);
                p.setTextContent(v);
                e.appendChild(p);
            }
        });
        return e;
    }

    private synchronized Templates templates() {
        if (compiled == null) {
            if (template == null) {
                throw new OsinfoException("install script " + id() + " has no inline template");
            }
            try {
                TransformerFactory f = TransformerFactory.newDefaultInstance();
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
                // the JDK's XSLTC compiles a stylesheet from a document, not from an element inside one
                Document sheet = XmlParser.newDocument();
                sheet.appendChild(sheet.importNode(template, true));
                compiled = f.newTemplates(new DOMSource(sheet));
            } catch (TransformerConfigurationException e) {
                throw new OsinfoException("Unable to parse XSL template of " + id() + ": " + e.getMessage(), e);
            }
        }
        return compiled;
    }
}
