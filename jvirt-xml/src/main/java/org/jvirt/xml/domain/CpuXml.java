package org.jvirt.xml.domain;

import java.util.List;

import org.jvirt.ErrorDomain;
import org.jvirt.xml.Dom;
import org.jvirt.xml.ElementView;
import org.w3c.dom.Element;

/** {@code <cpu>}: CPU mode, model, vendor, topology and features of the guest CPU. */
public final class CpuXml extends ElementView {
    private static final List<String> ORDER = List.of("model", "vendor", "topology", "cache", "maxphysaddr",
            "feature", "numa");

    public CpuXml(Element element, ErrorDomain errorDomain) {
        super(element, errorDomain);
    }

    @Override
    protected List<String> childOrder() {
        return ORDER;
    }

    /** "custom", "host-model", "host-passthrough" or "maximum"; null means custom. */
    public String mode() {
        return attr("mode");
    }

    public CpuXml mode(String mode) {
        attr("mode", mode);
        return this;
    }

    public String match() {
        return attr("match");
    }

    public CpuXml match(String match) {
        attr("match", match);
        return this;
    }

    public String check() {
        return attr("check");
    }

    public CpuXml check(String check) {
        attr("check", check);
        return this;
    }

    public String model() {
        return childText("model");
    }

    public CpuXml model(String model) {
        childText("model", model);
        return this;
    }

    /** "allow" or "forbid". */
    public String modelFallback() {
        return childAttr("model", "fallback");
    }

    public CpuXml modelFallback(String fallback) {
        childAttr("model", "fallback", fallback);
        return this;
    }

    public String vendor() {
        return childText("vendor");
    }

    /** The topology as sockets, dies, cores, threads; null when absent. */
    public Topology topology() {
        Element t = child("topology");
        if (t == null) {
            return null;
        }
        String dies = Dom.attribute(t, "dies");
        return new Topology(num(t, "sockets"), dies == null ? 1 : Integer.parseInt(dies), num(t, "cores"),
                num(t, "threads"));
    }

    public CpuXml topology(Topology t) {
        removeChildren("topology");
        if (t != null) {
            Element e = insertChild("topology");
            Dom.setAttribute(e, "sockets", Integer.toString(t.sockets()));
            Dom.setAttribute(e, "dies", Integer.toString(t.dies()));
            Dom.setAttribute(e, "cores", Integer.toString(t.cores()));
            Dom.setAttribute(e, "threads", Integer.toString(t.threads()));
        }
        return this;
    }

    /** Feature names with their policy ("require", "disable", ...). */
    public List<Feature> features() {
        return children("feature").stream()
                .map(e -> new Feature(Dom.attribute(e, "name"), Dom.attribute(e, "policy"))).toList();
    }

    public CpuXml addFeature(String name, String policy) {
        Element e = insertChild("feature");
        Dom.setAttribute(e, "policy", policy);
        Dom.setAttribute(e, "name", name);
        return this;
    }

    private int num(Element e, String attr) {
        Integer n = parseInt(Dom.attribute(e, attr), "./cpu/topology/@" + attr);
        return n == null ? 1 : n;
    }

    public record Topology(int sockets, int dies, int cores, int threads) {
    }

    public record Feature(String name, String policy) {
    }
}
