#!/usr/bin/python3
"""Side-by-side daemon benchmark: the same python3-libvirt client code against jvirtd and against a private,
unprivileged real libvirtd (/usr/sbin/libvirtd, 9.0), both serving test:///default on loopback, in one run.

Run it through scripts/bench-daemon.sh (which builds jvirtd first and cleans up after a crash), or directly:

    /usr/bin/python3 jvirt-bench/src/main/python/daemon_bench.py [--json FILE] [--reps N] [--duration S] ...

Must run under /usr/bin/python3 (the pyenv python3 first on PATH has no libvirt module).

Workload, per daemon, identical client code:
  * RPC round trips per second on 1, 8 and 32 connections (one forked process per connection, each with its
    own virConnect, calling conn.getVersion() in a loop for a fixed duration), plus the daemon's CPU per call
    during those runs;
  * daemon CPU per call: utime+stime from /proc/PID/stat around a fixed number of calls on one connection;
  * connection open latency: median of N libvirt.open()+close();
  * define/undefine rate (one connection, fixed duration);
  * 10 000 domains: define them (rate), time listAllDomains (median of 5), RSS, undefine them (rate);
  * lifecycle event latency: connection A registers a lifecycle callback (virEventRegisterDefaultImpl + a
    thread running virEventRunDefaultImpl), connection B suspends/resumes "test"; time from the call to the
    callback, median;
  * daemon RSS (VmRSS) idle after start, at 10 000 domains, and idle again at the end.

Repeated measurements are interleaved between the daemons (the order alternates each repetition) and the table
shows medians. The machine is small and shared: treat differences under ~20% as noise.

Every libvirt call happens in a forked child process with a timeout, so a hung or crashed daemon costs one
metric, not the run; the parent never holds a connection.
"""
import argparse
import gc
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import benchlib
from benchlib import (FORK, LIBVIRTD, REPO, in_child, interrupt, log, proc_cpu_seconds, proc_status_kib,
                      proc_threads, quiet_libvirt, version_of)

libvirt = benchlib.require_libvirt("daemon_bench.py")

BULK_PREFIX = "bench-bulk-"
DEFINE_NAME = "bench-define"

# key, label, unit, better ("higher" or "lower"), display scale (value * scale is printed)
METRICS = [
    ("rpc_1", "RPC round trips, 1 conn", "calls/s", "higher"),
    ("rpc_8", "RPC round trips, 8 conns", "calls/s", "higher"),
    ("rpc_32", "RPC round trips, 32 conns", "calls/s", "higher"),
    ("cpu_per_call", "daemon CPU per call, 1 conn", "us", "lower"),
    ("cpu_per_call_8", "daemon CPU per call, 8 conns", "us", "lower"),
    ("cpu_per_call_32", "daemon CPU per call, 32 conns", "us", "lower"),
    ("open_close", "connection open+close latency", "ms", "lower"),
    ("define_undefine", "define+undefine (1 conn)", "pairs/s", "higher"),
    ("event_latency", "lifecycle event latency (median)", "us", "lower"),
    ("event_latency_p90", "lifecycle event latency (p90)", "us", "lower"),
    ("bulk_define", "define N domains (1 conn)", "doms/s", "higher"),
    ("list_all", "listAllDomains at N domains", "ms", "lower"),
    ("bulk_undefine", "undefine N domains (1 conn)", "doms/s", "higher"),
    ("rss_idle", "daemon RSS idle (after start)", "MiB", "lower"),
    ("rss_bulk", "daemon RSS at N domains", "MiB", "lower"),
    ("rss_idle_end", "daemon RSS idle (end of run)", "MiB", "lower"),
]


