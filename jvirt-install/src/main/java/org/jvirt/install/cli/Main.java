package org.jvirt.install.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jvirt.Connect;
import org.jvirt.VirtException;
import org.jvirt.install.InstallErrors;
import org.jvirt.install.Plan;
import org.jvirt.install.Progress;
import org.jvirt.install.Provisioner;
import org.jvirt.install.os.OsDevice;
import org.jvirt.install.os.OsinfoCatalog;

/** {@code jvirt-install}: virt-install's command line. Exit 0 on success, 1 with "ERROR    message" on failure. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        CliOptions o;
        try {
            o = ArgParser.parse(args);
        } catch (VirtException e) {
            err.println("ERROR    " + InstallErrors.userMessage(e));
            return 1;
        }
        if (o.help()) {
            out.print(Usage.TEXT);
            return 0;
        }
        if (o.osinfoList()) {
            // before any connection, as virt-install's check_osinfo_list
            try {
                OsList.print(OsinfoCatalog.loadDefault(), out);
                return 0;
            } catch (VirtException e) {
                err.println("ERROR    " + InstallErrors.userMessage(e));
                return 1;
            }
        }
        // the osinfo database loads and the OS resolves while the connection opens: two cores, two jobs
        CompletableFuture<OsinfoCatalog> catalog = CompletableFuture.supplyAsync(() -> warm(o),
                Thread::startVirtualThread);
        try (Connect conn = Connect.open(o.connect())) {
            Provisioner p = new Provisioner(conn, catalog.join());
            if (o.printXml() != null) {
                return printXml(p, o, out, err);
            }
            TextProgress progress = new TextProgress(out, err, o.quiet());
            if (!o.dryRun()) {
                progress.message("\nStarting install...");
            }
            Duration wait = waitFor(o, err);
            Provisioner.Result r = p.install(o.request(),
                    new Provisioner.Options(o.dryRun(), wait), progress);
            if (o.dryRun()) {
                progress.message("Dry run completed successfully");
                return 0;
            }
            finish(o, r, progress);
            return 0;
        } catch (VirtException e) {
            err.println("ERROR    " + InstallErrors.userMessage(e));
            return 1;
        } catch (CompletionException e) {
            err.println("ERROR    " + (e.getCause() instanceof VirtException v ? InstallErrors.userMessage(v)
                    : String.valueOf(e.getCause())));
            return 1;
        } catch (RuntimeException e) {
            // as virt-install: whatever went wrong is one ERROR line, not a stack trace
            err.println("ERROR    " + e);
            return 1;
        }
    }

    /** Loads the database and looks the named OS up (its devices, resources, firmware), so planning finds it warm. */
    private static OsinfoCatalog warm(CliOptions o) {
        OsinfoCatalog c = OsinfoCatalog.loadDefault();
        String name = o.request().os().name();
        if (name != null) {
            try {
                c.find(name).ifPresent(os -> {
                    os.resources("x86_64");
                    os.requiresEfi("x86_64");
                    for (OsDevice d : OsDevice.values()) {
                        os.supports(d);
                    }
                });
            } catch (RuntimeException e) {
                // only a warm-up: planning looks the OS up again and reports what is wrong
            }
        }
        return c;
    }

    private static int printXml(Provisioner p, CliOptions o, PrintStream out, PrintStream err) {
        Plan plan = p.plan(o.request(), true);
        String xml = switch (o.printXml()) {
            case "1" -> plan.xml().initial() != null ? plan.xml().initial() : plan.xml().fin();
            case "2" -> {
                if (plan.xml().initial() == null) {
                    throw org.jvirt.install.InstallErrors.invalid("Requested installation does not have XML step 2");
                }
                yield plan.xml().fin();
            }
            case "all" -> plan.printedXml();
            default -> throw InstallErrors.invalid("Unknown XML step request '%s', must be 1, 2, or all",
                    o.printXml());
        };
        if (!o.dryRun()) {
            // virt-install makes the storage even for --print-xml; --dry-run skips it
            p.buildStorage(plan, Progress.NONE);
        }
        out.print(xml);
        out.println(); // virt-install's print() adds a newline after the XML's own
        return 0;
    }

    /**
     * virt-install's {@code _set_default_wait}: --noautoconsole means do not wait; with a console wanted but none
     * to launch (we attach none), wait until the guest shuts down.
     */
    private static Duration waitFor(CliOptions o, PrintStream err) {
        if (o.waitMinutes() != null) {
            return o.waitMinutes() < 0 ? Duration.ofSeconds(-1) : Duration.ofMinutes(o.waitMinutes());
        }
        if (!o.autoconsole() || o.dryRun()) {
            return null;
        }
        err.println("WARNING  No console to launch for the guest, defaulting to --wait -1");
        return Duration.ofSeconds(-1);
    }

    /** virt-install's closing lines when it did not wait (with --noautoconsole). */
    private static void finish(CliOptions o, Provisioner.Result r, TextProgress progress) {
        if (o.waitMinutes() != null || o.autoconsole()) {
            return; // the wait reported how it ended
        }
        if (r.plan().hasInstallPhase()) {
            progress.message("\nDomain is still running. Installation may be in progress.");
            progress.message("You can reconnect to the console to complete the installation process.");
            return;
        }
        progress.message("Domain creation completed.");
    }
}
