package io.strait.reparo.scan;

import io.strait.common.copy.FileChecksums;
import io.strait.common.divergence.ReconcileDepth;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionFileSystem;
import io.strait.reparo.diff.FileState;
import io.strait.reparo.scan.CopyRecords.RecordedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lists one location of a region, leaves out the hidden files, and describes each file as deep as asked:
 * {@code files}: size and modification time from the listing, plus the copy record of the file where one is given;
 * {@code bytes}: size and the checksum of every byte read (through a channel and a direct buffer where the filesystem
 * offers one: local files). Any listing or read error fails: a file reconcile could not read is never counted as
 * matching.
 */
final class LocationReader {
    private final RegionFileSystem fileSystem;
    private final ReconcileDepth depth;
    private final HiddenFiles hiddenFiles;
    /** At {@code bytes} depth, one direct buffer per reading thread for files read through channels. */
    private final ThreadLocal<ByteBuffer> directBuffers = ThreadLocal.withInitial(() ->
            ByteBuffer.allocateDirect(1 << 16));

    LocationReader(RegionFileSystem fileSystem, ReconcileDepth depth, HiddenFiles hiddenFiles) {
        if (depth == ReconcileDepth.META) {
            throw new IllegalArgumentException("a meta depth scan reads no location");
        }
        this.fileSystem = fileSystem;
        this.depth = depth;
        this.hiddenFiles = hiddenFiles;
    }

    /**
     * The live files at {@code location}.
     *
     * @param recorded the files Strait verified into this location, by relative path (empty when none)
     */
    List<FileState> read(TableRef table, String location, Map<String, RecordedFile> recorded) {
        List<FileState> files = new ArrayList<>();
        for (FileEntry entry : list(table, location)) {
            if (hiddenFiles.isHidden(entry.relativePath())) {
                continue;
            }
            files.add(depth == ReconcileDepth.BYTES ? checksum(table, location, entry)
                    : fromListing(entry, recorded.get(entry.relativePath())));
        }
        return files;
    }

    /**
     * The listed file, with its copy record when the record is of a file of this size: one of another size is not
     * the file Strait verified any more, so only the listing speaks for it.
     */
    private static FileState fromListing(FileEntry entry, RecordedFile record) {
        if (record == null || record.sizeBytes() != entry.sizeBytes()) {
            return FileState.listed(entry.relativePath(), entry.sizeBytes(), entry.modificationTimeMillis());
        }
        return FileState.recorded(entry.relativePath(), entry.sizeBytes(), entry.modificationTimeMillis(),
                record.checksum(), record.sourceModifiedMillis());
    }

    /** Every byte of the file: through a channel into this thread's direct buffer where the filesystem has one. */
    private FileChecksums.Result read(String uri) throws IOException {
        Optional<ReadableByteChannel> channel = fileSystem.openChannel(uri);
        if (channel.isPresent()) {
            try (ReadableByteChannel in = channel.get()) {
                return FileChecksums.checksum(in, directBuffers.get());
            }
        }
        try (InputStream in = fileSystem.open(uri)) {
            return FileChecksums.checksum(in);
        }
    }

    private List<FileEntry> list(TableRef table, String location) {
        try {
            return fileSystem.listFiles(location);
        } catch (IOException e) {
            throw StraitException.external(String.format("Cannot list %s in region %s to reconcile %s: %s. "
                    + "Check the location is readable, then rerun reconcile", location, fileSystem.region(), table,
                    e.getMessage()), e);
        }
    }

    private FileState checksum(TableRef table, String location, FileEntry entry) {
        String uri = RegionFileSystem.resolve(location, entry.relativePath());
        FileChecksums.Result result;
        try {
            result = read(uri);
        } catch (IOException e) {
            throw StraitException.external(String.format("Cannot read %s in region %s to reconcile %s: %s. "
                    + "Check the file is readable, then rerun reconcile", uri, fileSystem.region(), table,
                    e.getMessage()), e);
        }
        if (result.length() != entry.sizeBytes()) {
            throw StraitException.external(String.format("Cannot checksum %s in region %s to reconcile %s: it "
                    + "changed while being read (listed %d bytes, read %d). Rerun reconcile once writers are done",
                    uri, fileSystem.region(), table, entry.sizeBytes(), result.length()), null);
        }
        return new FileState(entry.relativePath(), entry.sizeBytes(), result.checksum());
    }
}
