package org.jvirt.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.jvirt.ErrorDomain;
import org.jvirt.rpc.proto.remote.CommonTypes.RemoteNonnullDomain;
import org.jvirt.rpc.proto.remote.DomainStateProcedures;
import org.jvirt.rpc.proto.remote.DomainStateTypes.RemoteDomainGetXmlDescArgs;

/**
 * The procedure table names every record's codec but loads a record class only when its procedure is first used:
 * building the table used to load ~1 500 classes, which every client start and the daemon's metaspace paid for.
 * Checked in a class loader of its own, which records what the table makes it load.
 */
class LazyCodecsTest {

    /** Loads jvirt's classes itself (child first) and records their names; the JDK's come from the parent. */
    static final class RecordingLoader extends URLClassLoader {
        final Set<String> loaded = ConcurrentHashMap.newKeySet();

        RecordingLoader(URL... urls) {
            super("recording", urls, LazyCodecsTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.jvirt.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                    loaded.add(name);
                }
                return c;
            }
        }

        List<String> records() {
            return loaded.stream().filter(n -> n.matches(".*\\.proto\\.\\w+\\.\\w+Types\\d*\\$.*")).sorted().toList();
        }
    }

    private static RecordingLoader isolated() {
        return new RecordingLoader(
                ProcedureTable.class.getProtectionDomain().getCodeSource().getLocation(),
                ErrorDomain.class.getProtectionDomain().getCodeSource().getLocation());
    }

    @Test
    void buildingTheStandardTableLoadsNoRecordClass() throws Exception {
        try (RecordingLoader loader = isolated()) {
            Class<?> table = loader.loadClass(ProcedureTable.class.getName());
            Object standard = table.getMethod("standard").invoke(null);
            List<?> all = (List<?>) table.getMethod("all").invoke(standard);
            assertTrue(all.size() > 450, "the whole table was built: " + all.size());
            assertTrue(loader.loaded.contains(DomainStateProcedures.class.getName()));
            assertEquals(List.of(), loader.records(), "record classes loaded while building the table");
        }
    }

    @Test
    void firstUseOfAProcedureLoadsItsRecordsAndNothingElse() throws Exception {
        try (RecordingLoader loader = isolated()) {
            Class<?> procs = loader.loadClass(DomainStateProcedures.class.getName());
            Object getXml = procs.getField("DOMAIN_GET_XML_DESC").get(null);
            Object argsCodec = getXml.getClass().getMethod("args").invoke(getXml);
            Class<?> reader = loader.loadClass("org.jvirt.rpc.xdr.XdrReader");
            Method decode = loader.loadClass("org.jvirt.rpc.xdr.XdrType").getMethod("decode", reader);
            byte[] wire = DomainStateProcedures.DOMAIN_GET_XML_DESC.args().toBytes(
                    new RemoteDomainGetXmlDescArgs(new RemoteNonnullDomain("vm", UUID.randomUUID(), 3), 1));
            Object decoded = decode.invoke(argsCodec, reader.getConstructor(byte[].class).newInstance(wire));
            assertEquals(RemoteDomainGetXmlDescArgs.class.getName(), decoded.getClass().getName());
            assertEquals(List.of(
                    "org.jvirt.rpc.proto.remote.CommonTypes$RemoteNonnullDomain",
                    "org.jvirt.rpc.proto.remote.DomainStateTypes$RemoteDomainGetXmlDescArgs"), loader.records());
        }
    }

    @Test
    void aLazyCodecBehavesAsTheRecordsOwn() {
        var p = DomainStateProcedures.DOMAIN_GET_XML_DESC;
        var value = new RemoteDomainGetXmlDescArgs(new RemoteNonnullDomain("vm", UUID.randomUUID(), -1), 9);
        assertArrayEquals(RemoteDomainGetXmlDescArgs.XDR.toBytes(value), p.args().toBytes(value));
        assertEquals(value, p.args().fromBytes(p.args().toBytes(value)));
        assertEquals(RemoteDomainGetXmlDescArgs.class, p.args().javaType());
        assertEquals("RemoteDomainGetXmlDescArgs", p.args().toString());
    }
}
