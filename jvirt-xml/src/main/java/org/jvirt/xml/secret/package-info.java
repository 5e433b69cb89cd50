/** The secret document ({@code <secret>}, formatsecret): {@link org.jvirt.xml.secret.SecretXml}. */
package org.jvirt.xml.secret;
