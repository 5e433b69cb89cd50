#!/usr/bin/python3
"""Virtual networks side by side: jvirtd's network driver against a real libvirtd 9.0's, same python3-libvirt
client, each daemon in a network namespace of its own.

Measures, per daemon: the latency of net-start and of net-destroy of a NAT network with DHCP (median of --reps
runs), and the time to start then to stop --nets such networks one after another; with --kernel/--initrd (the
tiny test guest) and the daemons' QEMU URIs, also boot to lease: from virDomainCreateXML of a guest on a NAT
network (TCG) until its DHCP lease shows in virNetworkGetDHCPLeases (median of --boots). Prints both and the
ratio libvirtd/jvirtd (above 1: jvirtd is faster).
"""
import argparse
import statistics
import sys
import time

import libvirt


def nat_xml(name, bridge, octet, stp=True):
    return """<network><name>%s</name><forward mode='nat'/><bridge name='%s'""" % (name, bridge) + (
        "" if stp else " stp='off'") + """/>
  <ip address='10.%d.%d.1' netmask='255.255.255.0'>
    <dhcp><range start='10.%d.%d.10' end='10.%d.%d.250'/></dhcp></ip></network>""" % (
        200 + octet // 250, octet % 250, 200 + octet // 250, octet % 250, 200 + octet // 250, octet % 250)


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


GUEST = """<domain type='qemu'><name>bnguest</name><memory unit='MiB'>256</memory><vcpu>1</vcpu>
  <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd>
    <cmdline>console=ttyS0 no_timer_check quiet tg.token=bench</cmdline></os>
  <features><acpi/></features>
  <devices><interface type='network'><mac address='52:54:00:be:00:%02x'/><source network='bnboot'/>
    <model type='virtio'/></interface><serial type='pty'/><console type='pty'/></devices></domain>"""


def boot_to_lease(qemu_uri, kernel, initrd, boots):
    """Seconds from virDomainCreateXML to the guest's lease in virNetworkGetDHCPLeases, one per boot."""
    libvirt.registerErrorHandler(lambda *a: None, None)
    c = libvirt.open(qemu_uri)
    times = []
    try:
        # STP off: with it on, both kernels hold a new port for two forward delays (the kernel raises libvirt's
        # delay 0 to its 2 s minimum), longer than the test guest's DHCP client tries; that timer is not either
        # daemon's
        net = c.networkCreateXML(nat_xml("bnboot", "jvbnboot", 249, stp=False))
        try:
            for i in range(boots + 1):  # the first boot warms up (capabilities probe, page cache): not counted
                mac = "52:54:00:be:00:%02x" % i
                t = time.perf_counter()
                dom = c.createXML(GUEST % (kernel, initrd, i), 0)
                try:
                    deadline = t + 120
                    while not net.DHCPLeases(mac):
                        if time.perf_counter() > deadline:
                            raise RuntimeError("no lease for %s within 120 s on %s" % (mac, qemu_uri))
                        time.sleep(0.02)
                    if i > 0:
                        times.append(time.perf_counter() - t)
                finally:
                    dom.destroy()
        finally:
            net.destroy()
    finally:
        c.close()
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jvirtd", required=True, help="URI of jvirtd's network driver")
    ap.add_argument("--libvirtd", required=True, help="URI of libvirtd's network driver")
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--nets", type=int, default=50)
    ap.add_argument("--jvirtd-qemu", help="URI of jvirtd's QEMU driver (boot to lease)")
    ap.add_argument("--libvirtd-qemu", help="URI of libvirtd's QEMU driver (boot to lease)")
    ap.add_argument("--kernel", help="the test guest's kernel (boot to lease)")
    ap.add_argument("--initrd", help="the test guest's initramfs (boot to lease)")
    ap.add_argument("--boots", type=int, default=5)
    args = ap.parse_args()
    results = {}
    for name, uri in (("jvirtd", args.jvirtd), ("libvirtd", args.libvirtd)):
        results[name] = measure(uri, args.reps, args.nets)
    boot = args.kernel and args.initrd and args.jvirtd_qemu and args.libvirtd_qemu
    if boot:
        for name, uri in (("jvirtd", args.jvirtd_qemu), ("libvirtd", args.libvirtd_qemu)):
            results[name]["boot"] = boot_to_lease(uri, args.kernel, args.initrd, args.boots)
    j, l = results["jvirtd"], results["libvirtd"]
    print("%-34s %10s %10s %8s" % ("", "jvirtd", "libvirtd", "ratio"))
    rows = [("start", "net-start, NAT+DHCP (median, ms)"), ("destroy", "net-destroy (median, ms)"),
            ("start_all", "start %d networks (s)" % args.nets), ("stop_all", "stop %d networks (s)" % args.nets)]
    if boot:
        rows.append(("boot", "boot to lease, TCG (median, s)"))
    for key, label in rows:
        scale = 1000 if key in ("start", "destroy") else 1
        print("%-34s %10.1f %10.1f %8.2f" % (label, j[key] * scale, l[key] * scale, l[key] / j[key]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
