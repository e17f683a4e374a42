package io.strait.regionio;

import io.strait.common.error.StraitException;
import io.strait.common.region.FileEntry;
import io.strait.common.region.FileIdentity;
import io.strait.common.region.FileLayout;
import io.strait.common.region.RangedWrite;
import io.strait.common.region.RegionFileSystem;
import io.strait.common.region.RegionId;
import io.strait.common.region.StoredFile;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.EtagSource;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.permission.FsPermission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A region's filesystem through Hadoop's {@link FileSystem} (HDFS, local, object stores).
 *
 * <p>One {@link FileSystem} per scheme and authority ({@code hdfs://nn-a:8020}, {@code file://}) is made with
 * {@link FileSystem#newInstance(URI, Configuration)} and kept in this instance only, never in Hadoop's JVM-wide
 * cache: two regions may hold the same path strings and each must use its own configuration. {@link #close()}
 * closes them.
 *
 * <p>{@code file:} locations use Hadoop's raw local filesystem ({@link NioLocalFileSystem}: permissions and statuses
 * through {@code java.nio}, so no process is forked per file): no {@code .crc} side files are written, lengths
 * and listings are those of the files themselves. Side files written by other tools ({@code .name.crc}) are never
 * listed. {@code file:} directories are listed with {@code java.nio} ({@link LocalListing}): Hadoop's recursive
 * listing forks a process per file there.
 *
 * <p>{@link #status} reports length and modification time from {@link FileSystem#getFileStatus}, and as the
 * version: on {@code hdfs:} the file checksum ({@link FileSystem#getFileChecksum}, computed by the DataNodes from
 * their block checksums, no data read) unless turned off in the constructor; elsewhere the entity tag when the
 * store's status offers one ({@link EtagSource}: s3a, abfs). Never a checksum on {@code file:}, where Hadoop
 * would read the whole file (the raw local filesystem has none), nor on object stores, where it is off or an
 * extra request.
 */
public final class HadoopRegionFileSystem implements RegionFileSystem, AutoCloseable {
    /** Makes HDFS file checksums comparable across clusters with different block sizes. */
    public static final String CHECKSUM_COMBINE_MODE = "dfs.checksum.combine.mode";
    private static final Logger LOG = LoggerFactory.getLogger(HadoopRegionFileSystem.class);

    private final RegionId region;
    private final Configuration conf;
    /** {@link #conf} with {@code file:} served by {@link NioLocalFileSystem}: for {@code file:} filesystems only. */
    private final Configuration localConf;
    private final boolean hdfsFileChecksums;
    private final FileLayout layoutOverrides;
    private final Map<String, FileSystem> fileSystems = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A filesystem whose {@link #status} includes HDFS file checksums for {@code hdfs:} files. */
    public HadoopRegionFileSystem(RegionId region, Configuration conf) {
        this(region, conf, true);
    }

    /**
     * A filesystem for {@code region} made with {@code conf}.
     *
     * @param hdfsFileChecksums whether {@link #status} of an {@code hdfs:} file includes its HDFS file checksum
     *     (one request per block to the DataNodes; it sees a rewrite that kept length and modification time, e.g.
     *     {@code distcp -pt}). Other schemes never use file checksums.
     */
    public HadoopRegionFileSystem(RegionId region, Configuration conf, boolean hdfsFileChecksums) {
        this(region, conf, hdfsFileChecksums, FileLayout.DEFAULT);
    }

    /**
     * A filesystem for {@code region} made with {@code conf} whose new {@code hdfs:} files take the block size and
     * replication {@code layoutOverrides} sets (non-zero) over those they are created with
     * ({@link #create(String, FileLayout)}: a copied source's).
     */
    public HadoopRegionFileSystem(RegionId region, Configuration conf, boolean hdfsFileChecksums,
            FileLayout layoutOverrides) {
        this.layoutOverrides = Objects.requireNonNull(layoutOverrides, "layoutOverrides");
        this.region = Objects.requireNonNull(region, "region");
        this.conf = new Configuration(Objects.requireNonNull(conf, "conf"));
        this.localConf = new Configuration(this.conf);
        this.localConf.setClass("fs.file.impl", NioLocalFileSystem.class, FileSystem.class);
        this.hdfsFileChecksums = hdfsFileChecksums;
    }

    /**
     * A filesystem for {@code region} configured with {@code hadoopProperties} on top of Hadoop's defaults, with
     * {@code dfs.checksum.combine.mode=COMPOSITE_CRC} unless the properties set it.
     */
    public static HadoopRegionFileSystem create(RegionId region, Map<String, String> hadoopProperties) {
        return create(region, hadoopProperties, FileLayout.DEFAULT);
    }

    /** As {@link #create(RegionId, Map)}, new {@code hdfs:} files laid out with {@code layoutOverrides} first. */
    public static HadoopRegionFileSystem create(RegionId region, Map<String, String> hadoopProperties,
            FileLayout layoutOverrides) {
        Configuration conf = new Configuration();
        conf.set(CHECKSUM_COMBINE_MODE, "COMPOSITE_CRC");
        hadoopProperties.forEach(conf::set);
        return new HadoopRegionFileSystem(region, conf, true, layoutOverrides);
    }

    @Override
    public RegionId region() {
        return region;
    }

    @Override
    public List<FileEntry> listFiles(String directoryUri) throws IOException {
        Path directory = path(directoryUri);
        FileSystem fileSystem = fileSystem(directory);
        if (fileSystem instanceof RawLocalFileSystem local) {
            return LocalListing.list(directoryUri, local.pathToFile(directory).toPath(), region);
        }
        String directoryPath = withTrailingSlash(fileSystem.makeQualified(directory).toUri().getPath());
        List<FileEntry> entries = new ArrayList<>();
        try {
            RemoteIterator<LocatedFileStatus> files = fileSystem.listFiles(directory, true);
            while (files.hasNext()) {
                LocatedFileStatus status = files.next();
                if (!isChecksumSideFile(status.getPath().getName())) {
                    entries.add(entry(directoryUri, directoryPath, status));
                }
            }
        } catch (FileNotFoundException absent) {
            return List.of();
        }
        entries.sort(Comparator.comparing(FileEntry::relativePath));
        return List.copyOf(entries);
    }

    /** One {@link FileSystem#listStatus} of the directory (on {@code file:} through {@code java.nio}). */
    @Override
    public List<String> listDirectoryNames(String directoryUri) throws IOException {
        Path directory = path(directoryUri);
        FileStatus[] children;
        try {
            children = fileSystem(directory).listStatus(directory);
        } catch (FileNotFoundException absent) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (FileStatus child : children) {
            if (child.isDirectory()) {
                names.add(child.getPath().getName());
            }
        }
        names.sort(Comparator.naturalOrder());
        return List.copyOf(names);
    }

    @Override
    public boolean exists(String uri) throws IOException {
        Path path = path(uri);
        return fileSystem(path).exists(path);
    }

    @Override
    public long length(String uri) throws IOException {
        Path path = path(uri);
        FileSystem fileSystem = fileSystem(path);
        if (fileSystem instanceof RawLocalFileSystem local) {
            return LocalLinks.identity(local.pathToFile(path).toPath(), uri, region).length();
        }
        FileStatus status = fileSystem.getFileStatus(path);
        if (status.isDirectory()) {
            throw new FileNotFoundException(uri + " is a directory, not a file (region " + region + ")");
        }
        return status.getLen();
    }

    /** On {@code file:} from one {@code stat} through {@code java.nio} (no owner or group looked up). */
    @Override
    public FileIdentity status(String uri) throws IOException {
        Path path = path(uri);
        FileSystem fileSystem = fileSystem(path);
        if (fileSystem instanceof RawLocalFileSystem local) {
            return LocalLinks.identity(local.pathToFile(path).toPath(), uri, region);
        }
        FileStatus status = fileSystem.getFileStatus(path);
        if (status.isDirectory()) {
            throw new FileNotFoundException(uri + " is a directory, not a file (region " + region + ")");
        }
        return new FileIdentity(status.getLen(), status.getModificationTime(), version(fileSystem, path, status));
    }

    @Override
    public InputStream open(String uri) throws IOException {
        Path path = path(uri);
        return fileSystem(path).open(path);
    }

    /** On {@code file:} a {@link FileChannel} of the file; empty elsewhere. */
    @Override
    public Optional<ReadableByteChannel> openChannel(String uri) throws IOException {
        Path path = path(uri);
        Optional<java.nio.file.Path> file = localFile(fileSystem(path), path);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FileChannel.open(file.get(), StandardOpenOption.READ));
        } catch (NoSuchFileException absent) {
            throw new FileNotFoundException(uri + " does not exist (region " + region + ")");
        }
    }

    /**
     * On {@code file:} a {@link FileChannel} of a new file (never an existing one), with the permission Hadoop's
     * local filesystem gives a file it creates (the default file permission less {@code fs.permissions.umask-mode});
     * missing parents are made as {@link #mkdirs} makes them, only when the first attempt finds them missing. Empty
     * elsewhere.
     */
    @Override
    public Optional<WritableByteChannel> createChannel(String uri) throws IOException {
        Path path = path(uri);
        FileSystem fileSystem = fileSystem(path);
        Optional<java.nio.file.Path> local = localFile(fileSystem, path);
        if (local.isEmpty()) {
            return Optional.empty();
        }
        java.nio.file.Path file = local.get();
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (NoSuchFileException missingParent) {
            if (path.getParent() == null || !fileSystem.mkdirs(path.getParent())) {
                throw missingParent;
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        try {
            fileSystem.setPermission(path, FsPermission.getFileDefault().applyUMask(
                    FsPermission.getUMask(fileSystem.getConf())));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return Optional.of(channel);
    }

    /** {@link #create(String, FileLayout)} with the filesystem's defaults (and this region's overrides). */
    @Override
    public OutputStream create(String uri) throws IOException {
        return create(uri, FileLayout.DEFAULT);
    }

    /** Seeks to {@code offset} instead of reading up to it. */
    @Override
    public InputStream open(String uri, long offset) throws IOException {
        Path path = path(uri);
        org.apache.hadoop.fs.FSDataInputStream in = fileSystem(path).open(path);
        try {
            in.seek(offset);
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * On {@code hdfs:} ranges as hidden files joined by {@code concat} ({@link HdfsConcatWrite}; block size and
     * replication as {@link #create(String, FileLayout)} chooses them); on filesystems with a multipart uploader
     * (s3a) one multipart upload ({@link MultipartUploadWrite}); empty elsewhere ({@code file:}).
     */
    @Override
    public Optional<RangedWrite> rangedWrite(String uri, FileLayout layout) throws IOException {
        Path path = path(uri);
        FileSystem fileSystem = fileSystem(path);
        if (fileSystem.exists(path)) {
            throw new FileAlreadyExistsException(uri + " (region " + region + ")");
        }
        if (isHdfs(path)) {
            FileLayout effective = layout.overriddenBy(layoutOverrides);
            short replication = effective.replication() != 0 ? (short) effective.replication()
                    : fileSystem.getDefaultReplication(path);
            long blockSize = effective.blockSizeBytes() != 0 ? effective.blockSizeBytes()
                    : fileSystem.getDefaultBlockSize(path);
            return Optional.of(new HdfsConcatWrite(fileSystem, path, replication, blockSize,
                    conf.getInt("io.file.buffer.size", 4096)));
        }
        if (!(fileSystem instanceof RawLocalFileSystem)
                && fileSystem.hasPathCapability(path, CommonPathCapabilities.FS_MULTIPART_UPLOADER)) {
            return Optional.of(new MultipartUploadWrite(fileSystem.createMultipartUploader(path.getParent()).build(),
                    path));
        }
        return Optional.empty();
    }

    /** On {@code hdfs:} the block size and replication of the file's status; {@link FileLayout#DEFAULT} elsewhere. */
    @Override
    public FileLayout layout(String uri) throws IOException {
        Path path = path(uri);
        if (!isHdfs(path)) {
            return FileLayout.DEFAULT;
        }
        FileStatus status = fileSystem(path).getFileStatus(path);
        return new FileLayout(status.getBlockSize(), status.getReplication());
    }

    /**
     * On {@code hdfs:} a file with {@code layout}'s block size and replication, each replaced by this region's
     * override where one is set, and the filesystem's default where neither is; elsewhere the layout is ignored.
     */
    @Override
    public OutputStream create(String uri, FileLayout layout) throws IOException {
        Path path = path(uri);
        FileSystem fileSystem = fileSystem(path);
        if (!isHdfs(path)) {
            return fileSystem.create(path, false);
        }
        FileLayout effective = layout.overriddenBy(layoutOverrides);
        short replication = effective.replication() != 0 ? (short) effective.replication()
                : fileSystem.getDefaultReplication(path);
        long blockSize = effective.blockSizeBytes() != 0 ? effective.blockSizeBytes()
                : fileSystem.getDefaultBlockSize(path);
        return fileSystem.create(path, false, conf.getInt("io.file.buffer.size", 4096), replication, blockSize);
    }

    @Override
    public void mkdirs(String directoryUri) throws IOException {
        Path path = path(directoryUri);
        if (!fileSystem(path).mkdirs(path)) {
            throw new IOException("Cannot create directory " + directoryUri + " in region " + region);
        }
    }

    @Override
    public boolean delete(String uri) throws IOException {
        Path path = path(uri);
        return fileSystem(path).delete(path, true);
    }

    /**
     * {@link FileSystem#rename} after checking that the source exists and the target does not, and creating the
     * target's parent: Hadoop's rename answers false rather than saying why, and moves a source INTO an existing
     * target directory.
     */
    @Override
    public void rename(String sourceUri, String targetUri) throws IOException {
        Path source = path(sourceUri);
        Path target = path(targetUri);
        FileSystem fileSystem = fileSystem(source);
        if (!fileSystem.exists(source)) {
            throw new FileNotFoundException("Cannot move " + sourceUri + " in region " + region + ": it does not exist");
        }
        if (fileSystem(target) != fileSystem) {
            throw new IOException("Cannot move " + sourceUri + " to " + targetUri + " in region " + region
                    + ": they are on different filesystems");
        }
        if (fileSystem.exists(target)) {
            throw new FileAlreadyExistsException(targetUri + " (region " + region + ")");
        }
        if (target.getParent() != null) {
            fileSystem.mkdirs(target.getParent());
        }
        if (!fileSystem.rename(source, target)) {
            throw new IOException("Cannot move " + sourceUri + " to " + targetUri + " in region " + region
                    + ": the filesystem refused the rename");
        }
    }

    /**
     * Makes {@code targetUri} a copy of {@code sourceUri} inside this region: a hard link on {@code file:} (a plain
     * copy where the two lie on different devices), a stream copy within the filesystem elsewhere (on HDFS
     * the bytes stay in the cluster and the copy keeps the source's block size and replication). Missing parents of
     * the target are created; an existing target is an error.
     */
    @Override
    public void copyWithin(String sourceUri, String targetUri) throws IOException {
        Path source = path(sourceUri);
        Path target = path(targetUri);
        FileSystem fileSystem = fileSystem(source);
        if (fileSystem(target) != fileSystem) {
            throw new IOException("Cannot copy " + sourceUri + " to " + targetUri + " in region " + region
                    + ": they are on different filesystems");
        }
        if (fileSystem instanceof RawLocalFileSystem local) {
            LocalLinks.linkOrCopy(local.pathToFile(source).toPath(), local.pathToFile(target).toPath());
            return;
        }
        if (fileSystem.exists(target)) {
            throw new FileAlreadyExistsException(targetUri + " (region " + region + ")");
        }
        try (InputStream in = fileSystem.open(source); OutputStream out = create(targetUri, layout(sourceUri))) {
            in.transferTo(out);
        }
    }

    /**
     * On {@code file:} the file's key (device and inode, shared by its hard links), length and modification time,
     * from one {@code stat}; empty elsewhere.
     */
    @Override
    public Optional<StoredFile> storedFile(String uri) throws IOException {
        Path path = path(uri);
        Optional<java.nio.file.Path> file = localFile(fileSystem(path), path);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        return LocalLinks.storedFile(file.get(), uri, region);
    }

    /** Closes every filesystem this instance opened. */
    @Override
    public void close() {
        closed = true;
        for (Map.Entry<String, FileSystem> entry : fileSystems.entrySet()) {
            try {
                entry.getValue().close();
            } catch (IOException e) {
                LOG.warn("region {}: cannot close filesystem {}: {}", region, entry.getKey(), e.toString());
            }
        }
        fileSystems.clear();
    }

    /** A copy of the configuration the filesystems are made with. */
    Configuration configuration() {
        return new Configuration(conf);
    }

    /**
     * A copy of the configuration a filesystem of {@code scheme} is made with: only {@code file:} ones get
     * {@link NioLocalFileSystem}. Others keep Hadoop's local filesystem for their own local needs (S3A's upload
     * buffers go through {@code LocalDirAllocator}, which requires a {@code LocalFileSystem}).
     */
    Configuration configurationFor(String scheme) {
        return new Configuration("file".equalsIgnoreCase(scheme) ? localConf : conf);
    }

    /** The HDFS file checksum or the store's entity tag, as {@link #status} describes; empty if neither. */
    private String version(FileSystem fileSystem, Path path, FileStatus status) throws IOException {
        if (hdfsFileChecksums && isHdfs(path)) {
            FileChecksum checksum = fileSystem.getFileChecksum(path);
            return checksum == null ? ""
                    : checksum.getAlgorithmName() + ":" + HexFormat.of().formatHex(checksum.getBytes());
        }
        if (status instanceof EtagSource etagSource) {
            String etag = etagSource.getEtag();
            return etag == null || etag.isEmpty() ? "" : "etag:" + etag;
        }
        return "";
    }

    private static boolean isHdfs(Path path) {
        return "hdfs".equalsIgnoreCase(path.toUri().getScheme());
    }

    /** True for Hadoop's checksum side files, named {@code .<file>.crc}. */
    static boolean isChecksumSideFile(String name) {
        return name.startsWith(".") && name.endsWith(".crc");
    }

    private FileEntry entry(String directoryUri, String directoryPath, LocatedFileStatus status)
            throws IOException {
        String filePath = status.getPath().toUri().getPath();
        if (!filePath.startsWith(directoryPath)) {
            throw new IOException("Cannot list " + directoryUri + " in region " + region + ": " + filePath
                    + " is not below it (is " + directoryUri + " a file?)");
        }
        return new FileEntry(filePath.substring(directoryPath.length()), status.getLen(),
                status.getModificationTime());
    }

    private FileSystem fileSystem(Path path) throws IOException {
        if (closed) {
            throw new IOException("Cannot use the filesystem of region " + region + ": it is closed");
        }
        URI uri = path.toUri();
        String key = uri.getScheme().toLowerCase(Locale.ROOT) + "://"
                + Objects.requireNonNullElse(uri.getAuthority(), "");
        try {
            return fileSystems.computeIfAbsent(key, ignored -> newInstance(key));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private FileSystem newInstance(String schemeAndAuthority) {
        try {
            LOG.debug("region {}: opening filesystem {}", region, schemeAndAuthority);
            URI uri = URI.create(schemeAndAuthority + "/");
            return FileSystem.newInstance(uri, "file".equalsIgnoreCase(uri.getScheme()) ? localConf : conf);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("Cannot open filesystem " + schemeAndAuthority
                    + " of region " + region + ": " + e.getMessage(), e));
        }
    }

    private Path path(String uri) {
        Objects.requireNonNull(uri, "uri");
        Path path = new Path(uri);
        if (path.toUri().getScheme() == null) {
            throw StraitException.userError("Cannot use location '" + uri + "' in region " + region
                    + ": it has no scheme. Use a full URI such as hdfs://namenode:8020/path or file:/path");
        }
        return path;
    }

    private static String withTrailingSlash(String path) {
        return path.endsWith("/") ? path : path + "/";
    }

    /** The local file of {@code path} where its filesystem is Hadoop's raw local one ({@code file:}); empty elsewhere. */
    private static Optional<java.nio.file.Path> localFile(FileSystem fileSystem, Path path) {
        return fileSystem instanceof RawLocalFileSystem local ? Optional.of(local.pathToFile(path).toPath())
                : Optional.empty();
    }
}
