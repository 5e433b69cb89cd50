#!/usr/bin/python3
"""Virtual networks side by side: jvirtd's network driver against a real libvirtd 9.0's, same python3-libvirt
client, each daemon in a network namespace of its own.

Measures, per daemon: the latency of net-start and of net-destroy of a NAT network with DHCP (median of --reps
runs), and the time to start then to stop --nets such networks one after another. Prints both and the ratio
libvirtd/jvirtd (above 1: jvirtd is faster).
"""
import argparse
import statistics
import sys
import time

import libvirt


def nat_xml(name, bridge, octet):
    return """<network><name>%s</name><forward mode='nat'/><bridge name='%s'/>
  <ip address='10.%d.%d.1' netmask='255.255.255.0'>
    <dhcp><range start='10.%d.%d.10' end='10.%d.%d.250'/></dhcp></ip></network>""" % (
        name, bridge, 200 + octet // 250, octet % 250, 200 + octet // 250, octet % 250, 200 + octet // 250,
        octet % 250)


def measure(uri, reps, nets):
    libvirt.registerErrorHandler(lambda *a: None, None)
    c = libvirt.open(uri)
    try:
        n = c.networkDefineXML(nat_xml("bnlat", "jvbnlat", 0))
        starts, stops = [], []
        for _ in range(reps):
            t = time.perf_counter()
            n.create()
            starts.append(time.perf_counter() - t)
            t = time.perf_counter()
            n.destroy()
            stops.append(time.perf_counter() - t)
        n.undefine()
        defined = [c.networkDefineXML(nat_xml("bn%d" % i, "jvbn%d" % i, i + 1)) for i in range(nets)]
        t = time.perf_counter()
        for d in defined:
            d.create()
        start_all = time.perf_counter() - t
        t = time.perf_counter()
        for d in defined:
            d.destroy()
        stop_all = time.perf_counter() - t
        for d in defined:
            d.undefine()
        return {"start": statistics.median(starts), "destroy": statistics.median(stops), "start_all": start_all,
                "stop_all": stop_all}
    finally:
        c.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jvirtd", required=True, help="URI of jvirtd's network driver")
    ap.add_argument("--libvirtd", required=True, help="URI of libvirtd's network driver")
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--nets", type=int, default=50)
    args = ap.parse_args()
    results = {}
    for name, uri in (("jvirtd", args.jvirtd), ("libvirtd", args.libvirtd)):
        results[name] = measure(uri, args.reps, args.nets)
    j, l = results["jvirtd"], results["libvirtd"]
    print("%-34s %10s %10s %8s" % ("", "jvirtd", "libvirtd", "ratio"))
    for key, label in (("start", "net-start, NAT+DHCP (median, ms)"), ("destroy", "net-destroy (median, ms)"),
                       ("start_all", "start %d networks (s)" % args.nets),
                       ("stop_all", "stop %d networks (s)" % args.nets)):
        scale = 1000 if key in ("start", "destroy") else 1
        print("%-34s %10.1f %10.1f %8.2f" % (label, j[key] * scale, l[key] * scale, l[key] / j[key]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
