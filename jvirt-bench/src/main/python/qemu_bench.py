#!/usr/bin/python3
"""Side-by-side QEMU benchmark: the same domain XML, through the same python3-libvirt client code, against jvirtd
and against a private, unprivileged real libvirtd 9.0 (/usr/sbin/libvirtd run as nobody), both serving
qemu:///session on their own unix sockets, plus the floor: qemu-system-x86_64 started by hand with an equivalent
argv. TCG guests (the tiny test guest of jvirt-driver-qemu/src/test/sh/make-test-guest.sh), machine pc, 256 MiB.

Run it through scripts/bench-qemu.sh (which builds jvirtd and the test guest first and cleans up after a crash),
or directly:

    /usr/bin/python3 jvirt-bench/src/main/python/qemu_bench.py --guest DIR [--json FILE] [--reps N] ...

Metrics, per daemon (medians over the repetitions, +-x% = half the min-max spread relative to the median):
  * define->running: createXML() until it returns and state() says running; and defineXML()+create() the same way;
  * guest boot: from the start call to the line TESTGUEST-READY in the <serial type='file'> log (mostly the guest);
  * destroy latency: destroy() of a running guest until the call returns;
  * ACPI shutdown latency: after TESTGUEST-READY, shutdown() until the lifecycle event STOPPED arrives (the state is
    polled too, as a fallback and cross-check);
  * 10 parallel starts: 10 transient guests created concurrently from 10 threads, one connection each, wall time
    until all are running; then the wall time to destroy them all, also in parallel;
  * daemon CPU per guest lifecycle: utime+stime of the daemon (/proc/PID/stat) around N define/create/destroy/
    undefine cycles, divided by N;
  * the floor ("raw qemu" column): qemu started by hand until QMP query-status says running; its stop (QMP quit until
    the process is gone); its ACPI powerdown (system_powerdown after READY until exit); 10 of them in parallel.

The order of the participants alternates each repetition (jvirtd, libvirtd, raw qemu; then the reverse). The
machine is small and shared: treat differences under ~20% as noise.

Zombies: on this machine an orphaned process (libvirtd double-forks qemu, so qemu is reparented) is reaped by an
ancestor outside the container ~1.5 s after it exits, and libvirtd waits for its qemu pid to vanish in destroy and
shutdown. On a normal host systemd reaps at once. So each daemon runs under a tiny subreaper (benchlib.py
--reaper) that reaps at once; --no-reaper measures without it.

Every libvirt call happens in a forked child with a timeout: a hung daemon costs one metric, not the run.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid

import benchlib
from benchlib import LIBVIRTD, T_START, in_child, log, pid_alive, proc_cpu, version_of

QEMU = "/usr/bin/qemu-system-x86_64"
RAW = "raw qemu"

# key, label, unit, "lower"/"higher" is better, scale for display
METRICS = [
    ("start_createxml", "define->running, createXML", "ms", 1e3),
    ("start_define_create", "define->running, defineXML+create", "ms", 1e3),
    ("boot_ready", "start call -> TESTGUEST-READY", "s", 1),
    ("destroy", "destroy latency", "ms", 1e3),
    ("shutdown", "ACPI shutdown latency (-> shut off)", "ms", 1e3),
    ("parallel_start", "10 parallel starts, wall", "s", 1),
    ("parallel_destroy", "10 parallel destroys, wall", "s", 1),
    ("cpu_per_cycle", "daemon CPU per lifecycle", "ms", 1e3),
]
FLOOR_OF = {"start_createxml": "start", "start_define_create": "start", "boot_ready": "boot_ready",
            "destroy": "quit", "shutdown": "powerdown", "parallel_start": "parallel_start",
            "parallel_destroy": "parallel_quit"}


# ---------------------------------------------------------------------------------------------------------------
# Daemons: qemu:///session on their unix sockets

class QemuJvirtd(benchlib.Jvirtd):
    """jvirtd with its qemu driver's state and run directories (and HOME, XDG dirs) inside its private directory."""

    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.qrun = os.path.join(self.dir, "q")  # short: monitor socket paths end at 107 bytes
        self.state = os.path.join(self.dir, "state")

    def env(self):
        return dict(super().env(), JVIRT_QEMU_STATE_DIR=self.state, JVIRT_QEMU_RUN_DIR=self.qrun,
                    HOME=self.home, XDG_CACHE_HOME=os.path.join(self.home, ".cache"),
                    XDG_DATA_HOME=os.path.join(self.home, ".local", "share"), XDG_RUNTIME_DIR=self.run)


