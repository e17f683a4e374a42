package io.strait.reparo.scan;

import io.strait.common.copy.FileChecksums;
import io.strait.common.error.StraitException;
import io.strait.common.metastore.TableRef;
import io.strait.common.region.FileEntry;
import io.strait.common.region.RegionFileSystem;
import io.strait.reparo.diff.FileState;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists one location of a region and checksums every file by reading all its bytes. Any read error fails: a file
 * reconcile could not read is never counted as matching.
 */
final class LocationReader {
    private final RegionFileSystem fileSystem;

    LocationReader(RegionFileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    List<FileState> read(TableRef table, String location) {
        List<FileState> files = new ArrayList<>();
        for (FileEntry entry : list(table, location)) {
            files.add(checksum(table, location, entry));
        }
        return files;
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
        try (InputStream in = fileSystem.open(uri)) {
            result = FileChecksums.checksum(in);
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
