package org.jvirt.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.jvirt.Connect;
import org.jvirt.Domain;
import org.jvirt.DomainState;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.VirtException;
import org.jvirt.install.os.OsCatalog;
import org.jvirt.install.storage.Pools;
import org.jvirt.install.storage.Uploader;
import org.jvirt.install.storage.VolumePlan;

/**
 * Provisions guests: {@link #plan} resolves a request into the domain XML virt-install would write (what
 * {@code --print-xml} prints), {@link #install} performs it: volumes (in the default pool, made as virt-install
 * makes it when missing), generated media uploaded into the boot-scratch pool, the guest started with its
 * first-boot XML and defined with its final XML, autostart, and an optional wait for the install to finish. A failing step undoes
 * the ones before it: nothing is left defined or allocated.
 *
 * <pre>{@code
 * try (Connect conn = Connect.open("qemu:///system")) {
 *     Provisioner p = new Provisioner(conn, catalog);
 *     InstallRequest req = InstallRequest.builder().name("web1").os("debian12")
 *             .method(new InstallRequest.InstallMethod.Cdrom(Path.of("/isos/debian-12.iso"))).build();
 *     String xml = p.plan(req, true).printedXml();     // --print-xml
 *     Provisioner.Result r = p.install(req, Provisioner.Options.DEFAULT, Progress.NONE);
 * }
 * }</pre>
 */
public final class Provisioner {
    private final Connect conn;
    private final OsCatalog catalog;

    public Provisioner(Connect conn, OsCatalog catalog) {
        this.conn = conn;
        this.catalog = catalog;
    }

    /**
     * How to install.
     *
     * @param dryRun   plan and check, make nothing (--dry-run)
     * @param waitFor  how long to wait for the install to finish: null not at all, negative forever (--wait)
     */
    public record Options(boolean dryRun, Duration waitFor) {
        public static final Options DEFAULT = new Options(false, null);
    }

    /**
     * The outcome.
     *
     * @param plan     what was done
     * @param domain   the defined guest, or null after a dry run
     */
    public record Result(Plan plan, Domain domain) {}

    /** Resolves the request; {@code printOnly} is --print-xml (no install method needed, the name may be taken). */
    public Plan plan(InstallRequest req, boolean printOnly) {
        return new Planner(conn, catalog).plan(req, printOnly);
    }

    /** The XML --print-xml prints: first boot then final, when the install has a first boot of its own. */
    public String printXml(InstallRequest req) {
        return plan(req, true).printedXml();
    }

    public Result install(InstallRequest req, Options options, Progress progress) {
        Plan plan = plan(req, false);
        plan.messages().forEach(progress::message);
        plan.warnings().forEach(progress::warning);
        if (options.dryRun()) {
            return new Result(plan, null);
        }
        Deque<Runnable> undo = new ArrayDeque<>();
        List<StorageVol> scratch = new ArrayList<>();
        Domain domain;
        try {
            buildStorage(plan, progress, undo);
            uploadMedia(plan, progress, scratch);
            progress.start("Creating domain...", 0);
            String first = plan.xml().initial() != null ? plan.xml().initial() : plan.xml().fin();
            Domain running = conn.domainCreateXML(first);
            undo.push(() -> quietly(running::destroy));
            domain = conn.domainDefineXML(plan.xml().fin());
            Domain defined = domain;
            if (req.reinstall() == null) {
                // a reinstalled guest existed before: a failure leaves it defined as it was
                undo.push(() -> quietly(() -> defined.undefine(org.jvirt.flags.DomainUndefineFlag.NVRAM,
                        org.jvirt.flags.DomainUndefineFlag.TPM)));
            }
            if (req.autostart()) {
                domain.setAutostart(true);
            }
            progress.end(0);
        } catch (RuntimeException | IOException e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            if (e instanceof IOException io) {
                throw InstallErrors.failed("%s", io.getMessage());
            }
            throw (RuntimeException) e;
        } finally {
            // the media were read when the guest started (virt-install deletes them at this point too)
            for (StorageVol v : scratch) {
                quietly(v::delete);
            }
        }
        if (plan.generatedPassword() != null) {
            progress.message("Password for first root login is: " + plan.generatedPassword());
        }
        if (options.waitFor() != null) {
            waitForInstall(domain, plan, options.waitFor(), progress);
        }
        return new Result(plan, domain);
    }

    /**
     * Makes the plan's volumes (and the default pool when missing), as virt-install does even for --print-xml
     * without --dry-run. On failure the volumes made so far are deleted again.
     */
    public void buildStorage(Plan plan, Progress progress) {
        Deque<Runnable> undo = new ArrayDeque<>();
        try {
            buildStorage(plan, progress, undo);
        } catch (RuntimeException e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw e;
        }
    }

    private void buildStorage(Plan plan, Progress progress, Deque<Runnable> undo) {
        if (needsDefaultPool(plan)) {
            Pools.ensureDefault(conn);
        }
        for (VolumePlan v : plan.volumes()) {
            StoragePool pool = Pools.startIfInactive(conn.storagePoolLookupByName(v.pool()));
            progress.start("Allocating '" + v.name() + "'", v.capacity());
            StorageVol vol = pool.storageVolCreateXML(v.toXml());
            undo.push(() -> quietly(vol::delete));
            progress.end(v.capacity());
        }
    }

    private boolean needsDefaultPool(Plan plan) {
        boolean uses = plan.volumes().stream().anyMatch(v -> Pools.DEFAULT.equals(v.pool()));
        return uses && Pools.lookupDefault(conn).isEmpty();
    }

    private void uploadMedia(Plan plan, Progress progress, List<StorageVol> scratch) throws IOException {
        if (plan.media().isEmpty()) {
            return;
        }
        // virt-install's boot-scratch pool (made when missing), not the default pool: scratch media stay apart
        StoragePool pool = Pools.ensureScratch(conn);
        Path tmp = Files.createTempDirectory("jvirt-install");
        try {
            for (MediaStep step : plan.media()) {
                Path local = tmp.resolve(step.name());
                step.maker().make(local, progress);
                scratch.add(Uploader.upload(conn, pool, step.name(), local, progress));
                Files.deleteIfExists(local);
            }
        } finally {
            try (var s = Files.list(tmp)) {
                for (Path f : s.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * virt-install's wait: until the guest shuts down (the installer's on_reboot=destroy ends the first boot),
     * then the defined guest is started again when the install had a first boot of its own.
     */
    private void waitForInstall(Domain domain, Plan plan, Duration wait, Progress progress) {
        long deadline = wait.isNegative() ? Long.MAX_VALUE : System.nanoTime() + wait.toNanos();
        progress.message("\nDomain is still running. Installation may be in progress.");
        progress.message(wait.isNegative() ? "Waiting for the installation to complete."
                : "Waiting " + wait.toMinutes() + " minutes for the installation to complete.");
        while (domain.getState().state() != DomainState.SHUTOFF) {
            if (System.nanoTime() > deadline) {
                throw InstallErrors.failed("Installation has exceeded specified time limit. Exiting application.");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        progress.message("Domain has shutdown. Continuing.");
        progress.message("Domain creation completed.");
        if (plan.hasInstallPhase()) {
            progress.message("Restarting guest.");
            domain.create();
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (VirtException e) {
            // undoing: the original error is the one to report
        }
    }
}
