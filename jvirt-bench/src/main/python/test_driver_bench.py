#!/usr/bin/python3
"""Times on libvirt's own in-process test driver (python3-libvirt) the operations TestDriverBenchmark times on
jvirt's: lookup + info, define + undefine, listAll over 10,000 domains, and suspend/resume with both lifecycle
events delivered. Prints one line per operation: name, microseconds per operation (median of 5 runs)."""
import statistics
import threading
import time

import libvirt

from benchlib import test_domain_xml as xml


def timed(fn, n):
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(n):
            fn()
        runs.append((time.perf_counter() - t) / n * 1e6)
    return statistics.median(runs)


def main():
    libvirt.virEventRegisterDefaultImpl()
    conn = libvirt.open("test:///default")
    print("lookupAndInfo %.3f" % timed(lambda: conn.lookupByName("test").info(), 20000))
    print("defineAndUndefine %.3f" % timed(lambda: conn.defineXML(xml("bench-define")).undefine(), 5000))
    for i in range(10000):
        conn.defineXML(xml("bench-many-%d" % i))
    print("listAll(10000) %.3f" % timed(lambda: len(conn.listAllDomains()), 20))
    for d in conn.listAllDomains():
        if d.name().startswith("bench-many-"):
            d.undefine()

    dom = conn.lookupByName("test")
    got = threading.Semaphore(0)
    conn.domainEventRegisterAny(dom, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, lambda *a: got.release(), None)
    stop = False

    def loop():
        while not stop:
            libvirt.virEventRunDefaultImpl()
    t = threading.Thread(target=loop, daemon=True)
    t.start()

    def pair():
        dom.suspend()
        dom.resume()
        got.acquire()
        got.acquire()
    print("suspendResumeEventsDelivered %.3f" % timed(pair, 2000))
    stop = True


if __name__ == "__main__":
    main()
