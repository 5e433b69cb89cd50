package org.jvirt.xml;

import org.jvirt.ErrorDomain;

/**
 * Every libvirt XML format jvirt knows, declared once: its root element, the schema file that describes it, the
 * error domain its parser reports in, and the pseudo file name libvirt puts in front of parse errors.
 *
 * @param rootElement name of the root element
 * @param schemaFile  file name under libvirt's schema directory
 * @param errorDomain domain of semantic errors (libvirt's {@code VIR_FROM_THIS} of the matching conf file)
 * @param sourceName  what libvirt passes as url to its parser, shown in parse errors
 */
public enum DocumentKind {
    DOMAIN("domain", "domain.rng", ErrorDomain.DOMAIN, "(domain_definition)"),
    NETWORK("network", "network.rng", ErrorDomain.NETWORK, "(network_definition)"),
    STORAGE_POOL("pool", "storagepool.rng", ErrorDomain.STORAGE, "(storage_pool_definition)"),
    STORAGE_VOLUME("volume", "storagevol.rng", ErrorDomain.STORAGE, "(storage_volume_definition)"),
    CAPABILITIES("capabilities", "capability.rng", ErrorDomain.CAPABILITIES, "(capabilities)"),
    DOMAIN_CAPABILITIES("domainCapabilities", "domaincaps.rng", ErrorDomain.CAPABILITIES, "(domain_capabilities)"),
    NODE_DEVICE("device", "nodedev.rng", ErrorDomain.NODEDEV, "(node_device_definition)"),
    INTERFACE("interface", "interface.rng", ErrorDomain.INTERFACE, "(interface_definition)"),
    SECRET("secret", "secret.rng", ErrorDomain.SECRET, "(definition_of_secret)"),
    NWFILTER("filter", "nwfilter.rng", ErrorDomain.NWFILTER, "(nwfilter_definition)"),
    NWFILTER_BINDING("filterbinding", "nwfilterbinding.rng", ErrorDomain.NWFILTER, "(nwfilterbinding_definition)"),
    DOMAIN_SNAPSHOT("domainsnapshot", "domainsnapshot.rng", ErrorDomain.DOMAIN_SNAPSHOT, "(domain_snapshot)"),
    DOMAIN_CHECKPOINT("domaincheckpoint", "domaincheckpoint.rng", ErrorDomain.DOMAIN_CHECKPOINT,
            "(domain_checkpoint)");

    private final String rootElement;
    private final String schemaFile;
    private final ErrorDomain errorDomain;
    private final String sourceName;

    DocumentKind(String rootElement, String schemaFile, ErrorDomain errorDomain, String sourceName) {
        this.rootElement = rootElement;
        this.schemaFile = schemaFile;
        this.errorDomain = errorDomain;
        this.sourceName = sourceName;
    }

    public String rootElement() {
        return rootElement;
    }

    public String schemaFile() {
        return schemaFile;
    }

    public ErrorDomain errorDomain() {
        return errorDomain;
    }

    public String sourceName() {
        return sourceName;
    }

    /** The kind whose root element is {@code name}, or {@code null}. */
    public static DocumentKind byRootElement(String name) {
        for (DocumentKind k : values()) {
            if (k.rootElement.equals(name)) {
                return k;
            }
        }
        return null;
    }
}