def java_heap_mib(pid):
    """(committed, used) heap of a JVM, via the jcmd next to its java binary; None if it is not a JVM."""
    try:
        jcmd = os.path.join(os.path.dirname(os.readlink("/proc/%d/exe" % pid)), "jcmd")
        if not os.access(jcmd, os.X_OK):
            return None
        out = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=20).stdout
        m = re.search(r"committed (\d+)K, used (\d+)K", out)
        return (int(m.group(1)) / 1024.0, int(m.group(2)) / 1024.0) if m else None
    except (OSError, subprocess.SubprocessError):
        return None


# ---------------------------------------------------------------------------------------------------------------
# Daemons: test:///default, listening on loopback TCP too

def make_daemon(name, workdir, args):
    """jvirtd or libvirtd with the same config: libvirtd.conf's TCP, keepalive and client limit keys."""
    port = benchlib.free_port()
    uri = ("test+unix:///default?socket={socket}" if args.transport == "unix"
           else "test+tcp://127.0.0.1:{port}/default")
    settings = [("listen_tcp", 1), ("listen_addr", "127.0.0.1"), ("tcp_port", str(port)), ("auth_tcp", "none"),
                ("keepalive_interval", args.keepalive), ("keepalive_count", 5), ("max_clients", 5000),
                ("max_workers", 20), ("max_client_requests", 5)]
    if name == "libvirtd":
        return benchlib.Libvirtd(name, workdir, uri, settings, listen=True, port=port)
    return benchlib.Jvirtd(name, workdir, uri, settings, listen=True, port=port, launcher=args.jvirtd)


# ---------------------------------------------------------------------------------------------------------------
# Child processes: every libvirt call is made in one (benchlib.in_child)

def purge(conn, prefix):
    n = 0
    for d in conn.listAllDomains():
        if d.name().startswith(prefix):
            if d.isActive():
                d.destroy()
            d.undefine()
            n += 1
    return n


# --- RPC throughput: N forked workers, one connection each ---

def rpc_worker(uri, call, ready, go, window, results, idx, errors):
    quiet_libvirt()
    try:
        conn = libvirt.open(uri)
        fn = conn.getVersion if call == "getVersion" else (lambda: conn.lookupByName("test"))
        for _ in range(20):
            fn()
        ready.release()
        if not go.wait(120):  # the parent is gone
            os._exit(1)
        start, end = window[0], window[1]
        while time.monotonic() < start:
            time.sleep(0.0005)
        n = 0
        now = start
        while now < end:
            fn()
            n += 1
            now = time.monotonic()
        results[idx] = n
        conn.close()
    except BaseException as e:  # noqa: BLE001
        results[idx] = -1
        try:
            errors.put_nowait("%s: %s" % (type(e).__name__, e))
        except Exception:  # noqa: BLE001
            pass
        ready.release()
    errors.close()
    errors.join_thread()
    os._exit(0)


def measure_rpc(daemon, nconn, duration, call):
    gc.collect()
    ready = FORK.Semaphore(0)
    go = FORK.Event()
    window = FORK.Array("d", 2, lock=False)
    results = FORK.Array("q", nconn, lock=False)
    errors = FORK.Queue()
    procs = [FORK.Process(target=rpc_worker, args=(daemon.uri, call, ready, go, window, results, i, errors),
                          daemon=True) for i in range(nconn)]

    def first_error():
        try:
            return ": " + errors.get(timeout=1)
        except Exception:  # noqa: BLE001
            return ""

    try:
        for p in procs:
            p.start()
        deadline = time.monotonic() + 30 + nconn
        for _ in range(nconn):
            if not ready.acquire(timeout=max(0.1, deadline - time.monotonic())):
                raise Hung("workers did not connect within %ds" % (30 + nconn))
        if any(results[i] < 0 for i in range(nconn)):
            raise RuntimeError("%d of %d workers failed to open or call%s" % (
                sum(1 for i in range(nconn) if results[i] < 0), nconn, first_error()))
        start = time.monotonic() + 0.1
        window[0], window[1] = start, start + duration
        go.set()
        time.sleep(max(0.0, start - time.monotonic()))
        cpu0 = daemon.cpu()
        t0 = time.monotonic()
        time.sleep(max(0.0, start + duration - time.monotonic()))
        cpu1 = daemon.cpu()
        elapsed = time.monotonic() - t0
        deadline = time.monotonic() + 30
        for p in procs:
            p.join(max(0.0, deadline - time.monotonic()))
        if any(p.is_alive() for p in procs):
            raise Hung("workers hung after the measuring window")
        counts = [results[i] for i in range(nconn)]
        if any(c < 0 for c in counts):
            raise RuntimeError("%d of %d workers failed%s" % (
                sum(1 for c in counts if c < 0), nconn, first_error()))
        total = sum(counts)
        if total == 0:
            raise RuntimeError("no call completed")
        return {"rate": total / duration, "cpu_per_call_us": (cpu1 - cpu0) / total * 1e6,
                "cpu_util": (cpu1 - cpu0) / elapsed, "min_worker": min(counts), "max_worker": max(counts)}
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
        for p in procs:
            p.join(5)


