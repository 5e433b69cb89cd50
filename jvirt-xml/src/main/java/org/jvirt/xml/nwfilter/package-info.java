/**
 * Network filter documents: filters ({@code <filter>}, {@link org.jvirt.xml.nwfilter.NwFilterXml}) and the
 * bindings of filters to guest ports ({@code <filterbinding>}, {@link org.jvirt.xml.nwfilter.NwFilterBindingXml}).
 */
package org.jvirt.xml.nwfilter;
