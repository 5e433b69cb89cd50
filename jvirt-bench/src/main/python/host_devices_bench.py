#!/usr/bin/python3
"""Node devices and interfaces, jvirtd against a private libvirtd 9.0, the same python3-libvirt client code.

Two workloads, each a round: "nodedev" is listAllDevices() and XMLDesc() of every device (issue 16's figure:
nodedev-list and a full dumpxml of every device); "iface" is listAllInterfaces() and XMLDesc() of each.
Prints per daemon and workload the first round (cold: jvirtd still runs interpreted code there), then the
median and best round time over --reps rounds after --warmup rounds (steady state: jvirtd's code compiled, as
a daemon runs for days), and the ratios (libvirtd / jvirtd; > 1 means jvirtd is faster).

  host_devices_bench.py --jvirtd URI --libvirtd URI [--reps 30] [--warmup 200]
"""
import argparse
import statistics
import sys
import time

import libvirt


def nodedev_round(conn):
    n = 0
    for d in conn.listAllDevices(0):
        d.XMLDesc(0)
        n += 1
    return n


def iface_round(conn):
    n = 0
    for i in conn.listAllInterfaces(0):
        i.XMLDesc(0)
        n += 1
    return n


WORKLOADS = (("nodedev", nodedev_round), ("iface", iface_round))


def timed(conn, work):
    t0 = time.perf_counter()
    n = work(conn)
    return n, time.perf_counter() - t0


def measure(uris, work, reps, warmup):
    """Rounds alternate between the daemons, so a change in the machine's load hits both alike."""
    conns = {name: libvirt.open(uri) for name, uri in uris.items()}
    try:
        cold = {name: timed(c, work)[1] for name, c in conns.items()}
        for _ in range(warmup):
            for c in conns.values():
                work(c)
        times = {name: [] for name in conns}
        counts = {}
        for _ in range(reps):
            for name, c in conns.items():
                counts[name], t = timed(c, work)
                times[name].append(t)
        return {name: (counts[name], statistics.median(times[name]), min(times[name]), cold[name])
                for name in conns}
    finally:
        for c in conns.values():
            c.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jvirtd", required=True)
    p.add_argument("--libvirtd", required=True)
    p.add_argument("--reps", type=int, default=30)
    p.add_argument("--warmup", type=int, default=200)
    a = p.parse_args()
    libvirt.registerErrorHandler(lambda c, e: None, None)
    for label, work in WORKLOADS:
        rows = measure({"jvirtd": a.jvirtd, "libvirtd": a.libvirtd}, work, a.reps, a.warmup)
        for name in ("jvirtd", "libvirtd"):
            n, med, best, cold = rows[name]
            print(f"{label:8s} {name:9s} objects {n:4d}  cold {cold * 1000:8.2f} ms  median {med * 1000:8.2f} ms"
                  f"  best {best * 1000:8.2f} ms")
        ratio = rows["libvirtd"][1] / rows["jvirtd"][1]
        cold_ratio = rows["libvirtd"][3] / rows["jvirtd"][3]
        print(f"{label:8s} ratio (libvirtd/jvirtd median) {ratio:.2f}  cold {cold_ratio:.2f}  (> 1: jvirtd faster)")


if __name__ == "__main__":
    sys.exit(main())
