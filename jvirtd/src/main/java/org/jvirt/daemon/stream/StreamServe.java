package org.jvirt.daemon.stream;

import static org.jvirt.rpc.proto.remote.DomainDeviceProcedures.DOMAIN_OPEN_CONSOLE;
import static org.jvirt.rpc.proto.remote.DomainDeviceProcedures.DOMAIN_SCREENSHOT;
import static org.jvirt.rpc.proto.remote.StorageVolProcedures.STORAGE_VOL_DOWNLOAD;
import static org.jvirt.rpc.proto.remote.StorageVolProcedures.STORAGE_VOL_UPLOAD;

import org.jvirt.Domain;
import org.jvirt.Stream;
import org.jvirt.StorageVol;
import org.jvirt.daemon.dispatch.Call;
import org.jvirt.daemon.dispatch.DispatchTable;
import org.jvirt.daemon.dispatch.Wire;
import org.jvirt.flags.StorageVolDownloadFlag;
import org.jvirt.flags.StorageVolUploadFlag;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes.*;
import org.jvirt.rpc.proto.remote.DomainDeviceTypes2.*;

/**
 * The procedures that open a stream. Each starts the API operation on a fresh {@link Stream} and registers the
 * stream under the call's serial before the reply leaves, so the client's first data packet finds it; streams
 * towards the client start pumping only after the reply, which libvirt's clients expect first.
 */
public final class StreamServe {

    private static final int CONSOLE_FORCE = 1;
    private static final int CONSOLE_SAFE = 2;

    private StreamServe() {
    }

    public static void register(DispatchTable t) {
        t.on(STORAGE_VOL_UPLOAD, (c, a) -> {
            var flags = c.flagSet(StorageVolUploadFlag.class, a.flags());
            StorageVol vol = Wire.vol(c.conn(), a.vol());
            Stream s = c.conn().newStream();
            vol.upload(s, a.offset(), a.length(), flags.toArray(new StorageVolUploadFlag[0]));
            new ServerStream(c.client(), c.header(), s, flags.contains(StorageVolUploadFlag.SPARSE_STREAM)).open();
            return null;
        });
        t.on(STORAGE_VOL_DOWNLOAD, (c, a) -> {
            var flags = c.flagSet(StorageVolDownloadFlag.class, a.flags());
            StorageVol vol = Wire.vol(c.conn(), a.vol());
            Stream s = c.conn().newStream();
            vol.download(s, a.offset(), a.length(), flags.toArray(new StorageVolDownloadFlag[0]));
            outgoing(c, s, flags.contains(StorageVolDownloadFlag.SPARSE_STREAM));
            return null;
        });
        t.on(DOMAIN_SCREENSHOT, (c, a) -> {
            c.noFlags(a.flags());
            Domain d = Wire.dom(c.conn(), a.dom());
            Stream s = c.conn().newStream();
            String mime = d.screenshot(s, a.screen());
            outgoing(c, s, false);
            return new RemoteDomainScreenshotRet(mime);
        });
        t.on(DOMAIN_OPEN_CONSOLE, (c, a) -> {
            c.noFlags(a.flags() & ~(CONSOLE_FORCE | CONSOLE_SAFE));
            Domain d = Wire.dom(c.conn(), a.dom());
            Stream s = c.conn().newStream();
            d.openConsole(a.devName(), s, (a.flags() & CONSOLE_FORCE) != 0);
            outgoing(c, s, false); // consoles flow both ways: the same stream also takes the client's bytes
            return null;
        });
    }

    private static void outgoing(Call c, Stream s, boolean sparse) {
        ServerStream ss = new ServerStream(c.client(), c.header(), s, sparse);
        ss.open();
        c.afterReply(ss::pump);
    }
}
