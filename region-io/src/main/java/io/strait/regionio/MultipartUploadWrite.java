package io.strait.regionio;

import io.strait.common.region.RangedWrite;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.fs.MultipartUploader;
import org.apache.hadoop.fs.PartHandle;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UploadHandle;

/**
 * A file written as ranges through Hadoop's {@link MultipartUploader} (on S3A: one S3 multipart upload, a range per
 * part); the object appears only when {@link #complete} completes the upload. Object stores keep no checksum a
 * range could be compared with, so {@link #write} returns none.
 */
final class MultipartUploadWrite implements RangedWrite {
    private final MultipartUploader uploader;
    private final Path target;
    private final UploadHandle upload;
    private final Map<Integer, PartHandle> parts = new ConcurrentHashMap<>();

    MultipartUploadWrite(MultipartUploader uploader, Path target) throws IOException {
        this.uploader = uploader;
        this.target = target;
        this.upload = await(uploader.startUpload(target));
    }

    @Override
    public String write(int index, InputStream in, long length) throws IOException {
        parts.put(index + 1, await(uploader.putPart(upload, index + 1, target, in, length)));
        return "";
    }

    @Override
    public void complete(int ranges) throws IOException {
        if (parts.size() != ranges) {
            throw new IOException("Cannot complete the upload of " + target + ": " + parts.size() + " of " + ranges
                    + " parts written");
        }
        try {
            await(uploader.complete(upload, target, new TreeMap<>(parts)));
        } finally {
            uploader.close();
        }
    }

    @Override
    public void abort() {
        try {
            await(uploader.abort(upload, target));
        } catch (IOException ignored) {
            // an incomplete upload: fs.s3a.multipart.purge or a bucket lifecycle rule removes it
        } finally {
            try {
                uploader.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    private static <T> T await(CompletableFuture<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }
}
