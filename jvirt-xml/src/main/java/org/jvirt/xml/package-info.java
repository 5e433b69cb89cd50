/**
 * Typed documents for libvirt's XML formats (jvirt's libvirt-gconfig).
 *
 * <p>This package owns the machinery every document shares: secure parsing ({@link org.jvirt.xml.XmlParser}),
 * libvirt-style writing ({@link org.jvirt.xml.XmlWriter}), the base of all typed views
 * ({@link org.jvirt.xml.ElementView}, {@link org.jvirt.xml.XmlDocument}), the table of document kinds
 * ({@link org.jvirt.xml.DocumentKind}) and optional RelaxNG validation ({@link org.jvirt.xml.SchemaValidator}).
 *
 * <p>Views never copy the DOM into fields: they read and edit the wrapped element in place, which is what keeps
 * everything the model does not know intact on a round trip. Subpackages hold one document family each.
 */
package org.jvirt.xml;
