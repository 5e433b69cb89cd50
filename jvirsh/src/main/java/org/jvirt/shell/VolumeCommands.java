package org.jvirt.shell;

import static org.jvirt.shell.Command.cmd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.StoragePool;
import org.jvirt.StorageVol;
import org.jvirt.StorageVolInfo;
import org.jvirt.StorageVolType;
import org.jvirt.StorageVolWipeAlgorithm;
import org.jvirt.Stream;
import org.jvirt.VirtException;
import org.jvirt.flags.StorageVolCreateFlag;
import org.jvirt.flags.StorageVolDeleteFlag;
import org.jvirt.flags.StorageVolDownloadFlag;
import org.jvirt.flags.StorageVolResizeFlag;
import org.jvirt.flags.StorageVolUploadFlag;
import org.jvirt.spi.StreamBackend;
import org.w3c.dom.Document;

/** virsh's "Storage Volume" group (help keyword 'volume'): the table first, then the handlers. */
final class VolumeCommands {

    private VolumeCommands() {
    }

    static Group group() {
        return new Group("Storage Volume", "volume", List.of(
                cmd("vol-clone", "clone a volume.",
                        "Clone an existing volume within the parent pool.",
                        VolumeCommands::cloneVol,
                        Opt.data("vol", "vol name, key or path").req().complete(Completer.VOLUME),
                        Opt.data("newname", "clone name").req(),
                        Opt.string("pool", "pool name or uuid").complete(Completer.POOL),
                        Opt.bool("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
                        Opt.bool("reflink", "use btrfs COW lightweight copy"),
                        Opt.bool("print-xml", "print XML document rather than clone the volume")),
                cmd("vol-create-as", "create a volume from a set of args",
                        "Create a vol.",
                        VolumeCommands::createAs,
                        Opt.data("pool", "pool name").req().complete(Completer.POOL),
                        Opt.data("name", "name of the volume").req(),
                        Opt.data("capacity", "size of the vol, as scaled integer (default bytes)").req(),
                        Opt.string("allocation", "initial allocation size, as scaled integer (default bytes)"),
                        Opt.string("format", "file format type raw,bochs,qcow,qcow2,qed,vmdk"),
                        Opt.string("backing-vol", "the backing volume if taking a snapshot"),
                        Opt.string("backing-vol-format", "format of backing volume if taking a snapshot"),
                        Opt.bool("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
                        Opt.bool("print-xml", "print XML document, but don't define/create")),
                cmd("vol-create", "create a vol from an XML file",
                        "Create a vol.",
                        VolumeCommands::create,
                        Opt.data("pool", "pool name").req().complete(Completer.POOL),
                        Opt.data("file", "file containing an XML vol description").req().complete(Completer.FILE),
                        Opt.bool("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("vol-create-from", "create a vol, using another volume as input",
                        "Create a vol from an existing volume.",
                        VolumeCommands::createFrom,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL),
                        Opt.data("file", "file containing an XML vol description").req().complete(Completer.FILE),
                        Opt.data("vol", "vol name, key or path").req().complete(Completer.VOLUME),
                        Opt.string("inputpool", "pool name or uuid of the input volume's pool").complete(Completer.POOL),
                        Opt.bool("prealloc-metadata", "preallocate metadata (for qcow2 instead of full allocation)"),
                        Opt.bool("reflink", "use btrfs COW lightweight copy"),
                        Opt.bool("validate", "validate the XML against the schema")),
                cmd("vol-delete", "delete a vol",
                        "Delete a given vol.",
                        VolumeCommands::delete,
                        Opt.data("vol", "vol name, key or path").req().complete(Completer.VOLUME),
                        Opt.string("pool", "pool name or uuid").complete(Completer.POOL),
                        Opt.bool("delete-snapshots", "delete snapshots associated with volume (must be supported by storage driver)")),
                cmd("vol-download", "download volume contents to a file",
                        "Download volume contents to a file",
                        VolumeCommands::download,
                        Opt.data("vol", "vol name, key or path").req().complete(Completer.VOLUME),
                        Opt.data("file", "file").req().complete(Completer.FILE),
                        Opt.string("pool", "pool name or uuid").complete(Completer.POOL),
                        Opt.integer("offset", "volume offset to download from"),
                        Opt.integer("length", "amount of data to download"),
                        Opt.bool("sparse", "preserve sparseness of volume")),
                cmd("vol-dumpxml", "vol information in XML",
                        "Output the vol information as an XML dump to stdout.",
                        VolumeCommands::dumpxml,
                        Opt.data("vol", "vol name, key or path").req().complete(Completer.VOLUME),
                        Opt.string("pool", "pool name or uuid").complete(Completer.POOL),
                        Opt.string("xpath", "xpath expression to filter the XML document").named(),
                        Opt.bool("wrap", "wrap xpath results in an common root element")),
                cmd("vol-info", "storage vol information",
                        "Returns basic information about the storage vol.",
                        VolumeCommands::info,
                        Opt.data("vol", "vol name, key or path").req().complete(Completer.VOLUME),
                        Opt.string("pool", "pool name or uuid").complete(Completer.POOL),
                        Opt.bool("bytes", "sizes are represented in bytes rather than pretty units"),
                        Opt.bool("physical", "return the physical size of the volume in allocation field")),
                cmd("vol-key", "returns the volume key for a given volume name or path",
                        "",
                        VolumeCommands::key,
                        Opt.data("vol", "volume name or path").req().complete(Completer.VOLUME),
                        Opt.string("pool", "pool name or uuid").complete(Completer.POOL)),
                cmd("vol-list", "list vols",
                        "Returns list of vols by pool.",
                        VolumeCommands::list,
                        Opt.data("pool", "pool name or uuid").req().complete(Completer.POOL),
                        Opt.bool("details", "display extended details for volumes")),
                cmd("vol-name", "returns the volume name for a given volume key or path",
                        "",
                        VolumeCommands::name,
                        Opt.data("vol", "volume key or path").req()),
                cmd("vol-path", "returns the volume path for a given volume name or key",
                        "",
                        VolumeCommands::path,
                        Opt.data("vol", "volume name or key").req().complete(Completer.VOLUME),
                        Opt.string("pool", "pool name or uuid").complete(Completer.POOL)),
                cmd("vol-pool", "returns the storage pool for a given volume key or path",
                        "",
                        VolumeCommands::pool,
                        Opt.data("vol", "volume key or path").req(),
                        Opt.bool("uuid", "return the pool uuid rather than pool name")),
                cmd("vol-resize", "resize a vol",
                        "Resizes a storage volume. This is safe only for storage volumes not in use by an active guest.\nSee blockresize for live resizing.",
                        VolumeCommands::resize,
                        Opt.data("vol", "vol name, key or path").req().complete(Completer.VOLUME),
                        Opt.data("capacity", "new capacity for the vol, as scaled integer (default bytes)").req(),
                        Opt.string("pool", "pool name or uuid").complete(Completer.POOL),
                        Opt.bool("allocate", "allocate the new capacity, rather than leaving it sparse"),
                        Opt.bool("delta", "use capacity as a delta to current size, rather than the new size"),
                        Opt.bool("shrink", "allow the resize to shrink the volume")),
                cmd("vol-upload", "upload file contents to a volume",
                        "Upload file contents to a volume",
                        VolumeCommands::upload,
                        Opt.data("vol", "vol name, key or path").req().complete(Completer.VOLUME),
                        Opt.data("file", "file").req().complete(Completer.FILE),
                        Opt.string("pool", "pool name or uuid").complete(Completer.POOL),
                        Opt.integer("offset", "volume offset to upload to"),
                        Opt.integer("length", "amount of data to upload"),
                        Opt.bool("sparse", "preserve sparseness of volume")),
                cmd("vol-wipe", "wipe a vol",
                        "Ensure data previously on a volume is not accessible to future reads",
                        VolumeCommands::wipe,
                        Opt.data("vol", "vol name, key or path").req().complete(Completer.VOLUME),
                        Opt.string("pool", "pool name or uuid").complete(Completer.POOL),
                        Opt.string("algorithm", "perform selected wiping algorithm"))));
    }

    // ---- handlers ---------------------------------------------------------------------------------------

    private static final String[] TYPES = {"file", "block", "dir", "network", "netdir", "ploop"};
    private static final String[] WIPE = {
        "zero", "nnsa", "dod", "bsi", "gutmann", "schneier", "pfitzner7", "pfitzner33", "random", "trim"
    };

    static String typeName(StorageVolType t) {
        int c = t.code();
        return c >= 0 && c < TYPES.length ? TYPES[c] : "unknown";
    }

    /** virshVolSize: a byte count with an optional unit suffix. */
    private static long size(Shell sh, String s) {
        Long v = Numbers.scaled(s, 1, Numbers.ULLONG_MAX);
        if (v != null) {
            return v;
        }
        // virScaleInteger leaves its own error behind, which virsh prints after "Malformed size"
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*\\+?([0-9]+)(.*)", java.util.regex.Pattern.DOTALL)
                .matcher(s);
        if (!m.matches() || Numbers.parseUnsigned64(m.group(1)) == null) {
            throw sh.fail("Malformed size %s", s);
        }
        String suffix = m.group(2);
        if (Numbers.scaled("1" + suffix, 1, Numbers.ULLONG_MAX) == null) {
            throw sh.fail(VirtException.of(ErrorDomain.NONE, ErrorNumber.INVALID_ARG, "unknown suffix '%s'", suffix),
                    "Malformed size %s", s);
        }
        throw sh.fail(VirtException.of(ErrorDomain.NONE, ErrorNumber.OVERFLOW, "value too large: %s%s",
                Long.toUnsignedString(Numbers.parseUnsigned64(m.group(1))), suffix), "Malformed size %s", s);
    }

    static boolean list(Shell sh, Invocation cmd) {
        StoragePool pool = Lookup.pool(sh, cmd, "pool");
        boolean details = cmd.bool("details");
        List<StorageVol> vols;
        try {
            vols = new ArrayList<>(pool.listAllVolumes());
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to list volumes");
        }
        vols.sort((a, b) -> Strings.caseCompare(a.getName(), b.getName()));
        Table t = details ? new Table("Name", "Path", "Type", "Capacity", "Allocation") : new Table("Name", "Path");
        for (StorageVol v : vols) {
            String path;
            try {
                path = v.getPath();
            } catch (VirtException e) {
                path = "unknown";
            }
            if (!details) {
                t.row(v.getName(), path);
                continue;
            }
            try {
                StorageVolInfo info = v.getInfo();
                t.row(v.getName(), path, typeName(info.type()), Strings.pretty(info.capacity()),
                        Strings.pretty(info.allocation()));
            } catch (VirtException e) {
                t.row(v.getName(), path, "unknown", "unknown", "unknown");
            }
        }
        t.print(sh);
        return true;
    }

    static boolean info(Shell sh, Invocation cmd) {
        StorageVol v = Lookup.vol(sh, cmd, "vol", "pool");
        boolean bytes = cmd.bool("bytes");
        boolean physical = cmd.bool("physical");
        sh.print("%-15s %s\n", "Name:", v.getName());
        // virsh asks with flags only for --physical, so drivers without the flags call still answer vol-info
        StorageVolInfo info = physical ? v.getInfo(org.jvirt.flags.StorageVolInfoFlag.GET_PHYSICAL) : v.getInfo();
        sh.print("%-15s %s\n", "Type:", typeName(info.type()));
        if (bytes) {
            sh.print("%-15s %s bytes\n", "Capacity:", Long.toUnsignedString(info.capacity()));
            sh.print("%-15s %s bytes\n", "Allocation:", Long.toUnsignedString(info.allocation()));
        } else {
            sh.print("%-15s %s\n", "Capacity:", Strings.pretty(info.capacity()));
            sh.print("%-15s %s\n", "Allocation:", Strings.pretty(info.allocation()));
        }
        return true;
    }

    static boolean dumpxml(Shell sh, Invocation cmd) {
        StorageVol v = Lookup.vol(sh, cmd, "vol", "pool");
        return XPathOut.print(sh, v.getXMLDesc(), cmd.string("xpath"), cmd.bool("wrap"));
    }

    static boolean path(Shell sh, Invocation cmd) {
        sh.print("%s\n", Lookup.vol(sh, cmd, "vol", "pool").getPath());
        return true;
    }

    static boolean key(Shell sh, Invocation cmd) {
        sh.print("%s\n", Lookup.vol(sh, cmd, "vol", "pool").getKey());
        return true;
    }

    static boolean name(Shell sh, Invocation cmd) {
        sh.print("%s\n", Lookup.vol(sh, cmd, "vol", null).getName());
        return true;
    }

    static boolean pool(Shell sh, Invocation cmd) {
        StoragePool p = Lookup.vol(sh, cmd, "vol", null).getPool();
        sh.print("%s\n", cmd.bool("uuid") ? p.getUUIDString() : p.getName());
        return true;
    }

    private static StorageVolCreateFlag[] createFlags(Invocation cmd, String... opts) {
        EnumSet<StorageVolCreateFlag> f = EnumSet.noneOf(StorageVolCreateFlag.class);
        for (String o : opts) {
            if (cmd.bool(o)) {
                f.add(switch (o) {
                    case "prealloc-metadata" -> StorageVolCreateFlag.PREALLOC_METADATA;
                    case "reflink" -> StorageVolCreateFlag.REFLINK;
                    default -> StorageVolCreateFlag.VALIDATE;
                });
            }
        }
        return f.toArray(new StorageVolCreateFlag[0]);
    }

    static boolean createAs(Shell sh, Invocation cmd) {
        StorageVolCreateFlag[] flags = createFlags(cmd, "prealloc-metadata");
        StoragePool pool = Lookup.pool(sh, cmd, "pool");
        String name = cmd.req("name");
        long capacity = size(sh, cmd.req("capacity"));
        Invocation.Arg allocArg = cmd.raw("allocation");
        String allocStr = allocArg == null || allocArg.value().isEmpty() ? null : allocArg.value();
        long allocation = allocStr == null ? 0 : size(sh, allocStr);
        String format = cmd.string("format");
        String backing = cmd.string("backing-vol");
        String backingFormat = cmd.string("backing-vol-format");
        StringBuilder b = new StringBuilder("<volume>\n");
        b.append("  <name>").append(name).append("</name>\n");
        b.append("  <capacity>").append(Long.toUnsignedString(capacity)).append("</capacity>\n");
        if (allocStr != null) {
            b.append("  <allocation>").append(Long.toUnsignedString(allocation)).append("</allocation>\n");
        }
        if (format != null) {
            b.append("  <target>\n    <format type='").append(format).append("'/>\n  </target>\n");
        }
        if (backing != null) {
            StorageVol bv = null;
            VirtException last = null;
            try {
                bv = pool.storageVolLookupByName(backing);
            } catch (VirtException e) {
                last = e;
            }
            if (bv == null) {
                try {
                    bv = sh.conn().storageVolLookupByKey(backing);
                } catch (VirtException e) {
                    last = e;
                }
            }
            if (bv == null) {
                try {
                    bv = sh.conn().storageVolLookupByPath(backing);
                } catch (VirtException e) {
                    last = e;
                }
            }
            if (bv == null) {
                throw sh.fail(last, "failed to get vol '%s'", backing);
            }
            b.append("  <backingStore>\n    <path>").append(bv.getPath()).append("</path>\n");
            if (backingFormat != null) {
                b.append("    <format type='").append(backingFormat).append("'/>\n");
            }
            b.append("  </backingStore>\n");
        }
        b.append("</volume>\n");
        if (cmd.bool("print-xml")) {
            sh.print("%s", b.toString());
            return true;
        }
        try {
            pool.storageVolCreateXML(b.toString(), flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to create vol %s", name);
        }
        sh.printExtra("Vol %s created\n", name);
        return true;
    }

    static boolean create(Shell sh, Invocation cmd) {
        StorageVolCreateFlag[] flags = createFlags(cmd, "prealloc-metadata", "validate");
        StoragePool pool = Lookup.pool(sh, cmd, "pool");
        String from = cmd.req("file");
        String xml = sh.readFile(from);
        StorageVol v;
        try {
            v = pool.storageVolCreateXML(xml, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to create vol from %s", from);
        }
        sh.printExtra("Vol %s created from %s\n", v.getName(), from);
        return true;
    }

    static boolean createFrom(Shell sh, Invocation cmd) {
        StoragePool pool = Lookup.pool(sh, cmd, "pool");
        StorageVolCreateFlag[] flags = createFlags(cmd, "prealloc-metadata", "reflink", "validate");
        String from = cmd.req("file");
        StorageVol input = Lookup.vol(sh, cmd, "vol", "inputpool");
        String xml = sh.readFile(from);
        StorageVol v;
        try {
            v = pool.storageVolCreateXMLFrom(xml, input, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to create vol from %s", from);
        }
        sh.printExtra("Vol %s created from input vol %s\n", v.getName(), input.getName());
        return true;
    }

    static boolean cloneVol(Shell sh, Invocation cmd) {
        StorageVol orig = Lookup.vol(sh, cmd, "vol", "pool");
        StorageVolCreateFlag[] flags = createFlags(cmd, "prealloc-metadata", "reflink");
        StoragePool pool = orig.getPool();
        String name = cmd.req("newname");
        // libvirt edits /volume/name in place and writes the document back: the rest keeps its text
        String origXml = orig.getXMLDesc();
        Document doc = Xml.parse(origXml);
        if (doc == null || Xml.nodes(doc, "/volume/name").isEmpty()) {
            throw sh.fail("Failed to allocate XML buffer");
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<name>[^<]*</name>|<name/>").matcher(origXml);
        if (!m.find()) {
            throw sh.fail("Failed to allocate XML buffer");
        }
        String xml = origXml.substring(0, m.start()) + "<name>" + Xml.escapeText(name) + "</name>"
                + origXml.substring(m.end());
        if (!xml.endsWith("\n")) {
            xml += "\n";
        }
        if (cmd.bool("print-xml")) {
            sh.print("%s", xml);
            return true;
        }
        StorageVol v;
        try {
            v = pool.storageVolCreateXMLFrom(xml, orig, flags);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to clone vol from %s", orig.getName());
        }
        sh.printExtra("Vol %s cloned from %s\n", v.getName(), orig.getName());
        return true;
    }

    static boolean delete(Shell sh, Invocation cmd) {
        String n = cmd.req("vol");
        StorageVol v = Lookup.vol(sh, cmd, "vol", "pool");
        try {
            if (cmd.bool("delete-snapshots")) {
                v.delete(StorageVolDeleteFlag.WITH_SNAPSHOTS);
            } else {
                v.delete();
            }
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to delete vol %s", n);
        }
        sh.printExtra("Vol %s deleted\n", n);
        return true;
    }

    static boolean wipe(Shell sh, Invocation cmd) {
        String n = cmd.req("vol");
        StorageVol v = Lookup.vol(sh, cmd, "vol", "pool");
        String alg = cmd.string("algorithm");
        StorageVolWipeAlgorithm a = StorageVolWipeAlgorithm.ZERO;
        if (alg != null) {
            int i = List.of(WIPE).indexOf(alg);
            if (i < 0) {
                throw sh.fail("Unsupported algorithm '%s'", alg);
            }
            a = StorageVolWipeAlgorithm.values()[i];
        }
        try {
            v.wipe(a);
        } catch (VirtException e) {
            throw sh.fail(e, "Failed to wipe vol %s", n);
        }
        sh.printExtra("Vol %s wiped\n", n);
        return true;
    }

    static boolean resize(Shell sh, Invocation cmd) {
        EnumSet<StorageVolResizeFlag> f = EnumSet.noneOf(StorageVolResizeFlag.class);
        boolean delta = cmd.bool("delta");
        if (cmd.bool("allocate")) {
            f.add(StorageVolResizeFlag.ALLOCATE);
        }
        if (cmd.bool("shrink")) {
            f.add(StorageVolResizeFlag.SHRINK);
        }
        StorageVol v = Lookup.vol(sh, cmd, "vol", "pool");
        String capStr = cmd.req("capacity").stripLeading();
        if (capStr.startsWith("-")) {
            if (!cmd.bool("shrink")) {
                throw sh.fail("negative size requires --shrink");
            }
            capStr = capStr.substring(1);
            delta = true;
        }
        if (delta) {
            f.add(StorageVolResizeFlag.DELTA);
        }
        long capacity = size(sh, capStr);
        try {
            v.resize(capacity, f.toArray(new StorageVolResizeFlag[0]));
        } catch (VirtException e) {
            throw sh.fail(e, delta ? "Failed to change size of volume '%s' by %s"
                    : "Failed to change size of volume '%s' to %s", v.getName(), capStr);
        }
        sh.printExtra(delta ? "Size of volume '%s' successfully changed by %s\n"
                : "Size of volume '%s' successfully changed to %s\n", v.getName(), capStr);
        return true;
    }

    /** vshCommandOptULongLongWrap: a 64-bit value where a negative number wraps around. */
    private static long wrapped(Shell sh, Invocation cmd, String name) {
        Invocation.Arg a = cmd.raw(name);
        if (a == null) {
            return 0;
        }
        Long v = Numbers.parse(a.value(), false, Long.MIN_VALUE, Long.MAX_VALUE);
        if (v == null) {
            v = Numbers.parseUnsigned64(a.value());
        }
        if (v == null) {
            throw sh.fail("Numeric value '%s' for <%s> option is malformed or out of range", a.value(), name);
        }
        return v;
    }

    static boolean upload(Shell sh, Invocation cmd) {
        long offset = cmd.ulong("offset", 0);
        long length = wrapped(sh, cmd, "length");
        String n = cmd.req("vol");
        StorageVol v = Lookup.vol(sh, cmd, "vol", "pool");
        String file = cmd.req("file");
        boolean sparse = cmd.bool("sparse");
        try (FileChannel in = FileChannel.open(sh.path(file), StandardOpenOption.READ)) {
            Stream st = sh.conn().newStream();
            try {
                if (sparse) {
                    v.upload(st, offset, length, StorageVolUploadFlag.SPARSE_STREAM);
                } else {
                    v.upload(st, offset, length);
                }
            } catch (VirtException e) {
                st.close();
                throw sh.fail(e, "cannot upload to volume %s", n);
            }
            try {
                ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                while (true) {
                    buf.clear();
                    int r = in.read(buf);
                    if (r < 0) {
                        break;
                    }
                    byte[] a = buf.array();
                    if (sparse && allZero(a, r)) {
                        st.sendHole(r);
                        continue;
                    }
                    int off = 0;
                    while (off < r) {
                        off += st.send(a, off, r - off);
                    }
                }
            } catch (VirtException | IOException e) {
                st.abort();
                throw sh.fail(e instanceof VirtException ve ? ve : null, "cannot send data to volume %s", n);
            }
            try {
                st.finish();
            } catch (VirtException e) {
                throw sh.fail(e, "cannot close volume %s", n);
            }
            return true;
        } catch (IOException e) {
            throw sh.fail("cannot read %s", file);
        }
    }

    private static final int CHUNK = 64 * 1024;

    private static boolean allZero(byte[] a, int len) {
        for (int i = 0; i < len; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean download(Shell sh, Invocation cmd) {
        long offset = cmd.ulong("offset", 0);
        long length = wrapped(sh, cmd, "length");
        String n = cmd.req("vol");
        StorageVol v = Lookup.vol(sh, cmd, "vol", "pool");
        String file = cmd.req("file");
        boolean sparse = cmd.bool("sparse");
        Path p = sh.path(file);
        boolean created = !Files.exists(p);
        boolean ok = false;
        try (FileChannel out = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Stream st = sh.conn().newStream();
            try {
                if (sparse) {
                    v.download(st, offset, length, StorageVolDownloadFlag.SPARSE_STREAM);
                } else {
                    v.download(st, offset, length);
                }
            } catch (VirtException e) {
                st.close();
                throw sh.fail(e, "cannot download from volume %s", n);
            }
            try {
                byte[] buf = new byte[CHUNK];
                long pos = 0;
                while (true) {
                    int r = sparse ? st.recvStopAtHole(buf, 0, buf.length) : st.recv(buf, 0, buf.length);
                    if (r == 0) {
                        break;
                    }
                    if (r == StreamBackend.HOLE) {
                        pos += st.recvHole();
                        out.position(pos);
                        continue;
                    }
                    out.write(ByteBuffer.wrap(buf, 0, r));
                    pos += r;
                }
                if (out.size() < pos) {
                    // a trailing hole: extend the file without writing it
                    out.write(ByteBuffer.allocate(1), pos - 1);
                }
            } catch (VirtException | IOException e) {
                st.abort();
                throw sh.fail(e instanceof VirtException ve ? ve : null, "cannot receive data from volume %s", n);
            }
            try {
                st.finish();
            } catch (VirtException e) {
                throw sh.fail(e, "cannot close volume %s", n);
            }
            ok = true;
            return true;
        } catch (IOException e) {
            throw sh.fail("cannot create %s", file);
        } finally {
            if (!ok && created) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // nothing more to undo
                }
            }
        }
    }
}

