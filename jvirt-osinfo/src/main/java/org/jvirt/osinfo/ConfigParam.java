package org.jvirt.osinfo;

import java.util.Optional;

/**
 * A parameter an install script takes ({@code <param name="admin-password" policy="required"/>}).
 *
 * @param name     the {@link InstallConfig} key
 * @param required whether the script cannot be generated without it
 * @param valueMap the id of the datamap that translates its values for the script (keyboard layouts), if any
 */
public record ConfigParam(String name, boolean required, Optional<String> valueMap) {
}
