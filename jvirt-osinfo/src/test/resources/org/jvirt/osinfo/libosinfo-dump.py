#!/usr/bin/python3
# Dumps what the real libosinfo (through GObject introspection, as virt-install reads it) computes for every OS:
# one line per fact, "OS-ID<TAB>FIELD<TAB>VALUE", so that a Java test can compare jvirt-osinfo's model fact by
# fact. Facts that are lists print one line per element. Roots: argv[1:] if given, else libosinfo's defaults.
import sys
import gi
gi.require_version('Libosinfo', '1.0')
from gi.repository import Libosinfo as L


def items(lst):
    return [lst.get_nth(i) for i in range(lst.get_length())]


def fmt(v):
    return "" if v is None else str(v)


loader = L.Loader()
if len(sys.argv) > 1:
    for root in sys.argv[1:]:
        loader.process_path(root)
else:
    loader.process_default_path()
db = loader.get_db()
out = []
for os in items(db.get_os_list()):
    oid = os.get_id()

    def p(field, value):
        out.append("%s\t%s\t%s" % (oid, field, fmt(value)))

    for s in os.get_param_value_list("short-id"):
        p("short-id", s)
    for key in ["name", "vendor", "version", "family", "distro", "codename", "release-date", "eol-date",
                "release-status", "kernel-url-argument", "cloud-image-username"]:
        v = os.get_param_value(key)
        if v is not None:
            p(key, v)
    for rel, name in [(L.ProductRelationship.DERIVES_FROM, "derives-from"),
                      (L.ProductRelationship.CLONES, "clones"),
                      (L.ProductRelationship.UPGRADES, "upgrades")]:
        for r in items(os.get_related(rel)):
            p(name, r.get_id())
    for d in items(os.get_all_devices(None)):
        p("device", d.get_id())
    for f in items(os.get_complete_firmware_list(None)):
        p("firmware", "%s %s %s" % (f.get_architecture(), f.get_firmware_type(), f.is_supported()))
    for kind, getter in [("minimum", os.get_minimum_resources), ("recommended", os.get_recommended_resources),
                         ("maximum", os.get_maximum_resources),
                         ("network-install", os.get_network_install_resources)]:
        for r in items(getter()):
            p("resources", "%s %s cpus=%d cpu=%d ram=%d storage=%d" % (
                kind, r.get_architecture(), r.get_n_cpus(), r.get_cpu(), r.get_ram(), r.get_storage()))
    for v in items(os.get_variant_list()):
        p("variant", "%s %s" % (v.get_id(), fmt(v.get_name())))
    for m in items(os.get_media_list()):
        p("media", "%s vol=%s sys=%s pub=%s app=%s size=%d kernel=%s initrd=%s installer=%s live=%s reboots=%s" % (
            m.get_architecture(), fmt(m.get_volume_id()), fmt(m.get_system_id()), fmt(m.get_publisher_id()),
            fmt(m.get_application_id()), m.get_volume_size(), fmt(m.get_kernel_path()), fmt(m.get_initrd_path()),
            m.get_installer(), m.get_live(), m.get_installer_reboots() if m.get_installer() else -1))
    for t in items(os.get_tree_list()):
        p("tree", "%s url=%s kernel=%s initrd=%s family=%s variant=%s version=%s arch=%s" % (
            t.get_architecture(), fmt(t.get_url()), fmt(t.get_kernel_path()), fmt(t.get_initrd_path()),
            fmt(t.get_treeinfo_family()), fmt(t.get_treeinfo_variant()), fmt(t.get_treeinfo_version()),
            fmt(t.get_treeinfo_arch())))
    for i in items(os.get_image_list()):
        p("image", "%s %s %s cloud-init=%s" % (i.get_architecture(), fmt(i.get_format()), fmt(i.get_url()),
                                               i.get_cloud_init()))
    for s in items(os.get_install_script_list()):
        p("install-script", s.get_id())
sys.stdout.write("\n".join(out) + "\n")
