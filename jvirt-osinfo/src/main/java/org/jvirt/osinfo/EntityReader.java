package org.jvirt.osinfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jvirt.ErrorDomain;
import org.jvirt.VirtException;
import org.jvirt.xml.XmlParser;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads one entity from its files (main file, then fragments) into the model, setting the properties
 * libosinfo's loader sets for each element (osinfo_loader_os, _media, _tree, _image, _resources, _device,
 * _platform, _install_script, _datamap). An element whose id does not belong in the file it sits in is
 * skipped, as libosinfo skips it ("Entity X must be in file Y").
 */
final class EntityReader {
    private EntityReader() {
    }

    // ---- OS ----------------------------------------------------------------------------------------------------

    static Os readOs(String key, List<Path> files, Related db) {
        Props props = new Props();
        List<String> derives = new ArrayList<>();
        List<String> clones = new ArrayList<>();
        List<String> upgrades = new ArrayList<>();
        List<DeviceLink> links = new ArrayList<>();
        List<Firmware> firmwares = new ArrayList<>();
        List<Media> media = new ArrayList<>();
        List<Tree> trees = new ArrayList<>();
        List<Image> images = new ArrayList<>();
        List<Variant> variants = new ArrayList<>();
        List<Resources> min = new ArrayList<>();
        List<Resources> rec = new ArrayList<>();
        List<Resources> max = new ArrayList<>();
        List<Resources> net = new ArrayList<>();
        List<String> scripts = new ArrayList<>();
        List<LoadRef> refs = new ArrayList<>();
        String[] id = {null};
        for (Path file : files) {
            forEach(file, "os", key, (el, internal) -> {
                id[0] = el.getAttribute("id");
                refs.add(new LoadRef(LoadRef.Kind.OS, id[0]));
                scalars(props, el, "name", "vendor", "version", "logo", "release-date", "eol-date", "codename",
                        "family", "distro", "release-status", "kernel-url-argument", "cloud-image-username");
                for (Element s : children(el, "short-id")) {
                    props.add("short-id", s.getTextContent());
                }
                customs(props, el);
                derives.addAll(ids(el, "derives-from"));
                clones.addAll(ids(el, "clones"));
                upgrades.addAll(ids(el, "upgrades"));
                for (String kind : List.of("derives-from", "clones", "upgrades")) {
                    ids(el, kind).forEach(r -> refs.add(new LoadRef(LoadRef.Kind.OS, r)));
                }
                List<DeviceLink> fileLinks = deviceLinks(el);
                fileLinks.forEach(l -> refs.add(new LoadRef(LoadRef.Kind.DEVICE, l.deviceId())));
                links.addAll(fileLinks);
                for (Element f : children(el, "firmware")) {
                    String supported = f.getAttribute("supported");
                    firmwares.add(new Firmware(f.getAttribute("arch"), f.getAttribute("type"),
                            supported.isEmpty() || supported.equals("true")));
                }
                int i = 0;
                for (Element m : children(el, "media")) {
                    media.add(media(m, internal.apply(i++)));
                }
                i = 0;
                for (Element t : children(el, "tree")) {
                    trees.add(tree(t, internal.apply(i++)));
                }
                i = 0;
                for (Element im : children(el, "image")) {
                    images.add(image(im, internal.apply(i++)));
                }
                for (Element v : children(el, "variant")) {
                    variants.add(new Variant(v.getAttribute("id"), firstText(v, "name")));
                }
                for (Element r : children(el, "resources")) {
                    resources(r, "minimum").ifPresent(min::add);
                    resources(r, "recommended").ifPresent(rec::add);
                    resources(r, "maximum").ifPresent(max::add);
                    resources(r, "network-install").ifPresent(net::add);
                }
                for (Element inst : children(el, "installer")) {
                    for (Element s : children(inst, "script")) {
                        scripts.add(s.getAttribute("id"));
                    }
                }
            });
        }
        if (id[0] == null) {
            return null;
        }
        return new Os(id[0], props.freeze(),
                new Os.Relations(List.copyOf(derives), List.copyOf(clones), List.copyOf(upgrades)),
                new Os.Contents(List.copyOf(links), List.copyOf(firmwares), List.copyOf(media), List.copyOf(trees),
                        List.copyOf(images), List.copyOf(variants), List.copyOf(min), List.copyOf(rec),
                        List.copyOf(max), List.copyOf(net), List.copyOf(scripts)),
                List.copyOf(refs), db);
    }

