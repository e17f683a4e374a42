package io.strait.regionio;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Whether a region's locations can be opened on this class path: every scheme ({@code hdfs}, {@code s3a},
 * {@code abfs}, {@code gs}, ...) needs its Hadoop {@link FileSystem} class, and the object stores' connectors are
 * optional parts of the distribution. Finds a missing one before a copy does, with the part to add.
 */
public final class FileSystemSchemes {
    private FileSystemSchemes() {
    }

    /**
     * Why {@code uri}'s scheme has no {@link FileSystem} class with the region's {@code hadoop} settings on this
     * class path; empty when it has one (or the URI names no scheme).
     */
    public static Optional<String> missing(String uri, Map<String, String> hadoop) {
        String scheme;
        try {
            scheme = URI.create(uri).getScheme();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // malformed URIs are reported by the configuration's own checks
        }
        if (scheme == null) {
            return Optional.empty();
        }
        Configuration conf = new Configuration();
        hadoop.forEach(conf::set);
        try {
            FileSystem.getFileSystemClass(scheme, conf);
            return Optional.empty();
        } catch (IOException | RuntimeException | LinkageError e) { // no class for the scheme, or its class missing
            return Optional.of("no Hadoop FileSystem for scheme '" + scheme + "' on the class path ("
                    + firstLine(e) + ")");
        }
    }

    /** Which optional part, or jar, brings the {@link FileSystem} of {@code scheme}. */
    public static String optionalPart(String scheme) {
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "s3a" -> "add the distribution's optional part lib/s3 (strait-<version>-s3.tar.gz: hadoop-aws and"
                    + " the AWS SDK modules), unpacked over the Strait folder";
            case "abfs", "abfss", "wasb", "wasbs" -> "put hadoop-azure (the version of Strait's Hadoop) and its"
                    + " dependencies into lib/s3 of the Strait folder";
            case "gs" -> "put the Cloud Storage connector (gcs-connector, its shaded jar for Hadoop 3) into lib/s3 of"
                    + " the Strait folder";
            default -> "put the jar of a Hadoop FileSystem for scheme '" + scheme + "' into lib/s3 of the Strait"
                    + " folder, or correct the location";
        };
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
