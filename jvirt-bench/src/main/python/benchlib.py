#!/usr/bin/python3
"""What the side-by-side benchmarks (daemon_bench.py, qemu_bench.py) share: /proc readings, running a libvirt call
in a forked child with a timeout, and the two private daemons they compare (a jvirtd and an unprivileged real
libvirtd, each with its own directory, libvirtd.conf-style config and sockets).

Run as a script it is the subreaper a daemon may be started under:

    /usr/bin/python3 benchlib.py --reaper -- COMMAND...

runs COMMAND and reaps at once every orphan reparented to it (libvirtd double-forks qemu), until COMMAND exits;
it forwards TERM, INT and HUP to COMMAND and exits with its status.

libvirt is imported only where a call is made, so the reaper runs without it.
"""
import ctypes
import gc
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
import traceback
import uuid

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
LIBVIRTD = "/usr/sbin/libvirtd"
CLK_TCK = os.sysconf("SC_CLK_TCK")
FORK = multiprocessing.get_context("fork")
T_START = time.monotonic()
_log_elapsed = False


def require_libvirt(script):
    """The libvirt module, or exit naming the interpreter (the pyenv python3 first on PATH has none)."""
    try:
        import libvirt
    except ImportError:
        sys.exit("%s: no libvirt module in %s; run it with /usr/bin/python3" % (script, sys.executable))
    return libvirt


def log_elapsed_time():
    """From now on log lines are stamped with the seconds since the start instead of the wall clock."""
    global _log_elapsed
    _log_elapsed = True


def log(msg):
    stamp = "%6.1fs" % (time.monotonic() - T_START) if _log_elapsed else time.strftime("%H:%M:%S")
    print("[%s] %s" % (stamp, msg), file=sys.stderr, flush=True)


def version_of(cmd):
    """The first line a program's --version prints, or "unknown (why)"."""
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
        return out.splitlines()[0] if out else "unknown (no output)"
    except (OSError, subprocess.SubprocessError) as e:
        return "unknown (%s)" % e


def test_domain_xml(name):
    """A minimal domain of libvirt's test driver; the same name gives the same uuid."""
    return ("<domain type='test'><name>%s</name><uuid>%s</uuid><memory>65536</memory>"
            "<vcpu>1</vcpu><os><type>hvm</type></os></domain>" % (name, uuid.uuid3(uuid.NAMESPACE_OID, name)))


# ---------------------------------------------------------------------------------------------------------------
# /proc helpers

def proc_stat(pid):
    """The fields of /proc/PID/stat after the command name (fields[0] is the state)."""
    with open("/proc/%d/stat" % pid) as f:
        return f.read().rsplit(")", 1)[1].split()


def proc_cpu(pid):
    """(utime+stime, cutime+cstime) in seconds (clock-tick resolution)."""
    f = proc_stat(pid)
    return (int(f[11]) + int(f[12])) / CLK_TCK, (int(f[13]) + int(f[14])) / CLK_TCK


def proc_cpu_seconds(pid):
    """utime + stime of a process, in seconds."""
    return proc_cpu(pid)[0]


