package org.jvirt.xml.domain;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jvirt.ErrorDomain;
import org.jvirt.ErrorNumber;
import org.jvirt.VirtException;
import org.jvirt.conf.CpuSets;
import org.jvirt.xml.Dom;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A domain's IOThreads as libvirt's parser settles them and its formatter writes them back (def->iothreadids):
 * the {@code <iothreadids>} given, then ids autofilled up to the {@code <iothreads>} count, each with its
 * {@code <cputune><iothreadpin>}. libvirt writes {@code <iothreadids>} only when some id was not autofilled, so a
 * definition that names its IOThreads by count alone keeps doing so until one is added, removed out of order or
 * pinned. Both the test driver and the QEMU driver change IOThreads through this one model.
 */
public final class IOThreadIds {

    /** The {@code <cputune>} children libvirt writes after the iothreadpins (virDomainCputuneDefFormat). */
    private static final List<String> AFTER_PINS = List.of("vcpusched", "iothreadsched", "emulatorsched", "cachetune",
            "memorytune");

    private IOThreadIds() {
    }

    /**
     * One IOThread: its id, whether the parser made it up from the count, its pin (null when unpinned) and the
     * attributes its {@code <iothread>} element had (thread_pool_min, thread_pool_max ...), kept as written.
     */
    public record IOThread(int id, boolean autofill, BitSet pin, Map<String, String> attributes) {

        public IOThread {
            pin = pin == null ? null : (BitSet) pin.clone();
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }

        /** A new IOThread as virDomainIOThreadIDAdd makes it: named, unpinned. */
        public static IOThread added(int id) {
            return new IOThread(id, false, null, Map.of());
        }

        @Override
        public BitSet pin() {
            return pin == null ? null : (BitSet) pin.clone();
        }

        public IOThread pinned(BitSet cpus) {
            return new IOThread(id, false, cpus, attributes);
        }

        public IOThread withAttribute(String name, String value) {
            Map<String, String> m = new LinkedHashMap<>(attributes);
            m.put(name, value);
            return new IOThread(id, false, pin, m);
        }
    }

    /** The IOThreads of a {@code <domain>} element; unreadable ids or counts give none (jvirt does not check them). */
    public static List<IOThread> read(Element domain) {
        List<IOThread> out = new ArrayList<>();
        Element list = Dom.child(domain, "iothreadids");
        BitSet used = new BitSet();
        try {
            for (Element e : list == null ? List.<Element>of() : Dom.children(list, "iothread")) {
                int id = Integer.parseInt(String.valueOf(Dom.attribute(e, "id")).trim());
                Map<String, String> attrs = new LinkedHashMap<>();
                for (var a : Dom.orderedAttributes(e)) {
                    if (!a.getName().equals("id")) {
                        attrs.put(a.getName(), a.getValue());
                    }
                }
                out.add(new IOThread(id, false, null, attrs));
                used.set(id);
            }
            Element countElement = Dom.child(domain, "iothreads");
            int count = countElement == null ? 0 : Integer.parseInt(Dom.text(countElement).trim());
            for (int id = 1; out.size() < count; id++) {
                if (!used.get(id)) {
                    out.add(new IOThread(id, true, null, Map.of()));
                }
            }
        } catch (NumberFormatException e) {
            return List.of();
        }
        Element cputune = Dom.child(domain, "cputune");
        for (Element p : cputune == null ? List.<Element>of() : Dom.children(cputune, "iothreadpin")) {
            String cpuset = Dom.attribute(p, "cpuset");
            int i = indexOf(out, String.valueOf(Dom.attribute(p, "iothread")).trim());
            if (i >= 0 && cpuset != null) {
                IOThread t = out.get(i);
                out.set(i, new IOThread(t.id(), t.autofill(), CpuSets.parse(cpuset, 8192), t.attributes()));
            }
        }
        return out;
    }

    /** The ids alone, in definition order. */
    public static List<Integer> ids(Element domain) {
        return read(domain).stream().map(IOThread::id).toList();
    }

