package org.jvirt.driver.qemu.display;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.driver.qemu.domain.DomainObj;
import org.jvirt.keycode.KeycodeSet;
import org.jvirt.keycode.Keycodes;

/**
 * virDomainSendKey (qemuDomainSendKey): the codes are translated to QEMU's key numbers (qnum) first, so a code
 * with no key fails before the guest sees any; then one QMP {@code send-key} presses them together and releases
 * them after the hold time (QEMU's default, 100 ms, when none is given).
 */
public final class KeySender {

    private KeySender() {
    }

    public static void send(DomainObj dom, int codeset, int holdtime, int[] keycodes) {
        KeycodeSet set = KeycodeSet.fromCode(codeset);
        if (set == null) {
            throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INVALID_ARG, "Unsupported codeset '%d'", codeset);
        }
        int[] qnum = new int[keycodes.length];
        for (int i = 0; i < keycodes.length; i++) {
            qnum[i] = set == KeycodeSet.QNUM ? keycodes[i] : Keycodes.translate(set, KeycodeSet.QNUM, keycodes[i]);
            if (qnum[i] < 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.INTERNAL_ERROR,
                        "cannot translate keycode %s of %s codeset to qnum keycode",
                        Integer.toUnsignedString(keycodes[i]), set.libvirtName());
            }
        }
        ArrayNode keys = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < qnum.length; i++) {
            if (Integer.compareUnsigned(qnum[i], 0xffff) > 0) {
                throw VirtException.of(ErrorDomain.QEMU, ErrorNumber.OPERATION_FAILED, "keycode %d is invalid: 0x%X",
                        i, qnum[i]);
            }
            keys.addObject().put("type", "number").put("data", qnum[i]);
        }
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.set("keys", keys);
        if (holdtime != 0) {
            args.put("hold-time", Integer.toUnsignedLong(holdtime)); // libvirt's holdtime is unsigned
        }
        dom.beginJob("send-key");
        try {
            dom.requireRun().process().monitor().execute("send-key", args);
        } finally {
            dom.endJob();
        }
    }
}
