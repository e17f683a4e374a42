package io.strait.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Watches a growing log file, from where it ends now, for a line containing a marker. */
final class LogWatch {
    private static final int MAX_READ = 1 << 20;

    private final Path file;
    private final String marker;
    private long offset;
    private String carry = "";

    private LogWatch(Path file, String marker, long offset) {
        this.file = file;
        this.marker = marker;
        this.offset = offset;
    }

    /** Watches what is appended to {@code file} from now on. */
    static LogWatch fromEnd(Path file, String marker) {
        try {
            return new LogWatch(file, marker, Files.exists(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            return new LogWatch(file, marker, 0);
        }
    }

    /** True once the marker was appended; reads only what was added since the last call. */
    boolean seen() {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (RandomAccessFile input = new RandomAccessFile(file.toFile(), "r")) {
            int length = (int) Math.min(MAX_READ, input.length() - offset);
            if (length <= 0) {
                return false;
            }
            byte[] bytes = new byte[length];
            input.seek(offset);
            input.readFully(bytes);
            offset += length;
            String text = carry + new String(bytes, StandardCharsets.UTF_8);
            carry = text.substring(Math.max(0, text.length() - marker.length()));
            return text.contains(marker);
        } catch (IOException e) {
            return false;
        }
    }
}