def proc_status_kib(pid, key, default=None):
    """A number from /proc/PID/status (VmRSS, VmHWM in KiB; Threads); default, or an error, if it is missing."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    if default is not None:
        return default
    raise RuntimeError("no %s in /proc/%d/status" % (key, pid))


def proc_threads(pid):
    return proc_status_kib(pid, "Threads")


def pid_alive(pid):
    """Exists and is not a zombie."""
    try:
        return proc_stat(pid)[0] != "Z"
    except OSError:
        return False


def marked_pids(marker, exclude=()):
    """Processes whose command line or environment mentions marker (our private work directory)."""
    out = []
    m = marker.encode()
    for e in os.listdir("/proc"):
        if not e.isdigit() or int(e) in exclude:
            continue
        for what in ("cmdline", "environ"):
            try:
                with open("/proc/%s/%s" % (e, what), "rb") as f:
                    if m in f.read():
                        out.append(int(e))
                        break
            except OSError:
                pass
    return out


def kill_marked(marker, exclude=()):
    """Ends what this run started and left behind, by pid: TERM, then KILL. Returns the pids still alive."""
    pids = marked_pids(marker, exclude)
    if not pids:
        return []
    for sig, wait in ((signal.SIGTERM, 3.0), (signal.SIGKILL, 2.0)):
        for p in pids:
            try:
                os.kill(p, sig)
            except (ProcessLookupError, PermissionError):
                pass
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline and any(pid_alive(p) for p in pids):
            time.sleep(0.05)
        pids = [p for p in pids if pid_alive(p)]
        if not pids:
            break
    return pids


def tail(path, n=25):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-n:])
    except OSError:
        return ""


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def can_connect(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.3):
            return True
    except OSError:
        return False


def open_up(root):
    """The unprivileged libvirtd (nobody) must be able to write its directory."""
    for d, _dirs, files in os.walk(root):
        os.chmod(d, 0o777)
        for f in files:
            os.chmod(os.path.join(d, f), 0o666)


def record_pid(directory, pid, marker):
    """For the calling script's trap: the pids this run started, with a word their cmdline must contain."""
    with open(os.path.join(os.path.dirname(directory), "pids"), "a") as f:
        f.write("%d %s\n" % (pid, marker))


# ---------------------------------------------------------------------------------------------------------------
# Child processes: every libvirt call is made in one, so a hung or crashed daemon costs one metric, not the run

def quiet_libvirt():
    import libvirt
    libvirt.registerErrorHandler(lambda ctx, err: None, None)


def in_child(fn, args, timeout):
    """Runs fn(*args) in a forked process; returns its dict, or {"error": ...} on exception, crash or timeout."""
    gc.collect()
    rd, wr = FORK.Pipe(duplex=False)

    def body():
        rd.close()
        try:
            quiet_libvirt()
            res = fn(*args)
            wr.send({"ok": True, **res} if isinstance(res, dict) else {"ok": True, "value": res})
        except BaseException as e:  # noqa: BLE001 - everything goes back to the parent
            try:
                wr.send({"error": "%s: %s" % (type(e).__name__, e), "trace": traceback.format_exc()})
            except Exception:  # noqa: BLE001
                pass
        finally:
            wr.close()
            os._exit(0)

    p = FORK.Process(target=body, daemon=True)
    p.start()
    wr.close()
    try:
        if rd.poll(timeout):
            try:
                return rd.recv()
            except EOFError:
                return {"error": "child process died (exit status %s)" % p.exitcode}
        return {"error": "timed out after %.0fs" % timeout, "timeout": True}
    finally:
        rd.close()
        p.join(2)
        if p.is_alive():
            p.kill()
            p.join(2)


def child_probe(uri):
    """The daemon answers a call on a fresh connection."""
    import libvirt
    c = libvirt.open(uri)
    try:
        return {"version": c.getVersion(), "libversion": c.getLibVersion()}
    finally:
        c.close()


# ---------------------------------------------------------------------------------------------------------------
# Daemons

def conf_line(key, value):
    """key = value as libvirtd.conf has it: numbers bare, strings quoted."""
    return "%s = %s" % (key, value if isinstance(value, int) else '"%s"' % value)