# --- the single-connection metrics (each run in a child) ---

def child_cpu_per_call(uri, pid, calls):
    conn = libvirt.open(uri)
    try:
        for _ in range(200):
            conn.getVersion()
        c0 = proc_cpu_seconds(pid)
        t0 = time.perf_counter()
        for _ in range(calls):
            conn.getVersion()
        wall = time.perf_counter() - t0
        c1 = proc_cpu_seconds(pid)
        return {"cpu_per_call_us": (c1 - c0) / calls * 1e6, "wall_per_call_us": wall / calls * 1e6}
    finally:
        conn.close()


def child_open_close(uri, n):
    lat = []
    for _ in range(n):
        t0 = time.perf_counter()
        c = libvirt.open(uri)
        c.close()
        lat.append(time.perf_counter() - t0)
    return {"median_ms": statistics.median(lat) * 1e3, "p90_ms": quantile(lat, 0.9) * 1e3}


def child_define_undefine(uri, duration):
    conn = libvirt.open(uri)
    try:
        purge(conn, DEFINE_NAME)
        x = benchlib.test_domain_xml(DEFINE_NAME)
        for _ in range(20):
            conn.defineXML(x).undefine()
        n = 0
        t0 = time.perf_counter()
        end = t0 + duration
        now = t0
        while now < end:
            conn.defineXML(x).undefine()
            n += 1
            now = time.perf_counter()
        return {"rate": n / (now - t0)}
    finally:
        conn.close()


def child_events(uri, pairs):
    libvirt.virEventRegisterDefaultImpl()
    a = libvirt.open(uri)
    b = libvirt.open(uri)
    got = threading.Semaphore(0)
    stamps = []
    wanted = (libvirt.VIR_DOMAIN_EVENT_SUSPENDED, libvirt.VIR_DOMAIN_EVENT_RESUMED)

    def callback(conn, dom, event, detail, opaque):
        if event in wanted and dom.name() == "test":
            stamps.append(time.perf_counter())
            got.release()

    def loop():
        while True:
            libvirt.virEventRunDefaultImpl()

    cid = a.domainEventRegisterAny(None, libvirt.VIR_DOMAIN_EVENT_ID_LIFECYCLE, callback, None)
    threading.Thread(target=loop, daemon=True).start()
    dom = b.lookupByName("test")
    if dom.info()[0] == libvirt.VIR_DOMAIN_PAUSED:
        dom.resume()
        got.acquire(timeout=5)
    elif not dom.isActive():
        dom.create()
    lat = []
    for i in range(pairs + 5):
        for op in (dom.suspend, dom.resume):
            t0 = time.perf_counter()
            op()
            if not got.acquire(timeout=10):
                raise RuntimeError("no lifecycle event within 10s after %s (pair %d)" % (op.__name__, i))
            if i >= 5:  # the first few are warm-up
                lat.append(stamps[-1] - t0)
    a.domainEventDeregisterAny(cid)
    return {"median_us": statistics.median(lat) * 1e6, "p90_us": quantile(lat, 0.9) * 1e6}