    private static Media media(Element m, String id) {
        Props p = new Props();
        p.set("architecture", attr(m, "arch"));
        scalars(p, m, "url", "kernel", "initrd");
        for (String a : List.of("live", "installer", "installer-reboots", "eject-after-install",
                "installer-script")) {
            p.set(a, attr(m, a));
        }
        for (Element v : children(m, "variant")) {
            p.add("variant", v.getAttribute("id"));
        }
        for (Element iso : children(m, "iso")) {
            for (Element f : children(iso, null)) {
                String name = f.getLocalName();
                String text = directText(f);
                if (text == null) {
                    continue;
                }
                switch (name) {
                    case "volume-id", "system-id", "publisher-id", "application-id", "volume-size" ->
                            p.set(name, text);
                    case "l10n-language" -> {
                        if ("true".equals(f.getAttribute("regex"))) {
                            p.set("l10n-language-regex", text);
                            p.set("l10n-language-map", attr(f, "l10n-language-map"));
                        } else {
                            p.add("l10n-language", text);
                        }
                    }
                    default -> { }
                }
            }
        }
        List<String> scripts = new ArrayList<>();
        for (Element inst : children(m, "installer")) {
            for (Element s : children(inst, "script")) {
                scripts.add(s.getAttribute("id"));
            }
        }
        return new Media(id, p.freeze(), scripts);
    }

    private static Tree tree(Element t, String id) {
        Props p = new Props();
        p.set("architecture", attr(t, "arch"));
        for (Element v : children(t, "variant")) {
            p.add("variant", v.getAttribute("id"));
        }
        scalars(p, t, "url", "kernel", "initrd", "boot-iso");
        boolean has = false;
        for (Element ti : children(t, "treeinfo")) {
            for (Element f : children(ti, null)) {
                has = true;
                String text = directText(f);
                String name = f.getLocalName();
                if (text != null && List.of("family", "variant", "version", "arch").contains(name)) {
                    p.set("treeinfo-" + name, text);
                }
            }
        }
        p.set("has-treeinfo", Boolean.toString(has));
        return new Tree(id, p.freeze());
    }

    private static Image image(Element im, String id) {
        Props p = new Props();
        p.set("architecture", attr(im, "arch"));
        p.set("format", attr(im, "format"));
        for (Element v : children(im, "variant")) {
            p.add("variant", v.getAttribute("id"));
        }
        scalars(p, im, "url");
        p.set("cloud-init", attr(im, "cloud-init"));
        return new Image(id, p.freeze());
    }

    /** One kind of block inside {@code <resources>}; absent when the block is empty and does not inherit. */
    private static Optional<Resources> resources(Element r, String kind) {
        boolean inherit = "true".equals(r.getAttribute("inherit"));
        List<Element> blocks = children(r, kind);
        if (blocks.isEmpty() && !inherit) {
            return Optional.empty();
        }
        Map<String, String> v = new HashMap<>();
        for (Element b : blocks) {
            for (Element f : children(b, null)) {
                String text = directText(f);
                if (text != null) {
                    v.put(f.getLocalName(), text.strip());
                }
            }
        }
        if (v.isEmpty() && !inherit) {
            return Optional.empty();
        }
        String arch = r.getAttribute("arch");
        return Optional.of(new Resources(arch.isEmpty() ? "all" : arch, optInt(v.get("n-cpus")),
                optLong(v.get("cpu")), optLong(v.get("ram")), optLong(v.get("storage")), inherit));
    }

