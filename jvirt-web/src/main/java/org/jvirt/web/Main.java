package org.jvirt.web;

/** {@code bin/jvirt-web -c URI --listen ADDR:PORT [--unix PATH] [--tls jvirtd.conf]} */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
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
            System.err.println("jvirt-web: serving " + o.uri() + " at " + u + (o.tlsConfig() == null
                    ? " (development mode: loopback, no authentication)" : " (TLS, client certificates)"));
        }
        if (o.unix() != null) {
            System.err.println("jvirt-web: serving " + o.uri() + " at unix:" + o.unix());
        }
        w.join();
    }
}