def child_bulk(uri, pid, n, list_runs, time_limit):
    conn = libvirt.open(uri)
    try:
        purge(conn, BULK_PREFIX)
        xmls = [benchlib.test_domain_xml("%s%05d" % (BULK_PREFIX, i)) for i in range(n)]
        out = {}
        t0 = time.perf_counter()
        defined = 0
        for x in xmls:
            conn.defineXML(x)
            defined += 1
            if defined % 500 == 0 and time.perf_counter() - t0 > time_limit:
                break
        out["define_rate"] = defined / (time.perf_counter() - t0)
        if defined < n:
            out["define_error"] = "only %d of %d domains defined within %ds" % (defined, n, time_limit)
        else:
            total = len(conn.listAllDomains())  # warm-up
            if total < n:
                raise RuntimeError("listAllDomains returned %d domains, expected >= %d" % (total, n))
            times = []
            for _ in range(list_runs):
                t = time.perf_counter()
                doms = conn.listAllDomains()
                times.append(time.perf_counter() - t)
                del doms
            out["list_all_ms"] = statistics.median(times) * 1e3
            out["list_all_runs_ms"] = [v * 1e3 for v in times]
            out["domains"] = total
            out["rss_mib"] = proc_status_kib(pid, "VmRSS") / 1024.0
            out["hwm_mib"] = proc_status_kib(pid, "VmHWM") / 1024.0
            out["java_heap_mib"] = java_heap_mib(pid)
        t0 = time.perf_counter()
        doms = [d for d in conn.listAllDomains() if d.name().startswith(BULK_PREFIX)]
        for d in doms:
            d.undefine()
        out["undefine_rate"] = len(doms) / (time.perf_counter() - t0)
        return out
    finally:
        conn.close()


def quantile(values, q):
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


# ---------------------------------------------------------------------------------------------------------------
# The run

class Hung(RuntimeError):
    """A measurement timed out: the daemon is taken as hung and not asked anything more (bounds the run time)."""


class Results(benchlib.Results):
    def __init__(self, names):
        super().__init__(METRICS, names)


class NothingToMeasure(Exception):
    pass


