#!/usr/bin/python3
"""Live migration of the test guest between two private daemons on this host, jvirtd pair against real libvirtd 9.0
pair: the same python3-libvirt client calls virDomainMigrate3(VIR_MIGRATE_LIVE) back and forth, --reps times per
pair, and the median wall time of the call is printed (and the ratio; > 1 means jvirtd is faster).

    /usr/bin/python3 jvirt-bench/src/main/python/migration_bench.py --guest DIR --workdir DIR [--reps N]

Each "host" is one daemon of qemu_bench.py's kind (jvirtd with its own QEMU state and run directories; libvirtd as
nobody with its own XDG directories), both under benchlib's subreaper as in qemu_bench.py. The two libvirtds get
different host_uuid values, as two hosts have (libvirt refuses a migration to its own host UUID). The guest: 256 MiB,
TCG, the test guest of make-test-guest.sh, migrated once it printed READY. Every daemon and guest is stopped at the
end, also on error.
"""
import argparse
import os
import statistics
import sys
import time
import uuid

import benchlib
import qemu_bench


def child_migrations(uri_a, uri_b, xml, serial, token, reps, boot_timeout):
    """In a child: boots the guest on A, migrates it reps times (A->B, B->A, ...); returns the times in ms."""
    import libvirt
    benchlib.quiet_libvirt()
    hosts = [libvirt.open(uri_a), libvirt.open(uri_b)]
    hosts[0].createXML(xml, 0)
    qemu_bench.wait_marker(serial, "TESTGUEST-READY token=" + token, time.monotonic() + boot_timeout)
    times = []
    for i in range(reps):
        src, dst = hosts[i % 2], hosts[(i + 1) % 2]
        dom = src.lookupByName(token)
        t0 = time.perf_counter()
        moved = dom.migrate3(dst, {}, libvirt.VIR_MIGRATE_LIVE)
        times.append((time.perf_counter() - t0) * 1000.0)
        if moved.state()[0] != libvirt.VIR_DOMAIN_RUNNING:
            raise RuntimeError("not running after migration %d: %s" % (i, moved.state()))
    hosts[reps % 2].lookupByName(token).destroy()
    return {"times": times}


def measure(kind, args):
    workdir = os.path.join(args.workdir, kind)
    os.makedirs(workdir)
    uri = "qemu+unix:///session?socket={socket}"
    pair = []
    for name in ("a", "b"):
        if kind == "libvirtd":
            d = benchlib.Libvirtd(kind + "-" + name, workdir, uri, settings={"host_uuid": str(uuid.uuid4())},
                                  reaper=True, probe=qemu_bench.child_probe)
        else:
            d = qemu_bench.QemuJvirtd(kind + "-" + name, workdir, uri, reaper=True, probe=qemu_bench.child_probe,
                                      launcher=os.path.join(args.repo, "bin", "jvirtd"))
        pair.append(d)
    try:
        for d in pair:
            d.start(args.start_timeout)
        token = "mig" + uuid.uuid4().hex[:8]
        logdir = os.path.join(workdir, "serial")
        os.makedirs(logdir)
        benchlib.open_up(workdir)
        xml = qemu_bench.domain_xml(token, args.guest, logdir).replace(" tg.shell=0", "")
        r = benchlib.in_child(child_migrations, (pair[0].uri, pair[1].uri, xml, os.path.join(logdir, token + ".log"),
                                                 token, args.reps, args.boot_timeout), 600)
        if "times" not in r:
            raise RuntimeError("%s: %s" % (kind, r.get("error")))
        return r["times"]
    finally:
        for d in pair:
            d.stop()
        benchlib.kill_marked(workdir, exclude=(os.getpid(),))  # a guest left behind (jvirtd's outlive it)


def main():
    benchlib.require_libvirt("migration_bench.py")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--guest", required=True, help="test guest directory (vmlinuz, initramfs.cpio.gz)")
    ap.add_argument("--workdir", required=True, help="private scratch directory (must not exist yet)")
    ap.add_argument("--repo", default=benchlib.REPO)
    ap.add_argument("--reps", type=int, default=10, help="migrations per pair (default 10)")
    ap.add_argument("--daemons", default="jvirtd,libvirtd")
    ap.add_argument("--boot-timeout", type=int, default=90)
    ap.add_argument("--start-timeout", type=int, default=60)
    args = ap.parse_args()
    os.makedirs(args.workdir)
    medians = {}
    for kind in args.daemons.split(","):
        times = measure(kind, args)
        medians[kind] = statistics.median(times)
        print("%-9s live migration, median %6.0f ms (min %.0f, max %.0f) over %d: %s" % (
            kind, medians[kind], min(times), max(times), len(times), " ".join("%.0f" % t for t in times)))
    if "jvirtd" in medians and "libvirtd" in medians:
        print("ratio libvirtd/jvirtd: %.2f" % (medians["libvirtd"] / medians["jvirtd"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
