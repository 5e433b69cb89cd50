package org.jvirt.osinfo;

/**
 * One variant of an OS ({@code <variant id="server">}): an edition with its own name, which media, trees and
 * images name in their own {@code <variant>} to say which edition they carry.
 */
public record Variant(String id, String name) {
}
