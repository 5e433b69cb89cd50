#!/usr/bin/python3
"""Storage side by side: jvirtd (qemu:///system under a host root) and a private real libvirtd 9.0 (unprivileged,
qemu:///session), the same python3-libvirt code against each, in one run:

  vol-create   100 qcow2 vol-creates (10 MiB each) in a dir pool: creates per second
  clone        a 1 GiB raw volume (half data, half hole) cloned to qcow2 (createXMLFrom): seconds
  upload       a 1 GiB file, half holes, sparse upload: MB/s of the file's size
  download     the same volume, sparse download into a sparse file: MB/s
  refresh      pool refresh with 1 000 volumes in the pool: seconds (the first, and a second one)
  list         listAllVolumes of those 1 000 volumes: seconds, the first call and the median of 20 more

and the floor for upload/download: dd of the same file (conv=sparse). Prints a table with ratios (> 1: jvirtd
is better) and writes JSON with --json FILE.

usage: storage_bench.py --workdir DIR --jvirtd-cmd "bin/jvirtd" [--json FILE] [--quick]
"""
import argparse
import json
import os
import pwd
import shutil
import statistics
import subprocess
import sys
import time

import libvirt

GIB = 1024 ** 3
MIB = 1024 ** 2
CHUNK = 64 * MIB
LIST_RUNS = 20

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def wait_for(path, proc, what, timeout=60):
    deadline = time.time() + timeout
    while not os.path.exists(path):
        if proc.poll() is not None or time.time() > deadline:
            raise RuntimeError("%s did not come up" % what)
        time.sleep(0.05)


def start_jvirtd(work, cmd):
    run = os.path.join(work, "jvirtd-run")
    os.makedirs(run, exist_ok=True)
    conf = os.path.join(work, "jvirtd.conf")
    with open(conf, "w") as f:
        f.write('unix_sock_dir = "%s"\nunix_sock_rw_perms = "0700"\nlisten_tcp = 0\nlisten_tls = 0\n' % run)
    env = dict(os.environ, JVIRT_HOST_ROOT=os.path.join(work, "jroot"),
               JVIRT_QEMU_STATE_DIR=os.path.join(work, "jqemu"), JVIRT_QEMU_RUN_DIR=os.path.join(work, "jq"))
    log = open(os.path.join(work, "jvirtd.log"), "w")
    p = subprocess.Popen(cmd.split() + ["-f", conf], env=env, stdout=log, stderr=subprocess.STDOUT)
    sock = os.path.join(run, "jvirt-sock")
    wait_for(sock, p, "jvirtd")
    return p, "qemu+unix:///system?socket=" + sock


def start_libvirtd(work):
    d = os.path.join(work, "lvd")
    run = os.path.join(d, "run")
    home = os.path.join(d, "home")
    os.makedirs(run)
    os.makedirs(home)
    conf = os.path.join(d, "libvirtd.conf")
    with open(conf, "w") as f:
        f.write('listen_tls = 0\nlisten_tcp = 0\nauth_unix_rw = "none"\nauth_unix_ro = "none"\n'
                'unix_sock_dir = "%s"\nlog_outputs = "3:file:%s/libvirtd.log"\n' % (run, d))
    for root, dirs, files in os.walk(d):
        os.chmod(root, 0o777)
        for n in files:
            os.chmod(os.path.join(root, n), 0o666)
    cmd = []
    if os.geteuid() == 0:
        cmd = ["runuser", "-u", "nobody", "--"]
    cmd += ["env", "HOME=" + home, "XDG_RUNTIME_DIR=" + run, "XDG_CONFIG_HOME=" + home + "/.config",
            "XDG_CACHE_HOME=" + home + "/.cache", "LIBVIRT_AUTOSTART=0", "/usr/sbin/libvirtd", "-f", conf,
            "-p", d + "/libvirtd.pid"]
    p = subprocess.Popen(cmd, stdout=open(d + "/stdout.log", "w"), stderr=subprocess.STDOUT)
    sock = os.path.join(run, "libvirt-sock")
    wait_for(sock, p, "libvirtd")
    return p, "qemu:///session?socket=" + sock, d


def pool_dir(base, name, owner):
    p = os.path.join(base, name)
    os.makedirs(p, exist_ok=True)
    os.chmod(p, 0o777)
    if owner is not None:
        os.chown(p, owner, -1)
    return p


