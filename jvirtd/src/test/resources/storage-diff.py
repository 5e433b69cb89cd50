# The same storage calls against one daemon (jvirtd or a real libvirtd), through python3-libvirt; prints what a
# differential test compares as JSON: pool and volume XML, the image files' paths, and the errors of bad input.
# usage: storage-diff.py URI POOL_DIR
import json
import sys

import libvirt

uri, pool_dir = sys.argv[1], sys.argv[2]
libvirt.registerErrorHandler(lambda ctx, err: None, None)
c = libvirt.open(uri)
out = {"volumes": {}, "errors": {}, "files": {}}

pool = c.storagePoolCreateXML(
    "<pool type='dir'><name>diffpool</name><target><path>%s</path></target></pool>" % pool_dir, 0)
out["pool"] = pool.XMLDesc(0)

VOLS = [
    ("q-opts.qcow2", "<capacity unit='M'>64</capacity><target><format type='qcow2'/><compat>1.1</compat>"
                     "<clusterSize unit='K'>128</clusterSize><features><lazy_refcounts/></features></target>"),
    ("q-default.qcow2", "<capacity unit='M'>10</capacity><target><format type='qcow2'/></target>"),
    ("r-sparse.img", "<capacity unit='M'>20</capacity><allocation>0</allocation><target><format type='raw'/></target>"),
    ("r-full.img", "<capacity unit='M'>2</capacity><target><format type='raw'/></target>"),
    ("q-backed.qcow2", "<capacity unit='M'>20</capacity><target><format type='qcow2'/></target>"
                       "<backingStore><path>%s/r-sparse.img</path><format type='raw'/></backingStore>" % pool_dir),
    ("q-perm.qcow2", "<capacity unit='M'>1</capacity><target><format type='qcow2'/>"
                     "<permissions><mode>0640</mode></permissions></target>"),
]
for name, body in VOLS:
    v = pool.createXML("<volume><name>%s</name>%s</volume>" % (name, body), 0)
    out["files"][name] = v.path()

src = pool.storageVolLookupByName("r-sparse.img")
clone = pool.createXMLFrom("<volume><name>clone.qcow2</name><capacity>0</capacity>"
                           "<target><format type='qcow2'/></target></volume>", src, 0)
out["files"]["clone.qcow2"] = clone.path()
pool.storageVolLookupByName("q-default.qcow2").resize(20 * 1024 * 1024, 0)
pool.storageVolLookupByName("r-full.img").resize(4 * 1024 * 1024, 0)

for v in pool.listAllVolumes(0):
    out["volumes"][v.name()] = {"xml": v.XMLDesc(0), "info": v.info()}


def err(label, fn):
    try:
        fn()
        out["errors"][label] = None
    except libvirt.libvirtError as e:
        out["errors"][label] = [e.get_error_code(), e.get_error_domain(), e.get_error_message()]


def vol(xml):
    return lambda: pool.createXML(xml, 0)


err("slash", vol("<volume><name>../x</name><capacity>1</capacity></volume>"))
err("dotdot", vol("<volume><name>..</name><capacity>1</capacity></volume>"))
err("exists", vol("<volume><name>r-full.img</name><capacity>1</capacity></volume>"))
err("unknown-format", vol("<volume><name>u</name><capacity>1</capacity><target><format type='nope'/></target></volume>"))
err("no-capacity", vol("<volume><name>u</name></volume>"))
err("no-name", vol("<volume><capacity>1</capacity></volume>"))
err("overflow", vol("<volume><name>u</name><capacity unit='E'>100</capacity></volume>"))
err("lazy-010", vol("<volume><name>u.qcow2</name><capacity>1048576</capacity><target><format type='qcow2'/>"
                    "<compat>0.10</compat><features><lazy_refcounts/></features></target></volume>"))
err("backing-raw", vol("<volume><name>u.img</name><capacity>1048576</capacity><target><format type='raw'/></target>"
                       "<backingStore><path>%s/r-sparse.img</path></backingStore></volume>" % pool_dir))
err("backing-missing", vol("<volume><name>u.qcow2</name><capacity>1048576</capacity><target><format type='qcow2'/>"
                           "</target><backingStore><path>/nonexistent/base</path></backingStore></volume>"))
err("bad-feature", vol("<volume><name>u.qcow2</name><capacity>1</capacity><target><format type='qcow2'/>"
                       "<features><nope/></features></target></volume>"))
err("prealloc-raw", lambda: pool.createXML("<volume><name>u.img</name><capacity>1</capacity></volume>",
                                           libvirt.VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA))
err("shrink-no-flag", lambda: pool.storageVolLookupByName("q-default.qcow2").resize(1024, 0))
err("clone-exists", lambda: pool.createXMLFrom("<volume><name>clone.qcow2</name><capacity>0</capacity></volume>",
                                               src, 0))
err("no-vol", lambda: pool.storageVolLookupByName("nope"))
err("no-vol-path", lambda: c.storageVolLookupByPath("/nonexistent/x"))
err("no-vol-key", lambda: c.storageVolLookupByKey("/nonexistent/x"))
err("no-pool", lambda: c.storagePoolLookupByName("nope"))
err("pool-unknown-type", lambda: c.storagePoolDefineXML("<pool type='nope'><name>x</name></pool>", 0))
err("pool-no-target", lambda: c.storagePoolDefineXML("<pool type='dir'><name>x</name></pool>", 0))
err("pool-slash", lambda: c.storagePoolDefineXML(
    "<pool type='dir'><name>a/b</name><target><path>/tmp/x</path></target></pool>", 0))
err("pool-same-target", lambda: c.storagePoolDefineXML(
    "<pool type='dir'><name>other</name><target><path>%s</path></target></pool>" % pool_dir, 0))
err("pool-active-undefine", lambda: pool.undefine())
err("pool-start-active", lambda: pool.create(0))
err("pool-autostart-transient", lambda: pool.setAutostart(1))
err("pool-missing-dir", lambda: c.storagePoolCreateXML(
    "<pool type='dir'><name>gone</name><target><path>/nonexistent/pool</path></target></pool>", 0))

pool.destroy()
print(json.dumps(out, indent=1, sort_keys=True))