def run(args):
    workdir = args.workdir or tempfile.mkdtemp(prefix="jvirt-daemon-bench-")
    own_workdir = args.workdir is None
    os.chmod(workdir, 0o755)
    names = [n for n in ("jvirtd", "libvirtd") if n in args.daemons]
    res = Results(names)
    daemons = {}
    unavailable = {}
    meta = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "client": "python3-libvirt %s (%s)" % (fmt_version(libvirt.getVersion()), sys.executable),
        "transport": args.transport, "reps": args.reps, "duration_s": args.duration, "domains": args.domains,
        "rpc_call": args.call, "cpus": os.cpu_count(), "loadavg_start": os.getloadavg(),
        "jvirt_java_opts": os.environ.get("JVIRT_JAVA_OPTS", ""),
        "note": "medians of interleaved repetitions on a small shared machine: noisy",
    }
    if args.jvirtd_unavailable and "jvirtd" in names:
        unavailable["jvirtd"] = args.jvirtd_unavailable

    def stop_all(*_):
        for d in daemons.values():
            d.stop()

    old_term = signal.signal(signal.SIGTERM, interrupt)
    old_hup = signal.signal(signal.SIGHUP, interrupt)
    t_run = time.monotonic()
    try:
        # --- start ---
        for name in names:
            if name in unavailable:
                log("%s: not started: %s" % (name, unavailable[name]))
                continue
            d = make_daemon(name, workdir, args)
            daemons[name] = d
            log("starting %s on 127.0.0.1:%d" % (name, d.port))
            try:
                d.start(args.start_timeout)
                log("%s up in %.1fs, pid %d, %s" % (name, d.start_seconds, d.pid, d.uri))
                res.extra[name]["start_seconds"] = round(d.start_seconds, 2)
            except Exception as e:  # noqa: BLE001
                unavailable[name] = "failed to start: %s" % e
                log("%s FAILED TO START: %s" % (name, e))
                d.stop()
                del daemons[name]
        if not daemons:
            raise NothingToMeasure("; ".join("%s: %s" % (n, unavailable.get(n, "?").strip()) for n in names))
        live = [n for n in names if n in daemons]

        time.sleep(args.settle)
        for n in live:
            res.add("rss_idle", n, daemons[n].rss_mib())
            res.extra[n]["threads_idle"] = proc_threads(daemons[n].pid)

        def usable(n):
            err = daemons[n].check()
            return err is None

        def step(key, n, fn, *fargs, timeout):
            """Runs one measurement in a child; returns its dict or None (error recorded)."""
            if not usable(n):
                res.fail(key, n, "not asked: " + daemons[n].error.strip().splitlines()[0])
                return None
            out = in_child(fn, fargs, timeout)
            if "error" in out:
                if out.get("timeout") and daemons[n].check() is None:
                    daemons[n].error = "%s stopped answering (%s: %s)" % (n, key, out["error"])
                err = daemons[n].check() or out["error"]
                res.fail(key, n, err.strip().splitlines()[0] if err else "error")
                log("%s %s: ERROR %s" % (n, key, err))
                if "trace" in out and args.verbose:
                    log(out["trace"])
                return None
            return out

        # --- warm-up: the same work for both (the JVM's JIT needs it; it costs libvirtd nothing) ---
        for n in live:
            log("warming up %s (%.1fs)" % (n, args.warmup))
            try:
                measure_rpc(daemons[n], 4, args.warmup / 2, args.call)
            except Exception as e:  # noqa: BLE001
                log("%s warm-up RPC: %s" % (n, e))
            step("define_undefine", n, child_define_undefine, daemons[n].uri, args.warmup / 4,
                 timeout=60 + args.warmup)
            step("open_close", n, child_open_close, daemons[n].uri, 30, timeout=60)
            step("event_latency", n, child_events, daemons[n].uri, 20, timeout=60)
            res.errors[n].clear()

        # --- interleaved repetitions ---
        for rep in range(args.reps):
            order = live if rep % 2 == 0 else list(reversed(live))
            log("repetition %d/%d (order: %s)" % (rep + 1, args.reps, ", ".join(order)))
            for nconn in (1, 8, 32):
                for n in order:
                    key = "rpc_%d" % nconn
                    if not usable(n):
                        res.fail(key, n, "not asked: " + daemons[n].error.strip().splitlines()[0])
                        continue
                    try:
                        r = measure_rpc(daemons[n], nconn, args.duration, args.call)
                        res.add(key, n, r["rate"])
                        if nconn > 1:
                            res.add("cpu_per_call_%d" % nconn, n, r["cpu_per_call_us"])
                        res.extra[n].setdefault("rpc_%d_daemon_cpu_util" % nconn, []).append(
                            round(r["cpu_util"], 2))
                        log("  %-8s %2d conn: %8.0f calls/s, daemon %.0f%% CPU, %.1f us CPU/call" % (
                            n, nconn, r["rate"], r["cpu_util"] * 100, r["cpu_per_call_us"]))
                    except Exception as e:  # noqa: BLE001
                        if isinstance(e, Hung) and daemons[n].check() is None:
                            daemons[n].error = "%s stopped answering (%s: %s)" % (n, key, e)
                        err = daemons[n].check() or str(e)
                        res.fail(key, n, err.strip().splitlines()[0])
                        log("%s %s: ERROR %s" % (n, key, err))
            for n in order:
                r = step("cpu_per_call", n, child_cpu_per_call, daemons[n].uri, daemons[n].pid, args.cpu_calls,
                         timeout=120)
                if r:
                    res.add("cpu_per_call", n, r["cpu_per_call_us"])
                    log("  %-8s CPU/call %.1f us (client saw %.1f us/call)" % (
                        n, r["cpu_per_call_us"], r["wall_per_call_us"]))
            for n in order:
                r = step("open_close", n, child_open_close, daemons[n].uri, args.opens, timeout=120)
                if r:
                    res.add("open_close", n, r["median_ms"])
                    log("  %-8s open+close %.2f ms" % (n, r["median_ms"]))
            for n in order:
                r = step("define_undefine", n, child_define_undefine, daemons[n].uri, args.duration,
                         timeout=60 + args.duration)
                if r:
                    res.add("define_undefine", n, r["rate"])
                    log("  %-8s define+undefine %.0f/s" % (n, r["rate"]))
            for n in order:
                r = step("event_latency", n, child_events, daemons[n].uri, args.event_pairs, timeout=120)
                if r:
                    res.add("event_latency", n, r["median_us"])
                    res.add("event_latency_p90", n, r["p90_us"])
                    log("  %-8s event latency %.0f us (p90 %.0f us)" % (n, r["median_us"], r["p90_us"]))

        # --- 10 000 domains, one daemon at a time ---
        for n in live:
            log("%s: defining %d domains, listAllDomains x%d, undefining" % (n, args.domains, args.list_runs))
            r = step("list_all", n, child_bulk, daemons[n].uri, daemons[n].pid, args.domains, args.list_runs,
                     args.bulk_time_limit, timeout=2 * args.bulk_time_limit + 60)
            if r is None:
                for k in ("bulk_define", "bulk_undefine", "rss_bulk"):
                    res.fail(k, n, res.errors[n].get("list_all", "error"))
                continue
            res.add("bulk_define", n, r["define_rate"])
            res.add("bulk_undefine", n, r["undefine_rate"])
            if "define_error" in r:
                for k in ("list_all", "rss_bulk"):
                    res.fail(k, n, r["define_error"])
                log("  %-8s %s" % (n, r["define_error"]))
            else:
                res.add("list_all", n, r["list_all_ms"])
                res.add("rss_bulk", n, r["rss_mib"])
                res.extra[n]["list_all_runs_ms"] = [round(v, 2) for v in r["list_all_runs_ms"]]
                res.extra[n]["hwm_mib_at_bulk"] = round(r["hwm_mib"], 1)
                if r.get("java_heap_mib"):
                    res.extra[n]["java_heap_at_bulk_mib"] = "committed %.0f, used %.0f" % tuple(r["java_heap_mib"])
                log("  %-8s define %.0f/s, listAll %.1f ms, RSS %.0f MiB, undefine %.0f/s" % (
                    n, r["define_rate"], r["list_all_ms"], r["rss_mib"], r["undefine_rate"]))

        time.sleep(args.settle)
        for n in live:
            if usable(n):
                res.add("rss_idle_end", n, daemons[n].rss_mib())
                res.extra[n]["hwm_mib_end"] = round(proc_status_kib(daemons[n].pid, "VmHWM") / 1024.0, 1)
                res.extra[n]["threads_end"] = proc_threads(daemons[n].pid)
                res.extra[n]["cpu_seconds_total"] = round(daemons[n].cpu(), 2)
                heap = java_heap_mib(daemons[n].pid)
                if heap:
                    res.extra[n]["java_heap_end_mib"] = "committed %.0f, used %.0f" % heap
            else:
                res.fail("rss_idle_end", n, "not measured: " + daemons[n].error.strip().splitlines()[0])
        meta["libvirtd_version"] = version_of([LIBVIRTD, "--version"])
        meta["jvirtd_version"] = version_of([args.jvirtd, "--version"]) if "jvirtd" in names else None
    finally:
        stop_all()
        signal.signal(signal.SIGTERM, old_term)
        signal.signal(signal.SIGHUP, old_hup)
        for n, d in daemons.items():
            if d.error:
                unavailable.setdefault(n, d.error.strip().splitlines()[0])
        if own_workdir and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    meta["elapsed_s"] = round(time.monotonic() - t_run, 1)
    meta["loadavg_end"] = os.getloadavg()
    return meta, names, res, unavailable