    // ---- devices, platforms, scripts, datamaps --------------------------------------------------------------

    static Props readDevice(String key, List<Path> files, Props into) {
        for (Path file : files) {
            forEach(file, "device", key, (el, internal) -> {
                scalars(into, el, "vendor", "vendor-id", "product", "product-id", "subsystem", "bus-type",
                        "class", "name");
                customs(into, el);
            });
        }
        return into;
    }

    static Platform readPlatform(String key, List<Path> files) {
        Props props = new Props();
        List<String> devices = new ArrayList<>();
        List<LoadRef> refs = new ArrayList<>();
        String[] id = {null};
        for (Path file : files) {
            forEach(file, "platform", key, (el, internal) -> {
                id[0] = el.getAttribute("id");
                refs.add(new LoadRef(LoadRef.Kind.PLATFORM, id[0]));
                for (String kind : List.of("derives-from", "clones", "upgrades")) {
                    ids(el, kind).forEach(r -> refs.add(new LoadRef(LoadRef.Kind.PLATFORM, r)));
                }
                scalars(props, el, "name", "vendor", "version", "logo", "release-date", "eol-date", "codename");
                for (Element s : children(el, "short-id")) {
                    props.add("short-id", s.getTextContent());
                }
                customs(props, el);
                for (DeviceLink l : deviceLinks(el)) {
                    devices.add(l.deviceId());
                    refs.add(new LoadRef(LoadRef.Kind.DEVICE, l.deviceId()));
                }
            });
        }
        return id[0] == null ? null : new Platform(id[0], props.freeze(), devices, refs);
    }

    static InstallScript readInstallScript(String key, List<Path> files, Map<String, Map<String, String>> maps) {
        Props props = new Props();
        List<ConfigParam> params = new ArrayList<>();
        Set<InjectionMethod> methods = EnumSet.noneOf(InjectionMethod.class);
        Element[] template = {null};
        String[] id = {null};
        for (Path file : files) {
            forEach(file, "install-script", key, (el, internal) -> {
                id[0] = el.getAttribute("id");
                scalars(props, el, "profile", "product-key-format", "path-format", "expected-filename",
                        "needs-internet", "can-pre-install-drivers", "can-post-install-drivers",
                        "pre-install-drivers-signing-req", "post-install-drivers-signing-req");
                for (Element t : children(el, "template")) {
                    List<Element> first = children(t, null);
                    if (!first.isEmpty()) {
                        template[0] = first.get(0);
                    }
                    props.set("template-uri", attr(t, "uri"));
                }
                for (Element c : children(el, "config")) {
                    for (Element p : children(c, null)) {
                        params.add(new ConfigParam(p.getAttribute("name"),
                                "required".equals(p.getAttribute("policy")),
                                Optional.ofNullable(attr(p, "value-map"))));
                    }
                }
                for (Element m : children(el, "injection-method")) {
                    InjectionMethod im = InjectionMethod.of(m.getTextContent().strip());
                    if (im != null) {
                        methods.add(im);
                    }
                }
            });
        }
        return id[0] == null ? null : new InstallScript(id[0], props.freeze(), params, methods, template[0], maps);
    }

