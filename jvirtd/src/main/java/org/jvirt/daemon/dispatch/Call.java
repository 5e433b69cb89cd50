package org.jvirt.daemon.dispatch;

import java.lang.reflect.Array;
import java.util.EnumSet;
import java.util.List;

import org.jvirt.BitFlag;
import org.jvirt.Connect;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.Flags;
import org.jvirt.VirtException;
import org.jvirt.daemon.session.ClientSession;
import org.jvirt.rpc.Procedure;
import org.jvirt.rpc.frame.MessageHeader;

/**
 * One call being served: the client, the declaration and header, and the conversions every serve function
 * needs (wire flags to flag sets, legacy list limits). A serve function may leave something to run once the
 * reply is on the wire ({@link #afterReply}), e.g. start pumping a download.
 */
public final class Call {

    private final ClientSession client;
    private final Procedure<?, ?> procedure;
    private final MessageHeader header;
    private Runnable afterReply;

    Call(ClientSession client, Procedure<?, ?> procedure, MessageHeader header) {
        this.client = client;
        this.procedure = procedure;
        this.header = header;
    }

    public ClientSession client() {
        return client;
    }

    /** The client's hypervisor connection ("hypervisor connection not open" before CONNECT_OPEN). */
    public Connect conn() {
        return client.connection();
    }

    public Procedure<?, ?> procedure() {
        return procedure;
    }

    public MessageHeader header() {
        return header;
    }

    public void afterReply(Runnable r) {
        this.afterReply = r;
    }

    Runnable afterReply() {
        return afterReply;
    }

    private String api() {
        return procedure.api() != null ? procedure.api() : procedure.name();
    }

    private ErrorDomain domain() {
        return procedure.apiDomain() != null ? procedure.apiDomain() : ErrorDomain.RPC;
    }

    /** The flag set for libvirt's bits; unknown bits are libvirt's "unsupported flags (0x..) in function ...". */
    public <E extends Enum<E> & BitFlag> EnumSet<E> flagSet(Class<E> type, int bits) {
        return Flags.fromBits(type, bits, domain(), api());
    }

    /** As {@link #flagSet}, as the varargs array the public API takes. */
    @SuppressWarnings("unchecked")
    public <E extends Enum<E> & BitFlag> E[] flags(Class<E> type, int bits) {
        EnumSet<E> set = flagSet(type, bits);
        return set.toArray((E[]) Array.newInstance(type, set.size()));
    }

    /** For calls whose API takes no flags yet: any bit is unsupported, as virCheckFlags(0, ...) says. */
    public void noFlags(int bits) {
        if (bits != 0) {
            throw VirtException.of(domain(), ErrorNumber.INVALID_ARG, "unsupported flags (0x%x) in function %s",
                    bits, api());
        }
    }

    /** Legacy list calls: refuse more than the protocol's maximum, return at most {@code max}. */
    public <T> List<T> limit(List<T> items, int max, int protocolMax, String what) {
        if (max > protocolMax) {
            throw VirtException.of(ErrorDomain.RPC, ErrorNumber.RPC, "%s > %d", what, protocolMax);
        }
        if (max < 0) {
            throw VirtException.of(domain(), ErrorNumber.INVALID_ARG, "maxnames in %s must be greater than or "
                    + "equal to 0", api());
        }
        return items.size() <= max ? items : items.subList(0, max);
    }

    /** LIST_ALL_* with need_results = 0 returns only the count. */
    public static <T> List<T> results(int needResults, List<T> items) {
        return needResults == 0 ? List.of() : items;
    }

    public static int bool(boolean b) {
        return b ? 1 : 0;
    }
}