def make_half_hole(path, size):
    """size bytes: 64 MiB of data, 64 MiB of hole, and so on."""
    block = (os.urandom(MIB) * (CHUNK // MIB))
    with open(path, "wb") as f:
        pos = 0
        while pos < size:
            f.seek(pos)
            f.write(block[:min(CHUNK, size - pos)])
            pos += 2 * CHUNK
        f.truncate(size)


def upload(conn, vol, src):
    fd = os.open(src, os.O_RDONLY)
    size = os.fstat(fd).st_size

    def hole(st, fd):
        cur = os.lseek(fd, 0, os.SEEK_CUR)
        if cur >= size:
            return (True, 0)
        try:
            data = os.lseek(fd, cur, os.SEEK_DATA)
        except OSError:
            data = size
        os.lseek(fd, cur, os.SEEK_SET)  # the probe moved the offset; skip() moves it past the hole
        if data > cur:
            return (False, data - cur)
        nxt = os.lseek(fd, cur, os.SEEK_HOLE)
        os.lseek(fd, cur, os.SEEK_SET)
        return (True, nxt - cur)

    def skip(st, length, fd):
        os.lseek(fd, length, os.SEEK_CUR)
        return 0

    def read(st, nbytes, fd):
        return os.read(fd, nbytes)

    s = conn.newStream(0)
    vol.upload(s, 0, 0, libvirt.VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM)
    s.sparseSendAll(read, hole, skip, fd)
    s.finish()
    os.close(fd)


def download(conn, vol, dst):
    fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)

    def recv(st, buf, fd):
        return os.write(fd, buf)

    def hole(st, length, fd):
        off = os.lseek(fd, length, os.SEEK_CUR)
        os.ftruncate(fd, off)
        return 0

    s = conn.newStream(0)
    vol.download(s, 0, 0, libvirt.VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM)
    s.sparseRecvAll(recv, hole, fd)
    s.finish()
    os.close(fd)


def connect(uri, timeout=60):
    """The daemon's socket exists a moment before it accepts."""
    deadline = time.time() + timeout
    while True:
        try:
            return libvirt.open(uri)
        except libvirt.libvirtError:
            if time.time() > deadline:
                raise
            time.sleep(0.1)


def measure(uri, base, owner, src, n_creates, n_vols, size):
    r = {}
    c = connect(uri)
    d = pool_dir(base, "bench", owner)
    pool = c.storagePoolCreateXML("<pool type='dir'><name>bench</name><target><path>%s</path></target></pool>" % d, 0)
    t = time.perf_counter()
    for i in range(n_creates):
        pool.createXML("<volume><name>c%03d.qcow2</name><capacity unit='M'>10</capacity>"
                       "<target><format type='qcow2'/></target></volume>" % i, 0)
    r["vol-create"] = n_creates / (time.perf_counter() - t)
    for v in pool.listAllVolumes(0):
        v.delete(0)

    raw = pool.createXML("<volume><name>big.raw</name><capacity>%d</capacity><allocation>0</allocation>"
                         "<target><format type='raw'/></target></volume>" % size, 0)
    upload_t = time.perf_counter()
    upload(c, raw, src)
    r["upload"] = size / MIB / (time.perf_counter() - upload_t)
    dst = os.path.join(base, "down.img")
    t = time.perf_counter()
    download(c, raw, dst)
    r["download"] = size / MIB / (time.perf_counter() - t)
    if subprocess.run(["cmp", src, dst], capture_output=True).returncode != 0:
        raise RuntimeError("downloaded bytes differ from the uploaded file")
    os.unlink(dst)
    t = time.perf_counter()
    pool.createXMLFrom("<volume><name>clone.qcow2</name><capacity>0</capacity>"
                       "<target><format type='qcow2'/></target></volume>", raw, 0)
    r["clone"] = time.perf_counter() - t
    for v in pool.listAllVolumes(0):
        v.delete(0)

    for i in range(n_vols):
        p = os.path.join(d, "v%04d.img" % i)
        with open(p, "wb") as f:
            f.truncate(MIB)
        if owner is not None:
            os.chown(p, owner, -1)
    t = time.perf_counter()
    pool.refresh(0)
    r["refresh"] = time.perf_counter() - t
    t = time.perf_counter()
    pool.refresh(0)
    r["refresh-again"] = time.perf_counter() - t
    t = time.perf_counter()
    vols = pool.listAllVolumes(0)
    r["list-first"] = time.perf_counter() - t
    times = []
    for _ in range(LIST_RUNS):  # the steady state: a daemon answers this many times a day
        t = time.perf_counter()
        vols = pool.listAllVolumes(0)
        times.append(time.perf_counter() - t)
    r["list"] = statistics.median(times)
    if len(vols) != n_vols:
        raise RuntimeError("listed %d volumes, made %d" % (len(vols), n_vols))
    pool.destroy()
    c.close()
    shutil.rmtree(d)
    return r


def floor(src, base):
    dst = os.path.join(base, "floor.img")
    t = time.perf_counter()
    subprocess.run(["dd", "if=" + src, "of=" + dst, "bs=1M", "conv=sparse", "status=none"], check=True)
    os.sync()
    mbs = os.path.getsize(src) / MIB / (time.perf_counter() - t)
    os.unlink(dst)
    return mbs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--workdir", required=True)
    ap.add_argument("--jvirtd-cmd", required=True)
    ap.add_argument("--json")
    ap.add_argument("--quick", action="store_true", help="64 MiB file, 20 creates, 100 volumes")
    a = ap.parse_args()
    size = 64 * MIB if a.quick else GIB
    n_creates = 20 if a.quick else 100
    n_vols = 100 if a.quick else 1000
    work = a.workdir
    os.chmod(work, 0o755)
    src = os.path.join(work, "half-hole.img")
    make_half_hole(src, size)
    os.chmod(src, 0o644)
    nobody = pwd.getpwnam("nobody").pw_uid if os.geteuid() == 0 else None
    results = {}
    procs = []
    try:
        jp, juri = start_jvirtd(work, a.jvirtd_cmd)
        procs.append(jp)
        jbase = os.path.join(work, "j")
        os.makedirs(jbase)
        results["jvirtd"] = measure(juri, jbase, None, src, n_creates, n_vols, size)
        lp, luri, ldir = start_libvirtd(work)
        procs.append(lp)
        lbase = os.path.join(work, "l")
        os.makedirs(lbase)
        os.chmod(lbase, 0o777)
        results["libvirtd"] = measure(luri, lbase, nobody, src, n_creates, n_vols, size)
        results["floor"] = {"dd": floor(src, work)}
    finally:
        for p in procs:
            p.terminate()
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
        pidf = os.path.join(work, "lvd", "libvirtd.pid")
        if os.path.exists(pidf):
            try:
                os.kill(int(open(pidf).read().strip()), 15)
            except (OSError, ValueError):
                pass
    j, l, fl = results["jvirtd"], results["libvirtd"], results["floor"]["dd"]
    rows = [
        ("vol-create (qcow2, per s)", j["vol-create"], l["vol-create"], j["vol-create"] / l["vol-create"]),
        ("clone 1 GiB raw->qcow2 (s)", j["clone"], l["clone"], l["clone"] / j["clone"]),
        ("upload sparse (MB/s)", j["upload"], l["upload"], j["upload"] / l["upload"]),
        ("download sparse (MB/s)", j["download"], l["download"], j["download"] / l["download"]),
        ("refresh, %d vols (s)" % n_vols, j["refresh"], l["refresh"], l["refresh"] / j["refresh"]),
        ("refresh again (s)", j["refresh-again"], l["refresh-again"], l["refresh-again"] / j["refresh-again"]),
        ("listAllVolumes, first (s)", j["list-first"], l["list-first"], l["list-first"] / j["list-first"]),
        ("listAllVolumes, %d vols (s)" % n_vols, j["list"], l["list"], l["list"] / j["list"]),
    ]
    print("%-32s %12s %12s %8s" % ("metric", "jvirtd", "libvirtd", "ratio"))
    for name, jv, lv, ratio in rows:
        print("%-32s %12.4g %12.4g %8.2f" % (name, jv, lv, ratio))
    print("%-32s %12.4g   (upload %.0f%%, download %.0f%% of it for jvirtd)" % (
        "floor: dd conv=sparse (MB/s)", fl, 100 * j["upload"] / fl, 100 * j["download"] / fl))
    print("ratio > 1: jvirtd is better")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    sys.exit(main())
