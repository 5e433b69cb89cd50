/** The domain checkpoint document ({@code <domaincheckpoint>}, formatcheckpoint): {@link org.jvirt.xml.checkpoint.DomainCheckpointXml}. */
package org.jvirt.xml.checkpoint;
