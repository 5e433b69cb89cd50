package org.jvirt.web;

/** {@code bin/jvirt-web -c URI --listen ADDR:PORT [--unix PATH] [--tls jvirtd.conf]} */
public final class Main {

    private Main() {
    }

    private static final String HELP = """
            Usage: jvirt-web -c URI --listen ADDR:PORT [--listen ...] [--unix PATH] [--tls jvirtd.conf] [--max-body BYTES]
            The REST API, the browser UI with its consoles, and Prometheus /metrics for one connection.
              -c, --connect URI     the connection served (any jvirt or libvirt URI)
              --listen ADDR:PORT    a TCP listener: plain HTTP only on a loopback address (development mode),
                                    TLS with client certificates when --tls is given
              --unix PATH           a unix socket listener (mode 0600)
              --tls FILE            a jvirtd.conf whose x509 settings (key, certificate, CA, allowed DNs) TLS uses
              --max-body BYTES      the largest request body accepted
              -h, --help            this text
            """;

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.print(HELP);
            return;
        }
        WebOptions o;
        try {
            o = WebOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("jvirt-web: " + e.getMessage());
            System.err.println("usage: jvirt-web -c URI --listen ADDR:PORT [--listen ...] [--unix PATH]"
                    + " [--tls jvirtd.conf] [--max-body BYTES]");
            System.exit(2);
            return;
        }
        WebServer w = WebServer.start(o);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                w.close();
            } catch (Exception e) {
                System.err.println("jvirt-web: " + e);
            }
        }));
        for (var u : w.baseUris()) {
            System.err.println("jvirt-web: serving " + o.uri() + " at " + u + (o.tls() == null
                    ? " (development mode: loopback, no authentication)" : " (TLS, client certificates)"));
        }
        if (o.unix() != null) {
            System.err.println("jvirt-web: serving " + o.uri() + " at unix:" + o.unix());
        }
        w.join();
    }
}