class Daemon:
    """One private daemon: its own directory (run/, home/, config, pid file, log), config with libvirtd.conf's key
    names, reached at uri.

    uri may name {socket} (the daemon's unix socket) and {port}; settings are the benchmark's own config keys
    (they override the defaults of config()); port, when given, must accept TCP connections before the daemon
    counts as up; probe(uri) is run in a child to decide that it answers; reaper: run it under this file's
    subreaper."""

    def __init__(self, name, workdir, uri, settings=(), listen=False, port=None, reaper=False, probe=child_probe):
        self.name = name
        self.dir = os.path.join(workdir, name)
        self.run = os.path.join(self.dir, "run")
        self.home = os.path.join(self.dir, "home")
        os.makedirs(self.run)
        os.makedirs(self.home)
        self.uri_template = uri
        self.settings = dict(settings)
        self.listen = listen
        self.port = port
        self.reaper = reaper
        self.probe = probe
        self.conf = os.path.join(self.dir, name + ".conf")
        self.pidfile = os.path.join(self.dir, name + ".pid")
        self.log = os.path.join(self.dir, name + ".log")
        self.out = os.path.join(self.dir, "stdout.log")
        self.proc = None
        self.pid = None
        self.error = None  # set once the daemon is known to be unusable
        self.start_seconds = None
        self.version = None  # what the start-up probe returned as "version"

    def config(self):
        conf = {"listen_tls": 0, "listen_tcp": 0, "unix_sock_dir": self.run, "unix_sock_rw_perms": "0777",
                "auth_unix_rw": "none", "auth_unix_ro": "none", "log_outputs": "3:file:%s" % self.log}
        conf.update(self.settings)
        return conf

    def config_text(self):
        return "\n".join([conf_line(k, v) for k, v in self.config().items()] + [""])

    def command(self):
        raise NotImplementedError

    def socket_path(self):
        raise NotImplementedError

    def env(self):
        return dict(os.environ, LIBVIRT_AUTOSTART="0")

    @property
    def uri(self):
        return self.uri_template.format(socket=self.socket_path(), port=self.port)

    def listening(self):
        if self.port is not None and not can_connect(self.port):
            return False
        return "{socket}" not in self.uri_template or os.path.exists(self.socket_path())

    def start(self, timeout):
        with open(self.conf, "w") as f:
            f.write(self.config_text())
        open_up(self.dir)
        cmd = self.command()
        if self.reaper:
            cmd = [sys.executable, os.path.abspath(__file__), "--reaper", "--"] + cmd
        t0 = time.monotonic()
        with open(self.out, "w") as out:
            self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                         env=self.env(), start_new_session=True)
        record_pid(self.dir, self.proc.pid, os.path.basename(cmd[0]))
        deadline = t0 + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("%s exited with status %s during start-up:\n%s%s" % (
                    self.name, self.proc.returncode, tail(self.out), tail(self.log)))
            if self.pid is None and os.path.exists(self.pidfile):
                try:
                    with open(self.pidfile) as f:
                        self.pid = int(f.read().split()[0])
                    record_pid(self.dir, self.pid, self.name)
                except (ValueError, IndexError, OSError):
                    pass
            if self.pid is not None and self.listening():
                probe = in_child(self.probe, (self.uri,), max(5.0, deadline - time.monotonic()))
                if probe.get("ok"):
                    self.start_seconds = time.monotonic() - t0
                    self.version = probe.get("version")
                    return
                if time.monotonic() + 0.2 >= deadline:
                    raise RuntimeError("%s listens but libvirt.open(%s) fails: %s" % (
                        self.name, self.uri, probe.get("error")))
            time.sleep(0.05)
        raise RuntimeError("%s did not come up within %ds:\n%s%s" % (self.name, timeout, tail(self.out),
                                                                     tail(self.log)))

    def alive(self):
        return self.proc is not None and self.proc.poll() is None and self.pid is not None and pid_alive(self.pid)

    def check(self):
        """Marks the daemon unusable if it died; returns its error or None."""
        if self.error is None and not self.alive():
            self.error = "%s is no longer running (exit status %s):\n%s%s" % (
                self.name, self.proc.poll() if self.proc else None, tail(self.out, 15), tail(self.log, 15))
            log("%s DIED: %s" % (self.name, self.error))
        return self.error

    def cpu(self):
        """The daemon's own CPU seconds (utime+stime)."""
        return proc_cpu_seconds(self.pid)

    def rss_mib(self, default=None):
        return proc_status_kib(self.pid, "VmRSS", default) / 1024.0

    def stopped(self):
        return self.proc.poll() is not None and not (self.pid and pid_alive(self.pid))

    def stop(self):
        """TERM, then KILL, to the started process and the daemon (they differ under runuser or the reaper)."""
        if self.proc is None:
            return
        for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
            if self.stopped():
                break
            for p in (self.proc.pid, self.pid):
                if p and (p != self.proc.pid or self.proc.poll() is None):  # never a reaped (reusable) pid
                    try:
                        os.kill(p, sig)
                    except (ProcessLookupError, PermissionError):
                        pass
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and not self.stopped():
                time.sleep(0.05)
        self.proc.poll()