def make_daemon(name, workdir, args):
    uri = "qemu+unix:///session?socket={socket}"
    if name == "libvirtd":
        return benchlib.Libvirtd(name, workdir, uri, reaper=not args.no_reaper, probe=child_probe)
    return QemuJvirtd(name, workdir, uri, reaper=not args.no_reaper, probe=child_probe,
                      launcher=os.path.join(args.repo, "bin", "jvirtd"))


# ---------------------------------------------------------------------------------------------------------------
# Child processes: every libvirt call is made in one (benchlib.in_child)


def child_probe(uri):
    import libvirt
    c = libvirt.open(uri)
    try:
        c.getCapabilities()  # the capability probe of qemu happens here, not in the first measurement
        return {"version": c.getVersion(), "libversion": c.getLibVersion()}
    finally:
        c.close()


def domain_xml(name, guest, logdir):
    return """<domain type='qemu'>
  <name>%(name)s</name>
  <uuid>%(uuid)s</uuid>
  <memory unit='MiB'>256</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>%(guest)s/vmlinuz</kernel>
    <initrd>%(guest)s/initramfs.cpio.gz</initrd>
    <cmdline>console=ttyS0 quiet tg.token=%(name)s tg.net=0 tg.shell=0</cmdline>
  </os>
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>destroy</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>%(qemu)s</emulator>
    <serial type='file'><source path='%(logdir)s/%(name)s.log'/><target port='0'/></serial>
    <memballoon model='none'/>
  </devices>
</domain>
""" % {"name": name, "uuid": uuid.uuid4(), "guest": guest, "logdir": logdir, "qemu": QEMU}


def wait_marker(path, marker, deadline):
    while time.monotonic() < deadline:
        try:
            with open(path, "rb") as f:
                if marker.encode() in f.read():
                    return time.monotonic()
        except OSError:
            pass
        time.sleep(0.02)
    raise TimeoutError("no %s in %s" % (marker, path))


def is_gone_or_off(dom):
    import libvirt
    try:
        return dom.state()[0] == libvirt.VIR_DOMAIN_SHUTOFF
    except libvirt.libvirtError as e:
        if e.get_error_code() == libvirt.VIR_ERR_NO_DOMAIN:
            return True
        raise


def qemu_alive(name):
    """Whether the qemu of guest name still exists (not counting a zombie): checks that the daemon returned only
    once its qemu was gone."""
    m = ("tg.token=%s " % name).encode()
    for e in os.listdir("/proc"):
        if e.isdigit():
            try:
                with open("/proc/%s/cmdline" % e, "rb") as f:
                    if m in f.read() and pid_alive(int(e)):
                        return True
            except OSError:
                pass
    return False


def start_event_loop():
    import libvirt
    libvirt.virEventRegisterDefaultImpl()

    def loop():
        while True:
            libvirt.virEventRunDefaultImpl()

    threading.Thread(target=loop, daemon=True).start()


def create_running(conn, xml):
    """createXML, then state() must say running; returns (dom, seconds)."""
    import libvirt
    t0 = time.monotonic()
    d = conn.createXML(xml, 0)
    st = d.state()[0]
    t1 = time.monotonic()
    if st != libvirt.VIR_DOMAIN_RUNNING:
        raise RuntimeError("state %d after createXML, not running" % st)
    return d, t1 - t0


def child_start_shutdown(uri, xml, name, logpath, boot_timeout):
    """createXML -> running; READY on the serial log; shutdown() -> lifecycle event STOPPED (state polled too)."""
    import libvirt
    start_event_loop()
    conn = libvirt.open(uri)
    stopped = {}
    ev = threading.Event()

    def cb(_c, dom, event, detail, _o):
        if dom.name() == name and event == libvirt.VIR_DOMAIN_EVENT_STOPPED and "t" not in stopped:
            stopped["t"] = time.monotonic()
            stopped["detail"] = detail
            stopped["qemu_alive"] = qemu_alive(name)
            ev.set()

    cbid = conn.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, cb, None)
    d = None
    try:
        t0 = time.monotonic()
        d, start = create_running(conn, xml)
        ready = wait_marker(logpath, "TESTGUEST-READY", t0 + boot_timeout) - t0
        t2 = time.monotonic()
        d.shutdown()
        polled = None
        retried = False
        deadline = t2 + 40
        while time.monotonic() < deadline:
            if ev.wait(0.05) and polled is not None:
                break
            if polled is None and is_gone_or_off(d):
                polled = time.monotonic()
            if ev.is_set() and time.monotonic() > stopped["t"] + 2:
                break  # the event came; the poll is only a cross-check
            if polled is None and not retried and time.monotonic() > t2 + 15:
                d.shutdown()  # a lost button press (the guest was not listening yet): press again
                retried = True
            if polled is not None and time.monotonic() > polled + 5:
                break  # off, but no event within 5 s
        res = {"start": start, "boot_ready": ready, "retried": retried, "detail": stopped.get("detail"),
               "qemu_alive_at_event": stopped.get("qemu_alive"),
               "event": stopped["t"] - t2 if "t" in stopped else None,
               "polled": polled - t2 if polled else None}
        if res["event"] is None and res["polled"] is None:
            raise TimeoutError("still running 40 s after shutdown()")
        res["shutdown"] = res["event"] if res["event"] is not None else res["polled"]
        res["via"] = "event" if res["event"] is not None else "poll"
        d = None
        return res
    finally:
        if d is not None:
            try:
                d.destroy()
            except libvirt.libvirtError:
                pass
        try:
            conn.domainEventDeregisterAny(cbid)
        except libvirt.libvirtError:
            pass
        conn.close()


