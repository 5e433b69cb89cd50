/** The domain snapshot document ({@code <domainsnapshot>}, formatsnapshot): {@link org.jvirt.xml.snapshot.DomainSnapshotXml}. */
package org.jvirt.xml.snapshot;