    /** A datamap's entries: {@code inval} to {@code outval}. */
    static Map<String, String> readDatamap(String key, List<Path> files) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path file : files) {
            forEach(file, "datamap", key, (el, internal) -> {
                for (Element e : children(el, "entry")) {
                    out.put(e.getAttribute("inval"), e.getAttribute("outval"));
                }
            });
        }
        return out;
    }

    /** The id of the single entity of {@code kind} a file defines, read without building the entity. */
    static String idIn(Path file, String kind) {
        Element root = parse(file).getDocumentElement();
        for (Element el : children(root, kind)) {
            return el.getAttribute("id");
        }
        return null;
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    /** A per-file source of internal ids for an entity's n-th media/tree/image (libosinfo's scheme). */
    @FunctionalInterface
    interface InternalIds {
        String apply(int n);
    }

    private static void forEach(Path file, String kind, String key, BiConsumer<Element, InternalIds> each) {
        Document doc = parse(file);
        Element root = doc.getDocumentElement();
        if (!"libosinfo".equals(root.getLocalName())) {
            throw new OsinfoException("Incorrect root element in " + file);
        }
        boolean fragment = file.getParent() != null && file.getParent().getFileName().toString().endsWith(".d");
        for (Element el : children(root, kind)) {
            String id = el.getAttribute("id");
            if (id.isEmpty()) {
                throw new OsinfoException("Missing " + kind + " id property in " + file);
            }
            if (!DbFiles.keyFor(kind, id).equals(key)) {
                continue;                 // libosinfo: "Entity ... must be in file ..." and skips it
            }
            String base = fragment ? id + ":" + file.getFileName() + ":" : id + ":";
            each.accept(el, n -> base + n);
        }
    }

    private static Document parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OsinfoException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return XmlParser.defaults().parse(text, file.toString(), ErrorDomain.NONE, null);
        } catch (VirtException e) {
            throw new OsinfoException(e.getMessage(), e);
        }
    }

    /** Sets each named property from the first child of that name, when its text is not empty. */
    private static void scalars(Props p, Element el, String... names) {
        for (String n : names) {
            String t = firstText(el, n);
            if (t != null && !t.isEmpty()) {
                p.set(n, t);
            }
        }
    }

    /** Site-specific {@code x-...} properties, kept as libosinfo keeps them (repeatable). */
    private static void customs(Props p, Element el) {
        for (Element c : children(el, null)) {
            if (c.getLocalName().startsWith("x-")) {
                String t = directText(c);
                if (t == null) {
                    throw new OsinfoException("Expected a text node attribute value in " + c.getLocalName());
                }
                p.add(c.getLocalName(), t);
            }
        }
    }

    private static List<String> ids(Element el, String name) {
        List<String> out = new ArrayList<>();
        for (Element c : children(el, name)) {
            String id = c.getAttribute("id");
            if (id.isEmpty()) {
                throw new OsinfoException("Missing product " + name + " id property");
            }
            out.add(id);
        }
        return out;
    }

    private static List<DeviceLink> deviceLinks(Element el) {
        List<DeviceLink> out = new ArrayList<>();
        for (Element ds : children(el, "devices")) {
            for (Element d : children(ds, "device")) {
                String id = d.getAttribute("id");
                if (id.isEmpty()) {
                    throw new OsinfoException("Missing device link id property");
                }
                out.add(new DeviceLink(id, !"false".equals(d.getAttribute("supported")), firstText(d, "driver")));
            }
        }
        return out;
    }

    /** XPath's string(./name): the text of the first child element of that name, or null. */
    private static String firstText(Element el, String name) {
        for (Node n = el.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && name.equals(n.getLocalName())) {
                return n.getTextContent();
            }
        }
        return null;
    }

    /** The element's text when its first child is a text node (libosinfo's checks), else null. */
    private static String directText(Element el) {
        Node c = el.getFirstChild();
        return c != null && (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE)
                ? el.getTextContent() : null;
    }

    private static String attr(Element el, String name) {
        return el.hasAttribute(name) ? el.getAttribute(name) : null;
    }

    /** Child elements named {@code name} (any when null), in document order. */
    static List<Element> children(Element el, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = el.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && (name == null || name.equals(n.getLocalName()))) {
                out.add((Element) n);
            }
        }
        return out;
    }

    private static OptionalInt optInt(String s) {
        try {
            return s == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(s));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static OptionalLong optLong(String s) {
        try {
            return s == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
