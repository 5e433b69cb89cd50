package org.jvirt.driver.storage.vol;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two file facts Java's file API does not give: how many bytes a file really occupies (stat's st_blocks,
 * libvirt's allocation) and where its data and holes are (lseek SEEK_DATA / SEEK_HOLE, which libvirt's sparse
 * streams use). Reached through the JDK's foreign-function API by reflection, because the project compiles for
 * Java 21, where that API is still a preview; on a JDK without it (or not x86-64 Linux) {@link #available()} is
 * false and callers fall back (allocation from a {@code stat} run, holes found as zero blocks).
 */
public final class NativeFiles {

    private static final int O_RDONLY = 0;
    private static final int SEEK_DATA = 3;
    private static final int SEEK_HOLE = 4;
    /** struct stat on x86-64 Linux: its size and where each field lies. */
    private static final int STAT_SIZE = 144;
    private static final int ST_MODE = 24;
    private static final int ST_UID = 28;
    private static final int ST_GID = 32;
    private static final int ST_SIZE = 48;
    private static final int ST_BLOCKS = 64;
    private static final int ST_ATIM = 72;
    private static final int ST_MTIM = 88;
    private static final int ST_CTIM = 104;

    private static final Impl IMPL = load();

    private NativeFiles() {
    }

    public static boolean available() {
        return IMPL != null;
    }

    /** st_blocks * 512, or -1 when unknown. */
    public static long allocated(Path p) {
        return stat(p).map(st -> st.blocks() * 512).orElse(-1L);
    }

    /**
     * What stat(2) says of a file (following links), in one system call.
     *
     * @param mode   st_mode, type bits included
     * @param blocks st_blocks (512-byte units)
     * @param atime  access time in nanoseconds since the epoch (mtime, ctime likewise)
     */
    public record Stat(int mode, long uid, long gid, long size, long blocks, long atime, long mtime, long ctime) {
    }

    /** stat(2) of {@code p}; empty when the call is not available here or fails. */
    public static Optional<Stat> stat(Path p) {
        if (IMPL == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(IMPL.stat(p.toString()));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    /** A run of data: {@code [start, end)}. */
    public record Extent(long start, long end) {
    }

    /** The data extents of {@code p} below {@code size}, in order; empty if none or unknown. */
    public static Optional<List<Extent>> dataExtents(Path p, long size) {
        if (IMPL == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(IMPL.extents(p.toString(), size));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    private static Impl load() {
        if (!"amd64".equals(System.getProperty("os.arch")) || !System.getProperty("os.name").startsWith("Linux")) {
            return null;
        }
        try {
            return new Impl();
        } catch (Throwable t) {
            return null;
        }
    }

    /** The reflective bindings: open, close, lseek and stat from the C library. */
    private static final class Impl {
        private final MethodHandle open;
        private final MethodHandle close;
        private final MethodHandle lseek;
        private final MethodHandle stat;
        private final MethodHandle ofConfined;
        private final MethodHandle allocString;
        private final MethodHandle allocBytes;
        private final MethodHandle toArray;
        private final Object javaByte;

        Impl() throws ReflectiveOperationException {
            Class<?> linkerC = Class.forName("java.lang.foreign.Linker");
            Class<?> lookupC = Class.forName("java.lang.foreign.SymbolLookup");
            Class<?> layoutC = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueC = Class.forName("java.lang.foreign.ValueLayout");
            Class<?> descC = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> segC = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> optC = Class.forName("java.lang.foreign.Linker$Option");
            Class<?> arenaC = Class.forName("java.lang.foreign.Arena");
            Object linker = linkerC.getMethod("nativeLinker").invoke(null);
            Object lookup = linkerC.getMethod("defaultLookup").invoke(linker);
            Object jInt = valueC.getField("JAVA_INT").get(null);
            Object javaLong = valueC.getField("JAVA_LONG").get(null);
            javaByte = valueC.getField("JAVA_BYTE").get(null);
            Object addr = valueC.getField("ADDRESS").get(null);
            Method of = descC.getMethod("of", layoutC, layoutC.arrayType());
            Method find = lookupC.getMethod("find", String.class);
            Method downcall = linkerC.getMethod("downcallHandle", segC, descC, optC.arrayType());
            Object noOpts = Array.newInstance(optC, 0);
            open = (MethodHandle) downcall.invoke(linker, sym(find, lookup, "open"),
                    of.invoke(null, jInt, layouts(layoutC, addr, jInt)), noOpts);
            close = (MethodHandle) downcall.invoke(linker, sym(find, lookup, "close"),
                    of.invoke(null, jInt, layouts(layoutC, jInt)), noOpts);
            lseek = (MethodHandle) downcall.invoke(linker, sym(find, lookup, "lseek"),
                    of.invoke(null, javaLong, layouts(layoutC, jInt, javaLong, jInt)), noOpts);
            stat = (MethodHandle) downcall.invoke(linker, sym(find, lookup, "stat"),
                    of.invoke(null, jInt, layouts(layoutC, addr, addr)), noOpts);
            java.lang.invoke.MethodHandles.Lookup lk = java.lang.invoke.MethodHandles.publicLookup();
            ofConfined = lk.unreflect(arenaC.getMethod("ofConfined"));
            Method s;
            try {
                s = arenaC.getMethod("allocateFrom", String.class);
            } catch (NoSuchMethodException e) {
                s = arenaC.getMethod("allocateUtf8String", String.class);
            }
            allocString = lk.unreflect(s);
            allocBytes = lk.unreflect(arenaC.getMethod("allocate", long.class));
            toArray = lk.unreflect(segC.getMethod("toArray", Class.forName("java.lang.foreign.ValueLayout$OfByte")));
        }

        private static Object sym(Method find, Object lookup, String name) throws ReflectiveOperationException {
            return ((Optional<?>) find.invoke(lookup, name)).orElseThrow(() -> new NoSuchMethodException(name));
        }

        private static Object layouts(Class<?> layoutC, Object... ls) {
            Object arr = Array.newInstance(layoutC, ls.length);
            for (int i = 0; i < ls.length; i++) {
                Array.set(arr, i, ls[i]);
            }
            return arr;
        }

        Stat stat(String path) throws Throwable {
            byte[] raw;
            try (AutoCloseable arena = (AutoCloseable) ofConfined.invoke()) {
                Object cpath = allocString.invoke(arena, path);
                Object buf = allocBytes.invoke(arena, (long) STAT_SIZE);
                int rc = (int) stat.invoke(cpath, buf);
                if (rc != 0) {
                    return null;
                }
                raw = (byte[]) toArray.invoke(buf, javaByte); // one copy, then plain reads
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            return new Stat(b.getInt(ST_MODE), Integer.toUnsignedLong(b.getInt(ST_UID)),
                    Integer.toUnsignedLong(b.getInt(ST_GID)), b.getLong(ST_SIZE), b.getLong(ST_BLOCKS),
                    nanos(b, ST_ATIM), nanos(b, ST_MTIM), nanos(b, ST_CTIM));
        }

        private static long nanos(java.nio.ByteBuffer b, int at) {
            return b.getLong(at) * 1_000_000_000L + b.getLong(at + 8);
        }

        List<Extent> extents(String path, long size) throws Throwable {
            int fd;
            try (AutoCloseable arena = (AutoCloseable) ofConfined.invoke()) {
                fd = (int) open.invoke(allocString.invoke(arena, path), O_RDONLY);
            }
            if (fd < 0) {
                throw new IllegalStateException("open failed");
            }
            try {
                List<Extent> out = new ArrayList<>();
                long pos = 0;
                while (pos < size) {
                    long data = (long) lseek.invoke(fd, pos, SEEK_DATA);
                    if (data < 0 || data >= size) {
                        break; // ENXIO: only a hole is left
                    }
                    long hole = (long) lseek.invoke(fd, data, SEEK_HOLE);
                    if (hole < 0 || hole > size) {
                        hole = size;
                    }
                    out.add(new Extent(data, hole));
                    pos = hole;
                }
                return out;
            } finally {
                int ignored = (int) close.invoke(fd);
            }
        }
    }
}
