package org.jvirt.daemon.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.jvirt.rpc.sasl.Scram;

/**
 * {@code jvirt-saslpasswd}: saslpasswd2's counterpart for jvirt's password file. The password is read from the
 * terminal (twice) or, with {@code -p}, from the first line of standard input — never from the command line.
 *
 * <pre>
 * jvirt-saslpasswd [-f FILE] [-p] [-i ITERATIONS] [--digest-md5] USER    set a password
 * jvirt-saslpasswd [-f FILE] -d USER                                     delete a user
 * jvirt-saslpasswd [-f FILE] -l                                          list users
 * </pre>
 */
public final class SaslPasswd {

    private SaslPasswd() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path file = AuthConfig.defaults().passwordFile();
        boolean pipe = false;
        boolean delete = false;
        boolean list = false;
        boolean digest = false;
        int iterations = Scram.MIN_ITERATIONS;
        String user = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-f" -> file = Path.of(args[++i]);
                    case "-p" -> pipe = true;
                    case "-d" -> delete = true;
                    case "-l" -> list = true;
                    case "-i" -> iterations = Integer.parseInt(args[++i]);
                    case "--digest-md5" -> digest = true;
                    case "-h", "--help" -> {
                        usage();
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("-") || user != null) {
                            usage();
                            return 2;
                        }
                        user = args[i];
                    }
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            usage();
            return 2;
        }
        PasswordFile pf = new PasswordFile(file);
        try {
            if (list) {
                pf.users().forEach(System.out::println);
                return 0;
            }
            if (!PasswordFile.validName(user)) {
                System.err.println("jvirt-saslpasswd: a user name (without ':') is required");
                return 2;
            }
            if (delete) {
                pf.set(user, null, iterations, false);
                return 0;
            }
            char[] password = pipe ? readLine() : prompt();
            if (password == null || password.length == 0) {
                System.err.println("jvirt-saslpasswd: no password given");
                return 1;
            }
            try {
                pf.set(user, password, iterations, digest);
            } finally {
                Arrays.fill(password, '\0');
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            System.err.println("jvirt-saslpasswd: " + e.getMessage());
            return 1;
        }
    }

    private static char[] readLine() throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line = r.readLine();
        return line == null ? null : line.toCharArray();
    }

    private static char[] prompt() {
        Console c = System.console();
        if (c == null) {
            System.err.println("jvirt-saslpasswd: no terminal; use -p to read the password from standard input");
            return null;
        }
        char[] a = c.readPassword("Password: ");
        char[] b = c.readPassword("Again (for verification): ");
        if (a == null || !Arrays.equals(a, b)) {
            System.err.println("jvirt-saslpasswd: passwords don't match");
            return null;
        }
        return a;
    }

    private static void usage() {
        System.err.println("""
                usage: jvirt-saslpasswd [-f FILE] [-p] [-i ITERATIONS] [--digest-md5] USER
                       jvirt-saslpasswd [-f FILE] -d USER
                       jvirt-saslpasswd [-f FILE] -l
                  -f FILE         the password file (default /etc/jvirt/saslpasswd)
                  -p              read the password from the first line of standard input
                  -i ITERATIONS   SCRAM iteration count (at least 4096)
                  --digest-md5    also keep a DIGEST-MD5 entry (password-equivalent: DIGEST-MD5 needs it)
                  -d              delete USER
                  -l              list users""");
    }
}