class Libvirtd(Daemon):
    """The real libvirtd, never as root (it would want the system paths): as nobody, with its own HOME and XDG
    directories, so that it is a session daemon confined to its directory."""

    def command(self):
        cmd = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        return cmd + ["env", "HOME=" + self.home, "XDG_RUNTIME_DIR=" + self.run,
                      "XDG_CONFIG_HOME=" + os.path.join(self.home, ".config"),
                      "XDG_CACHE_HOME=" + os.path.join(self.home, ".cache"), "LIBVIRT_AUTOSTART=0",
                      LIBVIRTD] + (["--listen"] if self.listen else []) + ["-f", self.conf, "-p", self.pidfile]

    def socket_path(self):
        return os.path.join(self.run, "libvirt-sock")


class Jvirtd(Daemon):
    def __init__(self, *a, launcher=None, **kw):
        super().__init__(*a, **kw)
        self.launcher = launcher or os.path.join(REPO, "bin", "jvirtd")

    def command(self):
        return [self.launcher] + (["--listen"] if self.listen else []) + ["-f", self.conf, "-p", self.pidfile]

    def socket_path(self):
        for name in ("libvirt-sock", "jvirt-sock"):
            p = os.path.join(self.run, name)
            if os.path.exists(p):
                return p
        return os.path.join(self.run, "jvirt-sock")


# ---------------------------------------------------------------------------------------------------------------
# Results

class Results:
    """Samples per metric key and daemon, the first error per daemon and key, and free-form extras per name."""

    def __init__(self, metrics, names, extra_names=()):
        self.samples = {m[0]: {n: [] for n in names} for m in metrics}
        self.errors = {n: {} for n in names}
        self.extra = {n: {} for n in list(names) + list(extra_names)}

    def add(self, key, name, value):
        if value is not None:
            self.samples[key][name].append(value)

    def fail(self, key, name, msg):
        self.errors.setdefault(name, {}).setdefault(key, msg)


def interrupt(*_):
    """A signal handler: SIGTERM/SIGHUP end the run like Ctrl-C (daemons and guests are stopped on the way out)."""
    raise KeyboardInterrupt()


# ---------------------------------------------------------------------------------------------------------------
# --reaper

def reaper_main(argv):
    """Runs argv as our child, with this process as its subreaper: orphans below it are reparented here and reaped
    at once."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(36, 1, 0, 0, 0) != 0:  # PR_SET_CHILD_SUBREAPER
        print("reaper: prctl(PR_SET_CHILD_SUBREAPER) failed", file=sys.stderr)
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)

    def forward(sig, _frame):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass

    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(s, forward)
    while True:
        try:
            p, status = os.wait()
        except ChildProcessError:
            os._exit(0)
        if p == pid:
            os._exit(os.waitstatus_to_exitcode(status) & 0xff)


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] != "--reaper":
        sys.exit("usage: benchlib.py --reaper -- COMMAND...")
    args = args[1:]
    if args and args[0] == "--":
        args = args[1:]
    if not args:
        sys.exit("usage: benchlib.py --reaper -- COMMAND...")
    reaper_main(args)
