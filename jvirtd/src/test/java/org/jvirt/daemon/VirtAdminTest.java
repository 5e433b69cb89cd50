package org.jvirt.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jvirt.daemon.admin.AdminSocket;

/**
 * The real virt-admin (libvirt-clients 9.0) against a jvirtd child process with its own socket directory: the
 * admin socket's mode and uid check, servers, thread pool, clients (a real virsh gets disconnected), client
 * limits, log filters and outputs. Where the output does not depend on the daemon's state it is compared with
 * virt-admin's output against a private real libvirtd.
 */
class VirtAdminTest {

    private static Path dir;
    private static JvirtdProcess jvirtd;
    private static Path admin;
    private static Path rw;
    private static Path ro;
    private static int tcpPort;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(VirtAdmin.available(), "no /usr/bin/virt-admin (libvirt-clients)");
        dir = Files.createTempDirectory("jvirtd-admin");
        // others may walk to the sockets: the admin socket's own mode and the daemon's uid check are under test
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServerSocket s = new ServerSocket(0)) {
            tcpPort = s.getLocalPort();
        }
        String conf = JvirtdProcess.baseConf(dir).replace("listen_tcp = 0", "listen_tcp = 1") + """
                listen_addr = "127.0.0.1"
                tcp_port = "%d"
                auth_tcp = "none"
                unix_sock_rw_perms = "0777"
                min_workers = 2
                max_workers = 12
                prio_workers = 3
                max_clients = 40
                max_anonymous_clients = 7
                log_filters = "3:remote 1:org.jvirt.daemon.admin"
                log_outputs = "2:stderr"
                """.formatted(tcpPort);
        jvirtd = JvirtdProcess.start(dir, "jvirtd", conf, Map.of(), "-l").awaitSocket();
        Path run = dir.resolve("run");
        admin = run.resolve(AdminSocket.SOCK);
        rw = run.resolve(Daemon.SOCK_RW);
        ro = run.resolve(Daemon.SOCK_RO);
    }

    @AfterAll
    static void stop() throws Exception {
        if (jvirtd != null) {
            jvirtd.close();
        }
    }

    private static Tools.Result ok(String... args) throws IOException {
        Tools.Result r = VirtAdmin.run(admin, args);
        assertEquals(0, r.code(), r::toString);
        return r;
    }

    /** "key : value" lines as virt-admin prints typed parameters. */
    private static Map<String, String> fields(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                m.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return m;
    }

    // ---- the socket ------------------------------------------------------------------------------------------

    @Test
    void theAdminSocketIsTheDaemonUsersOnly() throws Exception {
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(admin)));
        assertEquals(Files.getOwner(rw), Files.getOwner(admin));
    }

    @Test
    void anotherUserIsRefusedEvenWhenTheModeLetsHimIn() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to act as another user");
        Tools.Result denied = VirtAdmin.as("nobody", admin, "srv-list");
        assertNotEquals(0, denied.code(), denied::toString);
        assertTrue(denied.err().contains("Failed to connect socket to '" + admin + "': Permission denied"),
                denied::toString);
        // with the mode opened up, the daemon's own check drops him (libvirt's remoteAdmClientNew)
        Files.setPosixFilePermissions(admin, PosixFilePermissions.fromString("rwxrwxrwx"));
        try {
            Tools.Result dropped = VirtAdmin.as("nobody", admin, "srv-list");
            // dropped at once, as libvirtd drops him: virt-admin sees a reset ("Failed to connect to the admin
            // server") or, when its first call is still being written, dies of SIGPIPE (exit 141), as with libvirtd
            assertNotEquals(0, dropped.code(), dropped::toString);
            assertTrue(dropped.err().contains("Failed to connect to the admin server") || dropped.code() == 141,
                    dropped::toString);
            assertFalse(dropped.out().contains("libvirtd"), dropped::toString);
            assertTrue(JvirtdProcess.awaitText(jvirtd.err, "Disallowing admin client of user nobody"),
                    jvirtd::stderr);
        } finally {
            Files.setPosixFilePermissions(admin, PosixFilePermissions.fromString("rwx------"));
        }
        assertEquals(0, VirtAdmin.run(admin, "srv-list").code(), "the daemon's user still gets in");
    }

    @Test
    void eachSocketServesOnlyItsOwnPrograms() throws Exception {
        Tools.Result r = VirtAdmin.run(rw, "srv-list");
        assertNotEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("Cannot find program 110102160 version 1"), r::toString);
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        Tools.Result v = Tools.virsh("test+unix:///default?socket=" + admin, "list");
        assertNotEquals(0, v.code(), v::toString);
        assertTrue(v.err().contains("Cannot find program 536903814 version 1"), v::toString);
    }

    // ---- servers and thread pools ----------------------------------------------------------------------------

    @Test
    void serversAreLibvirtdsTwo() throws Exception {
        assertEquals(" Id   Name\n----------------\n 0    libvirtd\n 1    admin\n\n", ok("srv-list").out());
        Tools.Result v = ok("version");
        assertTrue(v.out().contains("Running against daemon: 9.0.0"), v::toString);
        assertEquals("libvirtd:///system?socket=" + admin + "\n\n", ok("uri").out());
    }

    @Test
    void threadPoolShowsTheConfigAndChangesAtRunTime() throws Exception {
        Map<String, String> before = fields(ok("srv-threadpool-info", "libvirtd").out());
        assertEquals(List.of("minWorkers", "maxWorkers", "nWorkers", "freeWorkers", "prioWorkers", "jobQueueDepth"),
                List.copyOf(before.keySet()));
        assertEquals("2", before.get("minWorkers"));
        assertEquals("12", before.get("maxWorkers"));
        assertEquals("3", before.get("prioWorkers"));
        assertEquals("0", before.get("jobQueueDepth"));
        ok("srv-threadpool-set", "libvirtd", "--max-workers", "30", "--priority-workers", "6", "--min-workers", "4");
        Map<String, String> after = fields(ok("srv-threadpool-info", "libvirtd").out());
        assertEquals("4", after.get("minWorkers"));
        assertEquals("30", after.get("maxWorkers"));
        assertEquals("6", after.get("prioWorkers"));
        assertEquals("4", after.get("nWorkers"));
        // the daemon still serves with its new pool
        Tools.Result list = Tools.virsh("test+unix:///default?socket=" + rw, "list", "--name");
        assertEquals("test", list.out().strip(), list::toString);
        ok("srv-threadpool-set", "libvirtd", "--max-workers", "12", "--priority-workers", "3", "--min-workers", "2");

        Tools.Result bad = VirtAdmin.run(admin, "srv-threadpool-set", "libvirtd", "--min-workers", "50");
        assertNotEquals(0, bad.code());
        assertEquals("error: Unable to change server workerpool parameters\n"
                + "error: invalid argument: minWorkers cannot be larger than maxWorkers\n", bad.err());
        assertEquals("12", fields(ok("srv-threadpool-info", "libvirtd").out()).get("maxWorkers"), "nothing changed");
    }

    @Test
    void theAdminServerTakesItsOwnKeys() throws Exception {
        Path own = Files.createTempDirectory("jvirtd-admin-keys");
        String conf = JvirtdProcess.baseConf(own) + """
                admin_max_workers = 7
                admin_max_clients = 9
                unix_sock_admin_perms = "0600"
                """;
        try (JvirtdProcess d = JvirtdProcess.start(own, "jvirtd", conf, Map.of()).awaitSocket()) {
            Path sock = own.resolve("run").resolve(AdminSocket.SOCK);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
            Map<String, String> pool = fields(VirtAdmin.run(sock, "srv-threadpool-info", "admin").out());
            assertEquals("5", pool.get("minWorkers"));
            assertEquals("7", pool.get("maxWorkers"));
            assertEquals("0", pool.get("prioWorkers"));
            assertEquals("9", fields(VirtAdmin.run(sock, "srv-clients-info", "admin").out()).get("nclients_max"));
        }
    }

    @Test
    void unknownServersAndClientsGetLibvirtsErrors() throws Exception {
        Tools.Result r = VirtAdmin.run(admin, "srv-threadpool-info", "nosuch");
        assertEquals("error: Server not found: No server named 'nosuch'\n", r.err());
        r = VirtAdmin.run(admin, "client-info", "libvirtd", "999999");
        assertEquals("error: Client not found: No client with matching ID '999999'\n", r.err());
        r = VirtAdmin.run(admin, "client-disconnect", "admin", "999999");
        assertEquals("error: Client not found: No client with matching ID '999999'\n", r.err());
        r = VirtAdmin.run(admin, "srv-update-tls", "libvirtd");
        assertEquals("error: Unable to update server's tls related files.\n"
                + "error: internal error: no tls service found, unable to update tls files\n", r.err());
    }

    // ---- clients ---------------------------------------------------------------------------------------------

    /** The ids virt-admin lists for a server, with their transports. */
    private static Map<String, String> clients(String server) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^ (\\d+)\\s+(unix|tcp|tls)\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d[+-]\\d{4}$")
                .matcher(ok("srv-clients-list", server).out());
        while (row.find()) {
            m.put(row.group(1), row.group(2));
        }
        return m;
    }

    private static String awaitNewClient(String server, Map<String, String> before) throws Exception {
        for (int i = 0; i < 200; i++) {
            Map<String, String> now = clients(server);
            for (String id : now.keySet()) {
                if (!before.containsKey(id)) {
                    return id;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no new client on " + server);
    }

    @Test
    void clientsAreListedDescribedAndDisconnected() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        Map<String, String> before = clients("libvirtd");
        Path out = dir.resolve("virsh-events.out");
        Process virsh = Tools.start(out, Tools.VIRSH.toString(), "-c", "test+unix:///default?socket=" + rw,
                "event", "--all", "--loop");
        String id;
        try {
            id = awaitNewClient("libvirtd", before);
            assertEquals("unix", clients("libvirtd").get(id));
            Tools.Result info = ok("client-info", "libvirtd", id);
            Map<String, String> f = fields(info.out());
            assertEquals(id, f.get("id"));
            assertEquals("unix", f.get("transport"));
            assertEquals("no", f.get("readonly"));
            assertEquals(System.getProperty("user.name"), f.get("unix_user_name"));
            assertTrue(f.get("connection_time").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d[+-]\\d{4}"),
                    info::toString);
            if ("root".equals(System.getProperty("user.name"))) {
                assertEquals("0", f.get("unix_user_id"));
                assertEquals("0", f.get("unix_group_id"));
            }
            assertEquals(Long.toString(virsh.pid()), f.get("unix_process_id"), info::toString);
            assertEquals(List.of("id", "connection_time", "transport", "readonly", "unix_user_id", "unix_user_name",
                    "unix_group_id", "unix_group_name", "unix_process_id"), List.copyOf(f.keySet()));

            Tools.Result gone = ok("client-disconnect", "libvirtd", id);
            assertEquals("Client '" + id + "' disconnected", gone.out().strip());
            assertTrue(virsh.waitFor(20, TimeUnit.SECONDS), "virsh noticed it was disconnected");
            assertTrue(Files.readString(out).contains("Disconnected from"), () -> readQuietly(out));
            assertFalse(clients("libvirtd").containsKey(id));
        } finally {
            virsh.destroyForcibly();
        }
    }

    @Test
    void readOnlyAndTcpClientsAreToldApart() throws Exception {
        assumeTrue(Tools.hasVirsh(), "no /usr/bin/virsh");
        Map<String, String> before = clients("libvirtd");
        Process roVirsh = Tools.start(dir.resolve("ro.out"), Tools.VIRSH.toString(), "-r", "-c",
                "test+unix:///default?socket=" + ro, "event", "--all", "--loop");
        try {
            String roId = awaitNewClient("libvirtd", before);
            assertEquals("yes", fields(ok("client-info", "libvirtd", roId).out()).get("readonly"));
            Map<String, String> withRo = clients("libvirtd");
            Process tcp = Tools.start(dir.resolve("tcp.out"), Tools.VIRSH.toString(), "-c",
                    "test+tcp://127.0.0.1:" + tcpPort + "/default", "event", "--all", "--loop");
            try {
                String tcpId = awaitNewClient("libvirtd", withRo);
                assertEquals("tcp", clients("libvirtd").get(tcpId));
                Map<String, String> f = fields(ok("client-info", "libvirtd", tcpId).out());
                assertEquals("tcp", f.get("transport"));
                assertTrue(f.get("sock_addr").matches("127\\.0\\.0\\.1;\\d+"), f::toString);
                assertFalse(f.containsKey("unix_user_name"), f::toString);
            } finally {
                tcp.destroyForcibly();
            }
        } finally {
            roVirsh.destroyForcibly();
        }
    }

    @Test
    void theAdminServerListsItsOwnClient() throws Exception {
        Tools.Result r = ok("srv-clients-list", "admin");
        assertEquals(1, clients("admin").size(), r::toString);
        assertTrue(clients("admin").containsValue("unix"));
    }

    // ---- client limits ---------------------------------------------------------------------------------------

    @Test
    void clientLimitsShowTheConfigAndChangeAtRunTime() throws Exception {
        Map<String, String> f = fields(ok("srv-clients-info", "libvirtd").out());
        assertEquals(List.of("nclients_max", "nclients", "nclients_unauth_max", "nclients_unauth"),
                List.copyOf(f.keySet()));
        assertEquals("40", f.get("nclients_max"));
        assertEquals("7", f.get("nclients_unauth_max"));
        ok("srv-clients-set", "libvirtd", "--max-clients", "60", "--max-unauth-clients", "9");
        f = fields(ok("srv-clients-info", "libvirtd").out());
        assertEquals("60", f.get("nclients_max"));
        assertEquals("9", f.get("nclients_unauth_max"));
        Tools.Result bad = VirtAdmin.run(admin, "srv-clients-set", "libvirtd", "--max-unauth-clients", "100000");
        assertEquals("error: Unable to change server's client-related configuration limits\n"
                + "error: invalid argument: The overall maximum number of clients waiting for authentication must "
                + "not be less than the overall maximum number of clients\n", bad.err());
        ok("srv-clients-set", "libvirtd", "--max-clients", "40", "--max-unauth-clients", "7");
    }

    // ---- logging ---------------------------------------------------------------------------------------------

    @Test
    void logFiltersAndOutputsChangeAtRunTime() throws Exception {
        assertEquals(" Logging filters: 3:remote 1:org.jvirt.daemon.admin \n\n", ok("daemon-log-filters").out());
        assertEquals(" Logging outputs: 2:stderr\n\n", ok("daemon-log-outputs").out());
        Path log = dir.resolve("admin-set.log");
        try {
            ok("daemon-log-outputs", "1:file:" + log + " 2:stderr");
            assertEquals(" Logging outputs: 1:file:" + log + " 2:stderr\n\n", ok("daemon-log-outputs").out());
            assertTrue(Files.exists(log), "the new file output is open");
            ok("daemon-log-filters", "1:org.jvirt.daemon");
            assertEquals(" Logging filters: 1:org.jvirt.daemon \n\n", ok("daemon-log-filters").out());
            // each admin call is logged at debug level: with the new filter it reaches the new file
            ok("srv-list");
            assertTrue(JvirtdProcess.awaitText(log, "CONNECT_LIST_SERVERS"), () -> readQuietly(log));

            ok("daemon-log-filters", "");
            assertEquals(" Logging filters: \n\n", ok("daemon-log-filters").out());
            ok("daemon-log-outputs", "");
            assertEquals(" Logging outputs: 3:stderr\n\n", ok("daemon-log-outputs").out(),
                    "no outputs: the default output, stderr at log_level (3 by default)");
        } finally {
            VirtAdmin.run(admin, "daemon-log-outputs", "2:stderr");
            VirtAdmin.run(admin, "daemon-log-filters", "3:remote 1:org.jvirt.daemon.admin");
        }
    }

    @Test
    void badLogSettingsChangeNothing() throws Exception {
        Tools.Result r = VirtAdmin.run(admin, "daemon-log-outputs", "9:stderr");
        assertEquals("error: Unable to change daemon logging settings\n"
                + "error: invalid argument: Invalid log priority '9' for log output '9:stderr'\n", r.err());
        r = VirtAdmin.run(admin, "daemon-log-filters", "1");
        assertEquals("error: Unable to change daemon logging settings\n"
                + "error: invalid argument: Malformed format for filter '1'\n", r.err());
        r = VirtAdmin.run(admin, "daemon-log-outputs", "1:file:" + dir.resolve("no/such/dir/x.log"));
        assertEquals("error: Unable to change daemon logging settings\nerror: failed to open "
                + dir.resolve("no/such/dir/x.log") + ": No such file or directory\n", r.err());
        assertEquals(" Logging outputs: 2:stderr\n\n", ok("daemon-log-outputs").out());
    }

    // ---- the daemon ------------------------------------------------------------------------------------------

    @Test
    void daemonTimeoutStopsAnIdleDaemon() throws Exception {
        Path own = Files.createTempDirectory("jvirtd-admin-timeout");
        try (JvirtdProcess d = JvirtdProcess.start(own, "jvirtd", JvirtdProcess.baseConf(own), Map.of())
                .awaitSocket()) {
            Path sock = own.resolve("run").resolve(AdminSocket.SOCK);
            Tools.Result r = VirtAdmin.run(sock, "daemon-timeout", "--timeout", "2");
            assertEquals(0, r.code(), r::toString);
            assertTrue(d.process.waitFor(30, TimeUnit.SECONDS), "jvirtd exits once idle for 2 s");
            assertEquals(0, d.process.exitValue(), d::stderr);
            assertFalse(Files.exists(sock), "the admin socket is removed on the way out");
        }
    }

    // ---- against the real libvirtd ---------------------------------------------------------------------------

    /**
     * The same commands against a private real libvirtd print the same, wherever the answer does not depend on
     * the daemon's own state: the server list, the admin server's default pool and limits, every error above.
     */
    @Test
    void virtAdminPrintsTheSameAgainstLibvirtd() throws Exception {
        assumeTrue(PrivateLibvirtd.available(), "no /usr/sbin/libvirtd");
        try (PrivateLibvirtd lvd = PrivateLibvirtd.withAdminSocket()) {
            // libvirtd lists its servers in its hash table's order, which changes from run to run
            assertEquals(sortedLines(VirtAdmin.as(lvd.user, lvd.adminSocket, "srv-list").out()),
                    sortedLines(ok("srv-list").out()));
            for (List<String> cmd : List.of(List.of("srv-threadpool-info", "admin"),
                    List.of("srv-clients-info", "admin"), List.of("srv-threadpool-info", "nosuch"),
                    List.of("client-info", "libvirtd", "999999"), List.of("srv-update-tls", "libvirtd"),
                    List.of("srv-threadpool-set", "libvirtd", "--min-workers", "50"),
                    List.of("srv-clients-set", "libvirtd", "--max-unauth-clients", "100000"),
                    List.of("daemon-log-outputs", "9:stderr"), List.of("daemon-log-filters", "1"),
                    List.of("daemon-log-filters", "1:"), List.of("daemon-log-outputs", "1:journald:x"),
                    List.of("daemon-log-outputs", "1:nowhere"))) {
                String[] args = cmd.toArray(new String[0]);
                Tools.Result real = VirtAdmin.as(lvd.user, lvd.adminSocket, args);
                Tools.Result ours = VirtAdmin.run(admin, args);
                assertEquals(real.code(), ours.code(), cmd + "\nlibvirtd: " + real + "\njvirtd: " + ours);
                assertEquals(real.out(), ours.out(), cmd + "\nlibvirtd: " + real + "\njvirtd: " + ours);
                assertEquals(real.err(), ours.err(), cmd + "\nlibvirtd: " + real + "\njvirtd: " + ours);
            }
            // the main server's pool: the same parameters in the same order, values from each daemon's config
            assertEquals(fields(VirtAdmin.as(lvd.user, lvd.adminSocket, "srv-threadpool-info", "libvirtd").out())
                    .keySet(), fields(ok("srv-threadpool-info", "libvirtd").out()).keySet());
        }
    }

    /** The table's rows without their index column, sorted. */
    private static List<String> sortedLines(String table) {
        return table.lines().map(l -> l.replaceFirst("^ \\d+ ", " ")).sorted().toList();
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
