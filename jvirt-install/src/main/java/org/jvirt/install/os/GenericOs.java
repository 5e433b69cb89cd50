package org.jvirt.install.os;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * virt-install's own "generic" OS, which is not in the osinfo database: no id (so no libosinfo metadata in the
 * XML), no device support, no resources; what {@code --osinfo detect=on,require=off} falls back to.
 */
public final class GenericOs implements OsFacts {
    public static final String SHORT_ID = "generic";
    public static final GenericOs INSTANCE = new GenericOs();

    private GenericOs() {
    }

    @Override
    public String id() {
        return null;
    }

    @Override
    public String shortId() {
        return SHORT_ID;
    }

    @Override
    public String family() {
        return "";
    }

    @Override
    public boolean supports(OsDevice device) {
        return false;
    }

    @Override
    public Resources resources(String arch) {
        return Resources.NONE;
    }

    @Override
    public boolean requiresEfi(String arch) {
        return false;
    }

    @Override
    public List<String> installScriptProfiles() {
        return List.of();
    }

    @Override
    public Optional<InstallScript> installScript(String profile, Map<String, String> config) {
        return Optional.empty();
    }
}
