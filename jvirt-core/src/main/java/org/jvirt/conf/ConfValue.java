package org.jvirt.conf;

import java.util.List;

/** A value in a libvirt-style configuration file: a string, an integer, or a list of values. */
public sealed interface ConfValue {

    record Str(String value) implements ConfValue {
    }

    record Int(long value) implements ConfValue {
    }

    record ListValue(List<ConfValue> values) implements ConfValue {
        public ListValue {
            values = List.copyOf(values);
        }
    }
}