    private static int indexOf(List<IOThread> threads, String id) {
        for (int i = 0; i < threads.size(); i++) {
            if (Integer.toString(threads.get(i).id()).equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The position of an id, or -1. */
    public static int indexOf(List<IOThread> threads, int id) {
        return indexOf(threads, Integer.toString(id));
    }

    /**
     * virDomainIOThreadIDDel: the ones after a removed id are no longer autofilled (their ids would change on
     * the next parse otherwise).
     */
    public static List<IOThread> remove(List<IOThread> threads, int id) {
        List<IOThread> out = new ArrayList<>(threads);
        int i = indexOf(out, id);
        if (i >= 0) {
            for (int j = i + 1; j < out.size(); j++) {
                IOThread t = out.get(j);
                out.set(j, new IOThread(t.id(), false, t.pin(), t.attributes()));
            }
            out.remove(i);
        }
        return out;
    }

    /** virDomainDriverAddIOThreadCheck: the id must be free. */
    public static void checkAdd(List<IOThread> threads, int id) {
        if (indexOf(threads, id) >= 0) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                    "an IOThread is already using iothread_id '%s'", Integer.toUnsignedString(id));
        }
    }

    /** virDomainDriverDelIOThreadCheck: the id must exist, and no disk or controller may still use it. */
    public static void checkDel(Element domain, List<IOThread> threads, int id) {
        String text = Integer.toUnsignedString(id);
        if (indexOf(threads, id) < 0) {
            throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                    "cannot find IOThread '%s' in iothreadids list", text);
        }
        Element devices = Dom.child(domain, "devices");
        for (Element disk : devices == null ? List.<Element>of() : Dom.children(devices, "disk")) {
            Element drv = Dom.child(disk, "driver");
            if (drv != null && text.equals(Dom.attribute(drv, "iothread"))) {
                Element target = Dom.child(disk, "target");
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                        "cannot remove IOThread %s since it is being used by disk '%s'", text,
                        target == null ? "" : Dom.attribute(target, "dev"));
            }
        }
        for (Element c : devices == null ? List.<Element>of() : Dom.children(devices, "controller")) {
            Element drv = Dom.child(c, "driver");
            if (drv != null && text.equals(Dom.attribute(drv, "iothread"))) {
                throw VirtException.of(ErrorDomain.DOMAIN, ErrorNumber.INVALID_ARG,
                        "cannot remove IOThread '%s' since it is being used by controller", text);
            }
        }
    }

    /** Writes the IOThreads back into a {@code <domain>} element as virDomainDefIOThreadsFormat does. */
    public static void write(Element domain, List<IOThread> threads) {
        Dom.removeChildren(domain, "iothreads");
        Dom.removeChildren(domain, "iothreadids");
        Element cputune = Dom.child(domain, "cputune");
        if (cputune != null) {
            Dom.removeChildren(cputune, "iothreadpin");
        }
        if (!threads.isEmpty()) {
            Element count = domain.getOwnerDocument().createElement("iothreads");
            count.setTextContent(Integer.toString(threads.size()));
            insertTop(domain, count);
        }
        if (threads.stream().anyMatch(t -> !t.autofill() || !t.attributes().isEmpty())) {
            Element list = domain.getOwnerDocument().createElement("iothreadids");
            for (IOThread t : threads) {
                Element e = domain.getOwnerDocument().createElement("iothread");
                Dom.setAttribute(e, "id", Integer.toString(t.id()));
                // virDomainDefIOThreadsFormat's order, then what jvirt does not model as it came
                for (String known : List.of("thread_pool_min", "thread_pool_max")) {
                    if (t.attributes().containsKey(known)) {
                        Dom.setAttribute(e, known, t.attributes().get(known));
                    }
                }
                t.attributes().forEach((k, v) -> {
                    if (!k.equals("thread_pool_min") && !k.equals("thread_pool_max")) {
                        Dom.setAttribute(e, k, v);
                    }
                });
                list.appendChild(e);
            }
            insertTop(domain, list);
        }
        if (threads.stream().anyMatch(t -> t.pin() != null)) {
            if (cputune == null) {
                cputune = domain.getOwnerDocument().createElement("cputune");
                insertTop(domain, cputune);
            }
            Node before = null;
            for (Element c : Dom.children(cputune, null)) {
                if (before == null && AFTER_PINS.contains(c.getTagName())) {
                    before = c;
                }
            }
            for (IOThread t : threads) {
                if (t.pin() != null) {
                    Element p = domain.getOwnerDocument().createElement("iothreadpin");
                    Dom.setAttribute(p, "iothread", Integer.toString(t.id()));
                    Dom.setAttribute(p, "cpuset", CpuSets.format(t.pin()));
                    cputune.insertBefore(p, before);
                }
            }
        } else if (cputune != null && Dom.children(cputune, null).isEmpty() && !cputune.hasAttributes()) {
            domain.removeChild(cputune);
        }
    }

    /** Inserts a top-level element where virDomainDefFormat writes it. */
    private static void insertTop(Element domain, Element child) {
        List<String> order = DomainXml.ELEMENT_ORDER;
        int rank = order.indexOf(child.getTagName());
        Node before = null;
        for (Element e : Dom.children(domain, null)) {
            if (before == null && order.indexOf(e.getTagName()) > rank) {
                before = e;
            }
        }
        domain.insertBefore(child, before);
    }
}
