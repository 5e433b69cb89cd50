package org.jvirt.osinfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values an install script is generated with (libosinfo's OsinfoInstallConfig): each appears to the
 * template as {@code config/NAME}. Keys are libosinfo's names; the common ones are constants here.
 *
 * <p>Values can hold secrets (passwords, product keys): they live in memory only, and {@link #toString()}
 * names the keys, never the values.
 */
public record InstallConfig(Map<String, List<String>> values) {
    public static final String ADMIN_PASSWORD = "admin-password";
    public static final String USER_LOGIN = "user-login";
    public static final String USER_PASSWORD = "user-password";
    public static final String USER_REALNAME = "user-realname";
    public static final String USER_AUTOLOGIN = "user-autologin";
    public static final String USER_ADMINISTRATOR = "user-administrator";
    public static final String HOSTNAME = "hostname";
    public static final String DOMAIN = "domain";
    public static final String HARDWARE_ARCH = "hardware-arch";
    public static final String L10N_KEYBOARD = "l10n-keyboard";
    public static final String L10N_LANGUAGE = "l10n-language";
    public static final String L10N_TIMEZONE = "l10n-timezone";
    public static final String TARGET_DISK = "target-disk";
    public static final String SCRIPT_DISK = "script-disk";
    public static final String REG_PRODUCT_KEY = "reg-product-key";
    public static final String INSTALLATION_URL = "installation-url";
    public static final String DRIVER_SIGNING = "driver-signing";
    public static final String PRE_INSTALL_DRIVERS_DISK = "pre-install-drivers-disk";
    public static final String PRE_INSTALL_DRIVERS_LOCATION = "pre-install-drivers-location";
    public static final String POST_INSTALL_DRIVERS_DISK = "post-install-drivers-disk";
    public static final String POST_INSTALL_DRIVERS_LOCATION = "post-install-drivers-location";
    public static final String AVATAR_LOCATION = "avatar-location";
    public static final String AVATAR_DISK = "avatar-disk";

    public InstallConfig {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * libosinfo's starting config (osinfo_install_config_init): keyboard and language en_US, time zone
     * America/New_York. libosinfo also invents a random admin password; here the caller sets one, because a
     * password nobody knows helps nobody.
     */
    public static InstallConfig defaults() {
        return empty().with(L10N_KEYBOARD, "en_US").with(L10N_TIMEZONE, "America/New_York")
                .with(L10N_LANGUAGE, "en_US");
    }

    /** A config with no values. */
    public static InstallConfig empty() {
        return new InstallConfig(Map.of());
    }

    /** This config with {@code key} set to {@code value} alone. */
    public InstallConfig with(String key, String value) {
        Map<String, List<String>> m = new LinkedHashMap<>(values);
        m.put(key, List.of(value));
        return new InstallConfig(m);
    }

    /** This config with {@code value} added to {@code key}'s values. */
    public InstallConfig plus(String key, String value) {
        Map<String, List<String>> m = new LinkedHashMap<>(values);
        List<String> l = new ArrayList<>(m.getOrDefault(key, List.of()));
        l.add(value);
        m.put(key, l);
        return new InstallConfig(m);
    }

    public Optional<String> get(String key) {
        List<String> v = values.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    @Override
    public String toString() {
        return "InstallConfig" + values.keySet();
    }
}
