package org.jvirt;

/** An XML document is malformed or does not describe a valid object. */
public class XmlException extends VirtException {
    public XmlException(VirtError error) {
        super(error);
    }
}