def child_start_destroy(uri, xml, name):
    import libvirt
    conn = libvirt.open(uri)
    try:
        d, start = create_running(conn, xml)
        t0 = time.monotonic()
        d.destroy()
        t1 = time.monotonic()
        alive = qemu_alive(name)
        if not is_gone_or_off(d):
            raise RuntimeError("not shut off after destroy()")
        return {"start": start, "destroy": t1 - t0, "qemu_alive_after": alive}
    finally:
        conn.close()


def child_parallel(uri, xmls):
    """len(xmls) transient guests from as many threads, one connection each; then destroy all in parallel."""
    import libvirt
    n = len(xmls)
    conns = [libvirt.open(uri) for _ in range(n)]
    doms = [None] * n
    ends = [None] * n
    errors = []
    barrier = threading.Barrier(n + 1)

    def starter(i):
        try:
            barrier.wait(30)
            doms[i], _ = create_running(conns[i], xmls[i])
            ends[i] = time.monotonic()
        except Exception as e:  # noqa: BLE001
            errors.append("guest %d: %s" % (i, e))

    def destroyer(i):
        try:
            barrier.wait(30)
            doms[i].destroy()
            ends[i] = time.monotonic()
        except Exception as e:  # noqa: BLE001
            errors.append("destroy %d: %s" % (i, e))

    try:
        threads = [threading.Thread(target=starter, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        t0 = time.monotonic()
        barrier.wait(30)
        for t in threads:
            t.join(120)
        res = {"parallel_start": max(e for e in ends if e) - t0 if any(ends) else None,
               "started": sum(1 for e in ends if e)}
        started = [i for i in range(n) if doms[i] is not None]
        barrier = threading.Barrier(len(started) + 1)
        ends = [None] * n
        threads = [threading.Thread(target=destroyer, args=(i,)) for i in started]
        for t in threads:
            t.start()
        t0 = time.monotonic()
        barrier.wait(30)
        for t in threads:
            t.join(120)
        res["parallel_destroy"] = max(e for e in ends if e) - t0 if any(ends) else None
        if errors:
            res["errors"] = errors
        return res
    finally:
        for c in conns:
            try:
                c.close()
            except libvirt.libvirtError:
                pass


def child_cycles(uri, pid, xmls):
    """define/create/destroy/undefine per xml; the daemon's CPU around all of them."""
    import libvirt
    conn = libvirt.open(uri)
    try:
        conn.getVersion()
        starts = []
        c0, k0 = proc_cpu(pid)
        w0 = time.monotonic()
        for xml in xmls:
            t0 = time.monotonic()
            d = conn.defineXML(xml)
            d.create()
            st = d.state()[0]
            starts.append(time.monotonic() - t0)
            if st != libvirt.VIR_DOMAIN_RUNNING:
                raise RuntimeError("state %d after create, not running" % st)
            d.destroy()
            d.undefine()
        w1 = time.monotonic()
        c1, k1 = proc_cpu(pid)
        n = len(xmls)
        return {"cpu_per_cycle": (c1 - c0) / n, "children_cpu_per_cycle": (k1 - k0) / n,
                "wall_per_cycle": (w1 - w0) / n, "starts": starts}
    finally:
        conn.close()


def child_purge(uri, prefix):
    import libvirt
    conn = libvirt.open(uri)
    n = 0
    try:
        for d in conn.listAllDomains():
            if d.name().startswith(prefix):
                try:
                    if d.isActive():
                        d.destroy()
                    if d.isPersistent():
                        d.undefine()
                    n += 1
                except libvirt.libvirtError:
                    pass
        return {"purged": n}
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------------------------
# The floor: qemu by hand

class Qmp:
    def __init__(self, path, deadline):
        while True:
            try:
                self.s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.s.connect(path)
                break
            except OSError:
                self.s.close()
                if time.monotonic() > deadline:
                    raise TimeoutError("QMP socket %s never answered" % path)
                time.sleep(0.002)
        self.s.settimeout(max(1.0, deadline - time.monotonic()))
        self.f = self.s.makefile("rb")
        self.read()  # greeting
        self.cmd("qmp_capabilities")

    def read(self):
        line = self.f.readline()
        if not line:
            raise EOFError("QMP closed")
        return json.loads(line)

    def cmd(self, name, args=None, wait=True):
        m = {"execute": name}
        if args:
            m["arguments"] = args
        self.s.sendall(json.dumps(m).encode() + b"\n")
        while wait:
            r = self.read()
            if "return" in r:
                return r["return"]
            if "error" in r:
                raise RuntimeError("QMP %s: %s" % (name, r["error"]))

    def close(self):
        try:
            self.f.close()
            self.s.close()
        except OSError:
            pass


class RawQemu:
    def __init__(self, workdir, guest, logdir, name):
        self.qmp_path = os.path.join(workdir, "raw", name + ".qmp")
        self.logpath = os.path.join(logdir, name + ".log")
        os.makedirs(os.path.dirname(self.qmp_path), exist_ok=True)
        self.argv = [QEMU, "-name", name, "-accel", "tcg", "-M", "pc", "-m", "256", "-smp", "1", "-nodefaults",
                     "-no-user-config", "-display", "none",
                     "-kernel", guest + "/vmlinuz", "-initrd", guest + "/initramfs.cpio.gz",
                     "-append", "console=ttyS0 quiet tg.token=%s tg.net=0 tg.shell=0" % name,
                     "-serial", "file:" + self.logpath, "-qmp", "unix:%s,server=on,wait=off" % self.qmp_path]
        self.errlog = os.path.join(workdir, "raw", name + ".stderr")
        self.proc = None
        self.qmp = None

    def start(self, timeout=30):
        """Popen until QMP query-status says running; returns seconds."""
        t0 = time.monotonic()
        with open(self.errlog, "w") as err:
            self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL, stdout=err, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self.t0 = t0
        deadline = t0 + timeout
        self.qmp = Qmp(self.qmp_path, deadline)
        while self.qmp.cmd("query-status").get("status") != "running":
            if time.monotonic() > deadline:
                raise TimeoutError("raw qemu not running after %ds" % timeout)
            time.sleep(0.002)
        return time.monotonic() - t0

    def quit(self):
        t0 = time.monotonic()
        self.qmp.cmd("quit", wait=False)
        self.proc.wait(30)
        t = time.monotonic() - t0
        self.qmp.close()
        return t

    def powerdown(self, timeout=40):
        t0 = time.monotonic()
        self.qmp.cmd("system_powerdown")
        retried = False
        while True:
            try:
                self.proc.wait(0.02)
                break
            except subprocess.TimeoutExpired:
                if not retried and time.monotonic() > t0 + 15:
                    self.qmp.cmd("system_powerdown")
                    retried = True
                if time.monotonic() > t0 + timeout:
                    raise TimeoutError("raw qemu still running %ds after system_powerdown" % timeout)
        t = time.monotonic() - t0
        self.qmp.close()
        return t

    def kill(self):
        if self.qmp:
            self.qmp.close()
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


# ---------------------------------------------------------------------------------------------------------------
# The run

class Results(benchlib.Results):
    def __init__(self, names):
        super().__init__(METRICS, names, [RAW])
        self.floor = {}

    def add_floor(self, key, value):
        if value is not None:
            self.floor.setdefault(key, []).append(value)

    def fail(self, key, name, msg):
        log("%s %s FAILED: %s" % (name, key, msg.strip().splitlines()[0] if msg.strip() else msg))
        super().fail(key, name, msg)



class Ctx:
    def __init__(self, args, workdir, guest, logdir):
        self.args = args
        self.workdir = workdir
        self.guest = guest
        self.logdir = logdir
        self.seq = 0

    def name(self, who, what):
        self.seq += 1
        return "qb-%s-%s-%d" % ("j" if who == "jvirtd" else ("l" if who == "libvirtd" else "q"), what, self.seq)


def rep_daemon(ctx, d, res):
    a = ctx.args
    if d.check():
        return
    # 1. createXML -> running, READY, ACPI shutdown
    name = ctx.name(d.name, "sd")
    r = in_child(child_start_shutdown, (d.uri, domain_xml(name, ctx.guest, ctx.logdir), name,
                                        os.path.join(ctx.logdir, name + ".log"), a.boot_timeout),
                 a.boot_timeout + 60)
    if r.get("ok"):
        res.add("start_createxml", d.name, r["start"])
        res.add("boot_ready", d.name, r["boot_ready"])
        res.add("shutdown", d.name, r["shutdown"])
        ex = res.extra[d.name]
        ex.setdefault("shutdown_via", []).append(r["via"])
        ex.setdefault("shutdown_polled_s", []).append(r["polled"])
        ex.setdefault("shutdown_event_s", []).append(r["event"])
        if r.get("qemu_alive_at_event"):
            ex["qemu_alive_at_stopped_event"] = ex.get("qemu_alive_at_stopped_event", 0) + 1
        if r["retried"]:
            ex["shutdown_retried"] = ex.get("shutdown_retried", 0) + 1
    else:
        res.fail("shutdown", d.name, r["error"] + "\n" + r.get("trace", ""))
    if d.check():
        return
    # 2. createXML -> running, destroy
    name = ctx.name(d.name, "ds")
    r = in_child(child_start_destroy, (d.uri, domain_xml(name, ctx.guest, ctx.logdir), name), 90)
    if r.get("ok"):
        res.add("start_createxml", d.name, r["start"])
        res.add("destroy", d.name, r["destroy"])
        if r["qemu_alive_after"]:
            res.extra[d.name]["qemu_alive_after_destroy"] = res.extra[d.name].get("qemu_alive_after_destroy", 0) + 1
    else:
        res.fail("destroy", d.name, r["error"] + "\n" + r.get("trace", ""))
    if d.check():
        return
    # 3. parallel starts
    if a.parallel > 0:
        xmls = [domain_xml(ctx.name(d.name, "p"), ctx.guest, ctx.logdir) for _ in range(a.parallel)]
        r = in_child(child_parallel, (d.uri, xmls), 240)
        if r.get("ok") and r.get("started") == a.parallel and not r.get("errors"):
            res.add("parallel_start", d.name, r["parallel_start"])
            res.add("parallel_destroy", d.name, r["parallel_destroy"])
        else:
            res.fail("parallel_start", d.name, r.get("error") or "; ".join(r.get("errors", [])) or "incomplete")
            in_child(child_purge, (d.uri, "qb-"), 60)
    if d.check():
        return
    # 4. lifecycle cycles: daemon CPU
    if a.cycles > 0:
        xmls = [domain_xml(ctx.name(d.name, "c"), ctx.guest, ctx.logdir) for _ in range(a.cycles)]
        r = in_child(child_cycles, (d.uri, d.pid, xmls), 60 + 20 * a.cycles)
        if r.get("ok"):
            res.add("cpu_per_cycle", d.name, r["cpu_per_cycle"])
            for s in r["starts"]:
                res.add("start_define_create", d.name, s)
            ex = res.extra[d.name]
            ex.setdefault("children_cpu_per_cycle_s", []).append(r["children_cpu_per_cycle"])
            ex.setdefault("wall_per_cycle_s", []).append(r["wall_per_cycle"])
        else:
            res.fail("cpu_per_cycle", d.name, r["error"] + "\n" + r.get("trace", ""))
            in_child(child_purge, (d.uri, "qb-"), 60)


def rep_raw(ctx, res):
    a = ctx.args
    ex = res.extra[RAW]
    q = RawQemu(ctx.workdir, ctx.guest, ctx.logdir, ctx.name(RAW, "sd"))
    try:
        res.add_floor("start", q.start())
        res.add_floor("boot_ready", wait_marker(q.logpath, "TESTGUEST-READY", q.t0 + a.boot_timeout) - q.t0)
        res.add_floor("powerdown", q.powerdown())
    except Exception as e:  # noqa: BLE001
        ex.setdefault("errors", []).append("start/powerdown: %s" % e)
        log("raw qemu FAILED: %s" % e)
    finally:
        q.kill()
    q = RawQemu(ctx.workdir, ctx.guest, ctx.logdir, ctx.name(RAW, "ds"))
    try:
        res.add_floor("start", q.start())
        res.add_floor("quit", q.quit())
    except Exception as e:  # noqa: BLE001
        ex.setdefault("errors", []).append("start/quit: %s" % e)
        log("raw qemu FAILED: %s" % e)
    finally:
        q.kill()
    if a.parallel > 0:
        qs = [RawQemu(ctx.workdir, ctx.guest, ctx.logdir, ctx.name(RAW, "p")) for _ in range(a.parallel)]
        ends = [None] * len(qs)
        errs = []
        barrier = threading.Barrier(len(qs) + 1)

        def go(i, fn):
            try:
                barrier.wait(30)
                fn(qs[i])
                ends[i] = time.monotonic()
            except Exception as e:  # noqa: BLE001
                errs.append("%d: %s" % (i, e))

        try:
            for label, fn, key in (("start", RawQemu.start, "parallel_start"),
                                   ("quit", RawQemu.quit, "parallel_quit")):
                ends = [None] * len(qs)
                barrier = threading.Barrier(len(qs) + 1)
                ts = [threading.Thread(target=go, args=(i, fn)) for i in range(len(qs))]
                for t in ts:
                    t.start()
                t0 = time.monotonic()
                barrier.wait(30)
                for t in ts:
                    t.join(120)
                if errs or not all(ends):
                    raise RuntimeError("parallel %s: %s" % (label, "; ".join(errs) or "incomplete"))
                res.add_floor(key, max(ends) - t0)
        except Exception as e:  # noqa: BLE001
            ex.setdefault("errors", []).append(str(e))
            log("raw qemu parallel FAILED: %s" % e)
        finally:
            for q in qs:
                q.kill()


def warm_up(ctx, d):
    """One full boot to READY and a destroy, unmeasured: JIT, page cache, the first-start paths of the daemon."""
    name = ctx.name(d.name, "w")
    r = in_child(child_start_shutdown, (d.uri, domain_xml(name, ctx.guest, ctx.logdir), name,
                                        os.path.join(ctx.logdir, name + ".log"), ctx.args.boot_timeout),
                 ctx.args.boot_timeout + 60)
    if not r.get("ok"):
        in_child(child_purge, (d.uri, "qb-"), 60)
        return "warm-up boot failed: %s" % r["error"]
    r = in_child(child_cycles, (d.uri, d.pid, [domain_xml(ctx.name(d.name, "w"), ctx.guest, ctx.logdir)]), 80)
    if not r.get("ok"):
        in_child(child_purge, (d.uri, "qb-"), 60)
        return "warm-up define/start/destroy/undefine failed: %s" % r["error"]
    return None


def run(args):
    workdir = os.path.abspath(args.workdir)
    guest = os.path.join(workdir, "guest")
    logdir = os.path.join(workdir, "serial")
    os.makedirs(guest, exist_ok=True)
    os.makedirs(logdir, exist_ok=True)
    os.chmod(workdir, 0o755)
    os.chmod(guest, 0o755)
    os.chmod(logdir, 0o777)  # libvirtd (nobody) creates the serial logs here
    for f in ("vmlinuz", "initramfs.cpio.gz"):
        shutil.copyfile(os.path.join(args.guest, f), os.path.join(guest, f))
        os.chmod(os.path.join(guest, f), 0o644)
    ctx = Ctx(args, workdir, guest, logdir)

    wanted = [n.strip() for n in args.daemons.split(",") if n.strip()]
    unavailable = {}
    daemons = []
    for n in wanted:
        if n == "jvirtd":
            if args.jvirtd_unavailable:
                unavailable[n] = args.jvirtd_unavailable
                continue
            daemons.append(make_daemon(n, workdir, args))
        elif n == "libvirtd":
            if not os.access(LIBVIRTD, os.X_OK):
                unavailable[n] = "%s not installed" % LIBVIRTD
                continue
            daemons.append(make_daemon(n, workdir, args))
        else:
            raise SystemExit("unknown daemon %r" % n)
    names = wanted
    res = Results(names)
    meta = {"reps": 0, "reps_requested": args.reps, "cycles": args.cycles, "parallel": args.parallel,
            "cpus": os.cpu_count(), "loadavg_start": os.getloadavg(), "reaper": not args.no_reaper,
            "qemu": version_of([QEMU, "--version"]), "libvirtd": version_of([LIBVIRTD, "--version"]),
            "client": "python3-libvirt %s on %s" % (__import__("libvirt").getVersion(), sys.executable),
            "transport": "unix socket, qemu:///session", "orders": [],
            "guest": args.guest, "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    try:
        live = []
        for d in daemons:
            log("starting %s" % d.name)
            try:
                d.start(args.start_timeout)
            except Exception as e:  # noqa: BLE001
                unavailable[d.name] = "did not start: %s" % e
                log("%s did not start: %s" % (d.name, e))
                d.stop()
                continue
            res.extra[d.name]["daemon_start_s"] = round(d.start_seconds, 3)
            res.extra[d.name]["version"] = d.version
            log("%s up in %.1fs (pid %d); warm-up boot" % (d.name, d.start_seconds, d.pid))
            err = warm_up(ctx, d)
            if err:
                unavailable[d.name] = err
                log("%s: %s" % (d.name, err))
                continue
            live.append(d)
        participants = live + ([RAW] if not args.no_raw else [])
        if not live and args.no_raw:
            raise SystemExit("nothing to measure")
        for rep in range(args.reps):
            if rep > 0 and time.monotonic() - T_START > args.budget:
                log("time budget of %ds used up after %d repetitions: stopping" % (args.budget, rep))
                break
            order = participants if rep % 2 == 0 else list(reversed(participants))
            onames = [p if p == RAW else p.name for p in order]
            meta["orders"].append(onames)
            log("repetition %d/%d, order %s" % (rep + 1, args.reps, " -> ".join(onames)))
            for p in order:
                if p == RAW:
                    rep_raw(ctx, res)
                else:
                    rep_daemon(ctx, p, res)
            meta["reps"] = rep + 1
        for d in live:
            if not d.check():
                res.extra[d.name]["rss_end_mib"] = round(d.rss_mib(default=0), 1)
                res.extra[d.name]["cpu_total_s"] = round(d.cpu(), 2)
    finally:
        for d in daemons:
            if d.alive():
                r = in_child(child_purge, (d.uri, "qb-"), 60)
                if r.get("purged"):
                    log("%s: %d leftover guests destroyed" % (d.name, r["purged"]))
            d.stop()
        left = benchlib.kill_marked(workdir, exclude={os.getpid(), os.getppid()})
        if left:
            log("could not end: %s" % left)
    meta["loadavg_end"] = os.getloadavg()
    meta["elapsed_s"] = time.monotonic() - T_START
    return summarize(meta, names, res, unavailable)


def stats(s):
    med = statistics.median(s)
    return {"median": med, "min": min(s), "max": max(s), "n": len(s), "samples": s,
            "spread_pct": (max(s) - min(s)) / 2 / med * 100 if med else 0.0}


def summarize(meta, names, res, unavailable):
    rows = []
    for key, label, unit, scale in METRICS:
        row = {"key": key, "metric": label, "unit": unit, "better": "lower", "scale": scale}
        for n in names:
            s = res.samples[key][n]
            if s:
                row[n] = stats(s)
            else:
                row[n] = {"median": None, "samples": [],
                          "error": res.errors.get(n, {}).get(key) or unavailable.get(n) or "not measured"}
        fk = FLOOR_OF.get(key)
        row[RAW] = stats(res.floor[fk]) if fk and res.floor.get(fk) else {"median": None, "samples": []}
        if fk:
            row["floor_is"] = {"start": "Popen -> QMP query-status running", "boot_ready": "Popen -> READY",
                               "quit": "QMP quit -> process gone", "powerdown": "system_powerdown -> exit",
                               "parallel_start": "N x (Popen -> running)", "parallel_quit": "N x quit"}[fk]
        j = row.get("jvirtd", {}).get("median")
        lv = row.get("libvirtd", {}).get("median")
        row["ratio"] = lv / j if j and lv else None
        rows.append(row)
    return {"meta": meta, "daemons": names, "unavailable": unavailable, "extra": res.extra, "metrics": rows,
            "errors": {n: e for n, e in res.errors.items() if e},
            "ratio_meaning": "libvirtd/jvirtd (all metrics are times or CPU): > 1 means jvirtd is better"}


def fmt(v, scale):
    if v is None:
        return "n/a"
    v *= scale
    a = abs(v)
    return "%.0f" % v if a >= 100 else ("%.1f" % v if a >= 10 else "%.2f" % v)


def print_table(summary, out=sys.stdout):
    names = summary["daemons"]
    meta = summary["meta"]
    w = 37
    print(file=out)
    print("jvirtd vs libvirtd 9.0, qemu:///session over unix sockets, same client (%s)" % meta["client"], file=out)
    print("TCG guests (pc, 256 MiB, test guest); medians of %d repetitions, order alternating per repetition "
          "(%s);" % (meta["reps"], " / ".join(",".join(o) for o in meta["orders"][:2])), file=out)
    print("+-x%% = half the min-max spread; %s CPUs shared with other work, load %.1f -> %.1f: NOISY, treat <20%% "
          "as noise" % (meta["cpus"], meta["loadavg_start"][0], meta["loadavg_end"][0]), file=out)
    print("ratio = libvirtd/jvirtd: > 1 means jvirtd is better. daemons run under a subreaper: %s" % (
        "yes" if meta["reaper"] else "NO (libvirtd's qemu zombies wait ~1.5 s for this host's reaper)"), file=out)
    print(file=out)
    hdr = "%-*s %-4s" % (w, "metric", "unit") + "".join("%16s" % n for n in names)
    if len(names) == 2:
        hdr += "%8s" % "ratio"
    hdr += "%16s" % RAW
    print(hdr, file=out)
    print("-" * len(hdr), file=out)
    for row in summary["metrics"]:
        sc = row["scale"]
        row["metric"] = row["metric"].replace("10 parallel", "%d parallel" % meta["parallel"])
        cells = []
        for n in names + [RAW]:
            c = row[n]
            if c["median"] is None:
                txt = "-" if n == RAW or c.get("error") == "not measured" else (
                    "n/a" if n in summary["unavailable"] else "error")
            elif c["n"] > 1:
                txt = "%s +-%.0f%%" % (fmt(c["median"], sc), c["spread_pct"])
            else:
                txt = fmt(c["median"], sc)
            cells.append(txt)
        line = "%-*s %-4s" % (w, row["metric"], row["unit"]) + "".join("%16s" % c for c in cells[:-1])
        if len(names) == 2:
            line += "%8s" % ("%.2fx" % row["ratio"] if row["ratio"] else "-")
        line += "%16s" % cells[-1]
        print(line, file=out)
    print(file=out)
    print("raw qemu column: %s" % "; ".join(
        "%s = %s" % (r["metric"].split(",")[0] if r["key"].startswith("start_") else r["metric"], r["floor_is"])
        for r in summary["metrics"] if r.get("floor_is") and r["key"] != "start_define_create"), file=out)
    for n, why in summary["unavailable"].items():
        print("%s: NOT (FULLY) MEASURED: %s" % (n, why.strip()), file=out)
    for n, errs in summary["errors"].items():
        for k, e in errs.items():
            print("%s %s: %s" % (n, k, e.strip().splitlines()[0] if e.strip() else e), file=out)
    ex = summary["extra"]
    for n in names:
        e = ex.get(n) or {}
        if not e:
            continue
        parts = []
        for k in ("daemon_start_s", "rss_end_mib", "cpu_total_s", "qemu_alive_after_destroy",
                  "qemu_alive_at_stopped_event"):
            if k in e:
                parts.append("%s=%s" % (k, e[k]))
        if e.get("shutdown_via"):
            parts.append("shutdown seen via %s" % ",".join(sorted(set(e["shutdown_via"]))))
            pol = [p for p in e.get("shutdown_polled_s", []) if p is not None]
            if pol:
                parts.append("state polled off after %.0f ms (median)" % (statistics.median(pol) * 1e3))
        if e.get("shutdown_retried"):
            parts.append("shutdown() repeated %dx" % e["shutdown_retried"])
        if n == "libvirtd" and e.get("children_cpu_per_cycle_s"):
            # jvirtd's reaped children are its qemus; libvirtd's are its fork helpers (qemu is double-forked)
            parts.append("helper children CPU/cycle %.0f ms (not in the metric)" % (
                statistics.median(e["children_cpu_per_cycle_s"]) * 1e3))
        print("%s: %s" % (n, ", ".join(parts)), file=out)
    if ex.get(RAW, {}).get("errors"):
        print("raw qemu errors: %s" % "; ".join(ex[RAW]["errors"]), file=out)
    print("total %.0fs" % meta["elapsed_s"], file=out)


def main():
    benchlib.require_libvirt("qemu_bench.py")
    benchlib.log_elapsed_time()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--guest", required=True, help="test guest directory (vmlinuz, initramfs.cpio.gz)")
    ap.add_argument("--workdir", required=True, help="private scratch directory (removed by bench-qemu.sh)")
    ap.add_argument("--repo", default=benchlib.REPO)
    ap.add_argument("--json", help="also write the results as JSON to this file")
    ap.add_argument("--reps", type=int, default=5, help="repetitions (default 5)")
    ap.add_argument("--cycles", type=int, default=5, help="define/start/destroy/undefine cycles per repetition "
                                                         "for the CPU metric (default 5)")
    ap.add_argument("--parallel", type=int, default=10, help="guests in the parallel start (default 10; 0: skip)")
    ap.add_argument("--daemons", default="jvirtd,libvirtd")
    ap.add_argument("--no-raw", action="store_true", help="skip the raw qemu floor")
    ap.add_argument("--no-reaper", action="store_true", help="no subreaper around the daemons (see the docstring)")
    ap.add_argument("--boot-timeout", type=int, default=60)
    ap.add_argument("--start-timeout", type=int, default=60)
    ap.add_argument("--budget", type=int, default=270,
                    help="start no new repetition after this many seconds (default 270)")
    ap.add_argument("--jvirtd-unavailable", help=argparse.SUPPRESS)
    args = ap.parse_args()

    signal.signal(signal.SIGTERM, benchlib.interrupt)
    signal.signal(signal.SIGHUP, benchlib.interrupt)
    try:
        summary = run(args)
    except KeyboardInterrupt:
        log("interrupted: daemons and guests stopped")
        return 130
    print_table(summary)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=1)
        print("JSON written to %s" % args.json)
    if summary["unavailable"] or summary["errors"]:
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
