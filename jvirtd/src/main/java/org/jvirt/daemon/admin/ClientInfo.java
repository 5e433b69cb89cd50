package org.jvirt.daemon.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.jvirt.TypedParameter;
import org.jvirt.daemon.auth.ClientAuth;
import org.jvirt.daemon.auth.ClientIdentity;
import org.jvirt.daemon.auth.PeerProcess;
import org.jvirt.rpc.ClientTransport;

import static org.jvirt.rpc.AdminParams.*;

/**
 * adminClientGetInfo: what the daemon knows of one client, as libvirt's typed parameters, in libvirt's order
 * and under libvirt-admin.h's names. A local client reports its unix identity, a remote one its address and
 * certificate DN; what is unknown is left out, as libvirt leaves it out.
 */
final class ClientInfo {

    private ClientInfo() {
    }

    static List<TypedParameter> of(ServerClients.Entry client) {
        List<TypedParameter> out = new ArrayList<>();
        out.add(TypedParameter.ofBoolean(CLIENT_READONLY, client.session().isReadOnly()));
        ClientIdentity id = ClientAuth.of(client.session()).identity();
        if (id.saslUser() != null) {
            out.add(TypedParameter.ofString(CLIENT_SASL_USER_NAME, id.saslUser()));
        }
        if (client.transport() != ClientTransport.UNIX) {
            String addr = socketAddress(client.session().describe());
            if (addr != null) {
                out.add(TypedParameter.ofString(CLIENT_SOCKET_ADDR, addr));
            }
            if (id.x509Dn() != null) {
                out.add(TypedParameter.ofString(CLIENT_X509_DNAME, id.x509Dn()));
            }
            return out;
        }
        if (id.unixUser() != null) {
            OptionalLong uid = UnixIds.uid(id.unixUser());
            if (uid.isPresent()) {
                out.add(TypedParameter.ofInt(CLIENT_UNIX_USER_ID, (int) uid.getAsLong()));
            }
            out.add(TypedParameter.ofString(CLIENT_UNIX_USER_NAME, id.unixUser()));
        }
        if (id.unixGroup() != null) {
            OptionalLong gid = UnixIds.gid(id.unixGroup());
            if (gid.isPresent()) {
                out.add(TypedParameter.ofInt(CLIENT_UNIX_GROUP_ID, (int) gid.getAsLong()));
            }
            out.add(TypedParameter.ofString(CLIENT_UNIX_GROUP_NAME, id.unixGroup()));
        }
        if (client.socket() != null && id.unixUser() != null) {
            PeerProcess peer = PeerProcess.find(client.socket(), id.unixUser());
            if (peer != null) {
                out.add(TypedParameter.ofInt(CLIENT_UNIX_PROCESS_ID, (int) peer.pid()));
            }
        }
        return out;
    }

    /**
     * libvirt's "address;port" (virSocketAddrFormatFull with ';') from a session description such as
     * "client 3 (tcp:/127.0.0.1:40312)" or "client 3 (tls:/[::1]:40312)".
     */
    static String socketAddress(String description) {
        int open = description.indexOf('(');
        int close = description.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        String d = description.substring(open + 1, close);
        int colon = d.indexOf(':');
        String hostPort = d.substring(colon + 1);
        int slash = hostPort.lastIndexOf('/');
        hostPort = hostPort.substring(slash + 1);
        int port = hostPort.lastIndexOf(':');
        if (port <= 0) {
            return null;
        }
        String host = hostPort.substring(0, port);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host + ";" + hostPort.substring(port + 1);
    }
}
