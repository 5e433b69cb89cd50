/**
 * Secrets (libvirt's secret driver, src/secret and conf/virsecretobj.c): the in-memory table of definitions and
 * values ({@link org.jvirt.driver.host.secret.SecretStore}), their files under {@code configDir/secrets}
 * ({@code UUID.xml} and the value sealed with the host key in {@code UUID.secret}, all 0600), the key
 * ({@link org.jvirt.driver.host.secret.SecretValueCipher}) and the entry points with libvirt's errors and events
 * ({@link org.jvirt.driver.host.secret.HostSecrets}).
 */
package org.jvirt.driver.host.secret;
