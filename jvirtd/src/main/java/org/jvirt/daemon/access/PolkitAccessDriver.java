package org.jvirt.daemon.access;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jvirt.daemon.auth.ClientAuth;
import org.jvirt.daemon.auth.PeerProcess;
import org.jvirt.daemon.auth.PolkitCheck;

/**
 * {@code access_drivers = ["polkit"]}: every permission is polkit action {@code org.libvirt.api.OBJECT.PERM}
 * (underscores become dashes, as in libvirt's policy file: org.libvirt.api.domain.search-domains ...), asked
 * about the client's process with libvirt's details (connect_driver, domain_name, domain_uuid, ...). A client
 * whose process is not known (TCP, TLS) is denied, as libvirt denies "&lt;anonymous&gt;".
 */
public final class PolkitAccessDriver implements AccessDriver {

    private final PolkitCheck polkit;

    public PolkitAccessDriver(PolkitCheck polkit) {
        this.polkit = polkit;
    }

    @Override
    public String name() {
        return "polkit";
    }

    public static String actionId(String kind, String perm) {
        return "org.libvirt.api." + kind.replace('_', '-') + "." + perm.replace('_', '-');
    }

    @Override
    public boolean allowed(ClientAuth client, String connectDriver, AccessTarget target, String perm) {
        PeerProcess process = client.peerProcess();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("connect_driver", connectDriver);
        details.putAll(target.details());
        return polkit.check(actionId(target.kind(), perm), process, details) == PolkitCheck.Result.ALLOWED;
    }
}
