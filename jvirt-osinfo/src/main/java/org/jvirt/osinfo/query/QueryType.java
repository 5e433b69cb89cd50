package org.jvirt.osinfo.query;

import java.util.List;
import java.util.function.Function;

import org.jvirt.osinfo.Entity;
import org.jvirt.osinfo.OsinfoDb;

/** The entity types osinfo-query lists, with their columns in osinfo-query's order (tools/osinfo-query.c). */
enum QueryType {
    OS("os", db -> List.copyOf(db.all()), List.of(
            new Column("short-id", "Short ID", true, 20),
            new Column("name", "Name", true, 50),
            new Column("version", "Version", true, 8),
            new Column("family", "Family", false, 12),
            new Column("distro", "Distro", false, 12),
            new Column("vendor", "Vendor", false, 25),
            new Column("release-date", "Release date", false, 12),
            new Column("eol-date", "End of life", false, 12),
            new Column("codename", "Code name", false, 10),
            new Column("id", "ID", true, 40),
            new Column("release-status", "Release status", false, 15))),
    PLATFORM("platform", db -> List.copyOf(db.platforms()), List.of(
            new Column("short-id", "Short ID", true, 20),
            new Column("name", "Name", true, 50),
            new Column("version", "Version", true, 8),
            new Column("vendor", "Vendor", true, 25),
            new Column("release-date", "Release date", false, 12),
            new Column("eol-date", "End of life", false, 12),
            new Column("codename", "Code name", false, 10),
            new Column("id", "ID", true, 40))),
    DEVICE("device", db -> List.copyOf(db.allDevices()), List.of(
            new Column("vendor", "Vendor", true, 20),
            new Column("vendor-id", "Vendor ID", true, 12),
            new Column("product", "Product", true, 20),
            new Column("product-id", "Product ID", true, 12),
            new Column("name", "Name", true, 14),
            new Column("class", "Class", true, 15),
            new Column("bus-type", "Bus", true, 8),
            new Column("id", "ID", true, 40))),
    /** osinfo-db ships no deployments; the type exists so that the tool answers as osinfo-query does. */
    DEPLOYMENT("deployment", db -> List.of(), List.of(
            new Column("id", "ID", true, 40)));

    private final String typeName;
    private final Function<OsinfoDb, List<Entity>> list;
    private final List<Column> columns;

    QueryType(String typeName, Function<OsinfoDb, List<Entity>> list, List<Column> columns) {
        this.typeName = typeName;
        this.list = list;
        this.columns = columns;
    }

    String typeName() {
        return typeName;
    }

    List<Entity> list(OsinfoDb db) {
        return list.apply(db);
    }

    List<Column> columns() {
        return columns;
    }

    static QueryType of(String name) {
        for (QueryType t : values()) {
            if (t.typeName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
