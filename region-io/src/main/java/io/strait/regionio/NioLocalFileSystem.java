package io.strait.regionio;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's raw local filesystem ({@code file:}) with permissions, owners and file statuses read and written through
 * {@code java.nio} instead of child processes. Without Hadoop's native library (Strait does not ship it) the raw
 * local filesystem forks {@code chmod} for every file and directory it creates and {@code ls -ld} (or {@code stat})
 * for the permission, owner and group of every status it returns; on many small files those forks were most of the
 * time of a copy or a listing. Everything else (streams, rename, delete, the working directory) is the raw local
 * filesystem's own. Strait configures it for its regions' {@code file:} scheme ({@code fs.file.impl}); other schemes
 * are untouched.
 */
public class NioLocalFileSystem extends RawLocalFileSystem {
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
        try {
            Files.setPosixFilePermissions(local(path), permissions(permission.toShort()));
        } catch (NoSuchFileException absent) {
            throw new FileNotFoundException("File " + path + " does not exist");
        }
    }

    @Override
    public void setOwner(Path path, String user, String group) throws IOException {
        if (user == null && group == null) {
            throw new IOException("user and group cannot both be null");
        }
        java.nio.file.Path file = local(path);
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        UserPrincipalLookupService lookup = file.getFileSystem().getUserPrincipalLookupService();
        if (user != null) {
            view.setOwner(lookup.lookupPrincipalByName(user));
        }
        if (group != null) {
            GroupPrincipal groupPrincipal = lookup.lookupPrincipalByGroupName(group);
            view.setGroup(groupPrincipal);
        }
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        return status(path, true);
    }

    @Override
    public FileStatus getFileLinkStatus(Path path) throws IOException {
        return status(path, false);
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
        FileStatus status = getFileStatus(path);
        if (!status.isDirectory()) {
            return new FileStatus[] {status};
        }
        List<FileStatus> children = new ArrayList<>();
        try (DirectoryStream<java.nio.file.Path> entries = Files.newDirectoryStream(local(path))) {
            for (java.nio.file.Path entry : entries) {
                try {
                    children.add(status(new Path(path, entry.getFileName().toString()), true));
                } catch (FileNotFoundException vanished) {
                    // deleted between the directory read and its status: not listed, as Hadoop does
                }
            }
        }
        return children.toArray(new FileStatus[0]);
    }

    private FileStatus status(Path path, boolean followLinks) throws IOException {
        java.nio.file.Path file = local(path);
        PosixFileAttributes attributes;
        try {
            attributes = followLinks ? Files.readAttributes(file, PosixFileAttributes.class)
                    : Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            throw new FileNotFoundException("File " + path + " does not exist");
        }
        Path symlink = attributes.isSymbolicLink() ? new Path(Files.readSymbolicLink(file).toString()) : null;
        return new FileStatus(attributes.isDirectory() ? 0 : attributes.size(), attributes.isDirectory(), 1,
                getDefaultBlockSize(path), attributes.lastModifiedTime().toMillis(),
                attributes.lastAccessTime().toMillis(), new FsPermission(mode(attributes.permissions())),
                attributes.owner().getName(), attributes.group().getName(), symlink, makeQualified(path));
    }

    private java.nio.file.Path local(Path path) {
        return pathToFile(path).toPath();
    }

    static Set<PosixFilePermission> permissions(short mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(BITS[bit]);
            }
        }
        return permissions;
    }

    static short mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int bit = 0; bit < BITS.length; bit++) {
            if (permissions.contains(BITS[bit])) {
                mode |= 1 << bit;
            }
        }
        return (short) mode;
    }
}
