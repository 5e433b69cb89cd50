# Defines each document of a batch in libvirt's own test driver (a fresh test:///default per document, so the
# documents do not see each other) and prints one line per document: accepted with the XML libvirt writes
# back, or refused with libvirt's error code and message. Input on stdin: one "kind<TAB>path" per line. Output: one
# line per document, "path<TAB>OK<TAB>xml" or "path<TAB>ERR<TAB>code<TAB>message", with backslash, newline and tab
# escaped as \\, \n and \t.
import sys

import libvirt

libvirt.registerErrorHandler(lambda ctx, err: None, None)


def define(c, kind, xml):
    if kind == 'domain':
        return c.defineXML(xml).XMLDesc(0)
    if kind == 'network':
        return c.networkDefineXML(xml).XMLDesc(0)
    if kind == 'pool':
        return c.storagePoolDefineXML(xml).XMLDesc(0)
    if kind == 'volume':
        return c.storagePoolLookupByName('default-pool').createXML(xml, 0).XMLDesc(0)
    if kind == 'nodedev':
        return c.nodeDeviceCreateXML(xml, 0).XMLDesc(0)
    if kind == 'secret':
        return c.secretDefineXML(xml, 0).XMLDesc(0)
    if kind == 'nwfilter':
        return c.nwfilterDefineXML(xml).XMLDesc(0)
    if kind == 'snapshot':
        return c.lookupByName('test').snapshotCreateXML(xml, 0).getXMLDesc(0)
    if kind == 'checkpoint':
        return c.lookupByName('test').checkpointCreateXML(xml, 0).getXMLDesc(0)
    raise ValueError(kind)


def esc(s):
    return s.replace('\\', '\\\\').replace('\n', '\\n').replace('\t', '\\t')


for line in sys.stdin:
    kind, path = line.rstrip('\n').split('\t')
    with open(path, encoding='utf-8') as f:
        xml = f.read()
    c = libvirt.open('test:///default')
    try:
        out = [path, 'OK', define(c, kind, xml)]
    except libvirt.libvirtError as e:
        out = [path, 'ERR', str(e.get_error_code()), e.get_error_message() or '']
    finally:
        c.close()
    sys.stdout.write('\t'.join(esc(x) for x in out) + '\n')
    sys.stdout.flush()
