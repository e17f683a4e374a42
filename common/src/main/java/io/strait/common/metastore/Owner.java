package io.strait.common.metastore;

import java.util.Objects;

/**
 * The owner of a database or table: a principal name and its type ({@code USER}, {@code ROLE}, {@code GROUP}). An
 * object without an owner name has no owner type either (Thrift objects default the type to {@code USER}).
 */
public record Owner(String name, String type) {
    public static final Owner NONE = new Owner("", "");

    public Owner {
        name = Objects.requireNonNullElse(name, "");
        type = name.isEmpty() ? "" : Objects.requireNonNullElse(type, "");
    }

    public static Owner user(String name) {
        return new Owner(name, name == null || name.isEmpty() ? "" : "USER");
    }

    @Override
    public String toString() {
        return name.isEmpty() ? "<none>" : type.isEmpty() ? name : type.toLowerCase(java.util.Locale.ROOT) + " " + name;
    }
}
