#!/usr/bin/python3
"""Node devices and interfaces, jvirtd against a private libvirtd 9.0, the same python3-libvirt client code.

One round: listAllDevices() and XMLDesc() of every device, then listAllInterfaces() and XMLDesc() of each.
Prints per daemon the median and best round time over --reps rounds after --warmup rounds, and the ratio
(libvirtd / jvirtd; > 1 means jvirtd is faster).

  host_devices_bench.py --jvirtd URI --libvirtd URI [--reps 30] [--warmup 5]
"""
import argparse
import statistics
import sys
import time

import libvirt


def one_round(conn):
    n = 0
    for d in conn.listAllDevices(0):
        d.XMLDesc(0)
        n += 1
    for i in conn.listAllInterfaces(0):
        i.XMLDesc(0)
        n += 1
    return n


def measure(uri, reps, warmup):
    conn = libvirt.open(uri)
    try:
        for _ in range(warmup):
            one_round(conn)
        times = []
        count = 0
        for _ in range(reps):
            t0 = time.perf_counter()
            count = one_round(conn)
            times.append(time.perf_counter() - t0)
        return count, statistics.median(times), min(times)
    finally:
        conn.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jvirtd", required=True)
    p.add_argument("--libvirtd", required=True)
    p.add_argument("--reps", type=int, default=30)
    p.add_argument("--warmup", type=int, default=5)
    a = p.parse_args()
    libvirt.registerErrorHandler(lambda c, e: None, None)
    rows = {}
    for name, uri in (("jvirtd", a.jvirtd), ("libvirtd", a.libvirtd)):
        rows[name] = measure(uri, a.reps, a.warmup)
        n, med, best = rows[name]
        print(f"{name:9s} objects {n:4d}  median {med * 1000:8.2f} ms  best {best * 1000:8.2f} ms")
    ratio = rows["libvirtd"][1] / rows["jvirtd"][1]
    print(f"ratio (libvirtd/jvirtd median) {ratio:.2f}  (> 1: jvirtd faster)")


if __name__ == "__main__":
    sys.exit(main())
