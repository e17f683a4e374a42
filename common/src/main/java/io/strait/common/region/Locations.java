package io.strait.common.region;

/**
 * Spelling rules for location URIs. Metastores and filesystems write the same local location as
 * {@code file:///x}, {@code file:/x}; Strait compares and maps locations in one canonical spelling.
 */
public final class Locations {
    private Locations() {
    }

    /** {@code file:///x} and {@code file://localhost/x} become {@code file:/x}; trailing slashes are removed. */
    public static String canonical(String uri) {
        String result = uri;
        if (result.startsWith("file:///")) {
            result = "file:/" + result.substring("file:///".length());
        } else if (result.startsWith("file://localhost/")) {
            result = "file:/" + result.substring("file://localhost/".length());
        }
        while (result.length() > 1 && result.endsWith("/") && !result.matches("[a-zA-Z][a-zA-Z0-9+.-]*:/+")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
