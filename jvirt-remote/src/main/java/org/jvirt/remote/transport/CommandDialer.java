package org.jvirt.remote.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.transport.StreamTransport;
import org.jvirt.transport.Transport;

/**
 * RPC over a spawned command's stdin/stdout: {@code +ssh} (the system's ssh running nc or virt-ssh-helper on the
 * far side) and {@code +ext} (any command). The command's stderr is kept, because when it dies its last words are
 * the only useful error (libvirt reports them in "End of file while reading data: ...").
 *
 * @param argv the command line, argv[0] looked up on PATH
 */
public record CommandDialer(List<String> argv) implements Dialer {

    public CommandDialer {
        argv = List.copyOf(argv);
    }

    @Override
    public Transport dial() {
        ProcessBuilder pb = new ProcessBuilder(argv);
        try {
            Process p = pb.start();
            return new ProcessTransport(p);
        } catch (IOException e) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.SYSTEM_ERROR, "Cannot find '%s' in path: %s",
                    argv.get(0), "No such file or directory");
        }
    }

    private static final class ProcessTransport extends StreamTransport {
        private static final int STDERR_KEEP = 8192;
        private final Process process;
        private final StringBuilder stderr = new StringBuilder();
        private final Thread drainer;

        /** A command's pipe is as private as a unix socket; ssh encrypts the rest of the way. */
        ProcessTransport(Process process) {
            super(process.getInputStream(), process.getOutputStream(), true, "command:pid " + process.pid());
            this.process = process;
            this.drainer = Thread.ofVirtual().name("jvirt-remote-stderr").start(this::drainStderr);
        }

        private void drainStderr() {
            byte[] buf = new byte[1024];
            try (InputStream err = process.getErrorStream()) {
                int n;
                while ((n = err.read(buf)) > 0) {
                    synchronized (stderr) {
                        stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                        if (stderr.length() > STDERR_KEEP) {
                            stderr.delete(0, stderr.length() - STDERR_KEEP);
                        }
                    }
                }
            } catch (IOException e) {
                // the process went away
            }
        }

        @Override
        public String diagnostics() {
            try {
                // give the dying command a moment to say why, and the drainer the time to read it all: the command
                // may have exited before its last words were copied here
                if (process.waitFor(500, TimeUnit.MILLISECONDS)) {
                    drainer.join(Duration.ofSeconds(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (stderr) {
                return stderr.toString().strip();
            }
        }

        @Override
        public void close() {
            Transport.closeQuietly(process.getOutputStream());
            Transport.closeQuietly(process.getInputStream());
            process.destroy();
        }
    }
}
