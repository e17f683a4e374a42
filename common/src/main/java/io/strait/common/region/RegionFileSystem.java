package io.strait.common.region;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The filesystem of one region (HDFS, local, object store), addressed by full URIs
 * ({@code hdfs://nn:8020/warehouse/db/t/ds=1/part-0.parquet}, {@code file:/data/a/...}).
 * Instances belong to one region: two regions may hold the same path strings, so nothing is ever keyed by a bare
 * path. Implementations: {@code HadoopRegionFileSystem} (region-io) and {@link InMemoryRegionFileSystem}.
 */
public interface RegionFileSystem {
    RegionId region();

    /**
     * Every file below {@code directoryUri}, recursively, sorted by relative path. Checksum side files
     * ({@code .*.crc}) are not listed. An absent directory is an empty listing.
     */
    List<FileEntry> listFiles(String directoryUri) throws IOException;

    boolean exists(String uri) throws IOException;

    /**
     * The names of the directories directly below {@code directoryUri}, sorted; an absent directory has none. This
     * default derives them from {@link #listFiles}, so it does not see directories without files.
     */
    default List<String> listDirectoryNames(String directoryUri) throws IOException {
        return listFiles(directoryUri).stream().map(FileEntry::relativePath).filter(path -> path.contains("/"))
                .map(path -> path.substring(0, path.indexOf('/'))).distinct().sorted().toList();
    }

    /** The file's length; fails if it does not exist. */
    long length(String uri) throws IOException;

    /**
     * What identifies the file's current version: length, modification time and, where the filesystem offers one
     * cheaply, a file checksum, version or entity tag. Fails if the file does not exist (or is a directory).
     * Read before and after a copy to tell whether the file changed while it was read.
     */
    FileIdentity status(String uri) throws IOException;

    InputStream open(String uri) throws IOException;

    /** Creates a new file (and missing parent directories); fails if the file already exists. */
    OutputStream create(String uri) throws IOException;

    /** The file's bytes from {@code offset} on. This default opens it and skips {@code offset} bytes. */
    default InputStream open(String uri, long offset) throws IOException {
        InputStream in = open(uri);
        try {
            in.skipNBytes(offset);
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * A new file written as ranges joined at the end, laid out as {@code layout} (see
     * {@link #create(String, FileLayout)}), where the filesystem can join ranges without copying them; empty
     * (this default) where it cannot, and the file is then written whole.
     */
    default java.util.Optional<RangedWrite> rangedWrite(String uri, FileLayout layout) throws IOException {
        return java.util.Optional.empty();
    }

    /**
     * The file's layout (block size, replication) where the filesystem has one (HDFS);
     * {@link FileLayout#DEFAULT} elsewhere. Fails if the file does not exist.
     */
    default FileLayout layout(String uri) throws IOException {
        return FileLayout.DEFAULT;
    }

    /**
     * Creates a new file laid out as {@code layout} (e.g. a copied source's block size and replication), with the
     * region's own overrides taking precedence, where the filesystem has such a notion. This default ignores the
     * layout and calls {@link #create(String)}.
     */
    default OutputStream create(String uri, FileLayout layout) throws IOException {
        return create(uri);
    }

    void mkdirs(String directoryUri) throws IOException;

    /** Deletes a file or a directory tree. Returns false if nothing was there. */
    boolean delete(String uri) throws IOException;

    /**
     * Moves a file or a directory tree to {@code targetUri} in this region's filesystem, creating the target's
     * missing parent directories: one rename where the filesystem has one (HDFS, local), a copy where it does not
     * (object stores). Fails with {@link java.io.FileNotFoundException} when {@code sourceUri} does not exist and
     * with {@link java.nio.file.FileAlreadyExistsException} when {@code targetUri} does.
     */
    void rename(String sourceUri, String targetUri) throws IOException;

    /**
     * Makes {@code targetUri} a copy of the file {@code sourceUri}, both in this region, by the cheapest means the
     * filesystem has: a hard link on a local filesystem, a copy inside the cluster on HDFS. The bytes never leave the
     * region. Fails if the target exists. This default streams the bytes through {@link #open} and {@link #create}.
     */
    default void copyWithin(String sourceUri, String targetUri) throws IOException {
        try (InputStream in = open(sourceUri); OutputStream out = create(targetUri)) {
            in.transferTo(out);
        }
    }

    /**
     * The file as the filesystem stores it, where the filesystem names its data by a key that every hard link of the
     * file shares (device and inode on a local filesystem); empty where it has no such key (this default). A reused
     * file whose stored key is its previous version's has that file's bytes ({@code VerificationMethod.SAME_FILE}).
     * Fails with {@link java.io.FileNotFoundException} when the file does not exist.
     */
    default java.util.Optional<StoredFile> storedFile(String uri) throws IOException {
        return java.util.Optional.empty();
    }

    /**
     * The file's bytes as a channel that reads straight into the caller's (direct) buffer, where the filesystem has
     * one (a local file); empty where it has none (this default): use {@link #open}. Decorators
     * ({@link ForwardingRegionFileSystem}) do not pass it on, so that everything they change is seen through
     * {@link #open}.
     */
    default java.util.Optional<java.nio.channels.ReadableByteChannel> openChannel(String uri) throws IOException {
        return java.util.Optional.empty();
    }

    /**
     * A new file (and missing parent directories) as a channel that writes straight from the caller's (direct)
     * buffer, where the filesystem has one (a local file); empty where it has none (this default): use
     * {@link #create}. Fails if the file already exists. Decorators do not pass it on, as {@link #openChannel}.
     */
    default java.util.Optional<java.nio.channels.WritableByteChannel> createChannel(String uri) throws IOException {
        return java.util.Optional.empty();
    }

    /** {@code parentUri + "/" + relativePath} without doubled separators. */
    static String resolve(String parentUri, String relativePath) {
        String parent = parentUri.endsWith("/") ? parentUri.substring(0, parentUri.length() - 1) : parentUri;
        String child = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
        return child.isEmpty() ? parent : parent + "/" + child;
    }
}