def fmt_version(v):
    return "%d.%d.%d" % (v // 1000000, v // 1000 % 1000, v % 1000)


# ---------------------------------------------------------------------------------------------------------------
# Report

def summarize(meta, names, res, unavailable, domains):
    rows = []
    for key, label, unit, better in METRICS:
        label = label.replace(" N ", " %d " % domains)
        row = {"key": key, "metric": label, "unit": unit, "better": better}
        for n in names:
            s = res.samples[key][n]
            if s:
                med = statistics.median(s)
                row[n] = {"median": med, "best": max(s) if better == "higher" else min(s), "samples": s,
                          "spread_pct": (max(s) - min(s)) / 2 / med * 100 if med else 0.0}
            else:
                row[n] = {"median": None, "samples": [],
                          "error": res.errors[n].get(key) or unavailable.get(n) or "not measured"}
        j = row.get("jvirtd", {}).get("median")
        lv = row.get("libvirtd", {}).get("median")
        if j and lv:
            row["ratio"] = j / lv if better == "higher" else lv / j
        else:
            row["ratio"] = None
        rows.append(row)
    return {"meta": meta, "daemons": names, "unavailable": unavailable, "extra": res.extra, "metrics": rows,
            "ratio_meaning": "> 1 means jvirtd is better (jvirtd/libvirtd for rates, libvirtd/jvirtd for "
                             "times, CPU and memory)"}


def fmt_num(v):
    if v is None:
        return "n/a"
    a = abs(v)
    if a >= 1000:
        return "%.0f" % v
    if a >= 100:
        return "%.1f" % v
    if a >= 10:
        return "%.2f" % v
    return "%.3f" % v


def print_table(summary, out=sys.stdout):
    names = summary["daemons"]
    meta = summary["meta"]
    w = 38
    print(file=out)
    print("jvirtd vs libvirtd 9.0, same client (%s), test:///default over %s loopback" % (
        meta["client"], meta["transport"]), file=out)
    print("medians of %d interleaved repetitions (+-x%% = half the min-max spread); %s CPUs shared with other "
          "work, load %.1f -> %.1f: NOISY, treat <20%% differences as noise" % (
              meta["reps"], meta["cpus"], meta["loadavg_start"][0], meta["loadavg_end"][0]), file=out)
    print("ratio > 1 means jvirtd is better (rates: jvirtd/libvirtd; times, CPU, memory: libvirtd/jvirtd)",
          file=out)
    print(file=out)
    hdr = "%-*s %-8s" % (w, "metric", "unit") + "".join("%18s" % n for n in names)
    if len(names) == 2:
        hdr += "%9s" % "ratio"
    print(hdr, file=out)
    print("-" * len(hdr), file=out)
    for row in summary["metrics"]:
        cells = []
        for n in names:
            c = row[n]
            if c["median"] is None:
                cells.append("%18s" % ("n/a" if n in summary["unavailable"] else "error"))
            elif len(c["samples"]) > 1:
                cells.append("%18s" % ("%s +-%.0f%%" % (fmt_num(c["median"]), c["spread_pct"])))
            else:
                cells.append("%18s" % fmt_num(c["median"]))
        line = "%-*s %-8s" % (w, row["metric"], row["unit"]) + "".join(cells)
        if len(names) == 2:
            line += "%9s" % ("%.2fx" % row["ratio"] if row["ratio"] else "-")
        print(line, file=out)
    print(file=out)
    for n, why in summary["unavailable"].items():
        print("%s: NOT (FULLY) MEASURED: %s" % (n, why.strip()), file=out)
    for row in summary["metrics"]:
        for n in names:
            c = row[n]
            if c["median"] is None and n not in summary["unavailable"]:
                print("%s %s: %s" % (n, row["key"], c["error"]), file=out)
    ex = summary["extra"]
    for n in names:
        if ex.get(n):
            keys = ("start_seconds", "threads_idle", "threads_end", "hwm_mib_end", "cpu_seconds_total",
                    "java_heap_at_bulk_mib", "java_heap_end_mib")
            print("%s: %s" % (n, ", ".join("%s=%s" % (k, ex[n][k]) for k in keys if k in ex[n])), file=out)
    print("total %.0fs" % meta["elapsed_s"], file=out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", help="also write the results as JSON to this file")
    ap.add_argument("--daemons", default="jvirtd,libvirtd", help="comma-separated subset of jvirtd,libvirtd")
    ap.add_argument("--jvirtd", default=os.path.join(REPO, "bin", "jvirtd"), help="jvirtd launcher")
    ap.add_argument("--jvirtd-unavailable", metavar="REASON",
                    help="do not start jvirtd; report REASON in its column (used when the build failed)")
    ap.add_argument("--transport", choices=("tcp", "unix"), default="tcp")
    ap.add_argument("--reps", type=int, default=5, help="repetitions of each timed metric (default 5)")
    ap.add_argument("--duration", type=float, default=2.0, help="seconds per fixed-duration run (default 2)")
    ap.add_argument("--warmup", type=float, default=4.0, help="warm-up seconds per daemon (default 4)")
    ap.add_argument("--call", choices=("getVersion", "lookupByName"), default="getVersion",
                    help="the cheap call for the round-trip and CPU metrics")
    ap.add_argument("--cpu-calls", type=int, default=10000, help="calls per CPU-per-call sample (default 10000)")
    ap.add_argument("--opens", type=int, default=100, help="opens per open-latency sample (default 100)")
    ap.add_argument("--event-pairs", type=int, default=100, help="suspend/resume pairs per sample (default 100)")
    ap.add_argument("--domains", type=int, default=10000, help="domains for listAllDomains (default 10000)")
    ap.add_argument("--list-runs", type=int, default=5, help="timed listAllDomains calls (default 5)")
    ap.add_argument("--bulk-time-limit", type=float, default=60.0,
                    help="give up defining the bulk domains after this many seconds (default 60)")
    ap.add_argument("--keepalive", type=int, default=5, help="keepalive_interval for both daemons (default 5)")
    ap.add_argument("--start-timeout", type=float, default=60.0)
    ap.add_argument("--settle", type=float, default=1.5, help="idle seconds before each idle RSS reading")
    ap.add_argument("--workdir", help="directory for daemon configs, sockets and logs (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the temp dir (logs) at the end")
    ap.add_argument("--quick", action="store_true", help="smoke test: 1 rep, short runs, 1000 domains")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    args.daemons = [d.strip() for d in args.daemons.split(",") if d.strip()]
    if args.quick:
        args.reps, args.duration, args.warmup, args.domains = 1, 0.5, 1.0, 1000
        args.cpu_calls, args.opens, args.event_pairs, args.list_runs = 1000, 20, 20, 3
    os.environ["LIBVIRT_AUTOSTART"] = "0"
    quiet_libvirt()
    try:
        meta, names, res, unavailable = run(args)
    except KeyboardInterrupt:
        log("interrupted; daemons stopped")
        return 130
    except NothingToMeasure as e:
        log("no daemon could be measured: %s" % e)
        return 1
    summary = summarize(meta, names, res, unavailable, args.domains)
    print_table(summary)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(summary, f, indent=2)
            f.write("\n")
        log("JSON written to %s" % args.json)
    return 0 if not unavailable else 3


if __name__ == "__main__":
    sys.exit(main())
