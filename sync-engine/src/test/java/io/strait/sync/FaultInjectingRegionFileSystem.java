package io.strait.sync;

import io.strait.common.region.ForwardingRegionFileSystem;
import io.strait.common.region.RegionFileSystem;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link RegionFileSystem} decorator that injects faults into the byte streams of chosen files (matched by the
 * end of their URI): bytes corrupted or lost on the way to storage, bytes read back corrupted (storage rot, a stale
 * read), reads that end early (a dropped connection answered as end of file), reads that pause until released and
 * opens that fail.
 * It also counts opens per file so tests can see the independent re-read.
 */
final class FaultInjectingRegionFileSystem extends ForwardingRegionFileSystem {
    private final Map<String, WriteFault> writeFaults = new ConcurrentHashMap<>();
    private final Map<String, ReadFault> readFaults = new ConcurrentHashMap<>();
    private final Map<String, String> openFailures = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();
    private volatile String mkdirsFailure;

    FaultInjectingRegionFileSystem(RegionFileSystem delegate) {
        super(delegate);
    }

    /** Fault on the way to storage: {@code offset}'s byte is flipped, or every byte from {@code offset} is lost. */
    record WriteFault(long offset, boolean dropFromOffset) {
    }

    /** Fault on the way from storage. */
    record ReadFault(long offset, Kind kind, CountDownLatch reached, CountDownLatch release) {
        enum Kind { CORRUPT, END_EARLY, PAUSE }
    }

    FaultInjectingRegionFileSystem corruptWrites(String uriSuffix, long offset) {
        writeFaults.put(uriSuffix, new WriteFault(offset, false));
        return this;
    }

    FaultInjectingRegionFileSystem dropWritesFrom(String uriSuffix, long offset) {
        writeFaults.put(uriSuffix, new WriteFault(offset, true));
        return this;
    }

    FaultInjectingRegionFileSystem corruptReads(String uriSuffix, long offset) {
        readFaults.put(uriSuffix, new ReadFault(offset, ReadFault.Kind.CORRUPT, null, null));
        return this;
    }

    FaultInjectingRegionFileSystem endReadsEarly(String uriSuffix, long offset) {
        readFaults.put(uriSuffix, new ReadFault(offset, ReadFault.Kind.END_EARLY, null, null));
        return this;
    }

    /** Reads pause at {@code offset}: {@code reached} is counted down, then they wait for {@code release}. */
    FaultInjectingRegionFileSystem pauseReads(String uriSuffix, long offset, CountDownLatch reached,
            CountDownLatch release) {
        readFaults.put(uriSuffix, new ReadFault(offset, ReadFault.Kind.PAUSE, reached, release));
        return this;
    }

    /** Opening the file fails with an IOException carrying {@code message} (e.g. a read timeout). */
    FaultInjectingRegionFileSystem failOpens(String uriSuffix, String message) {
        openFailures.put(uriSuffix, message);
        return this;
    }

    /** Every mkdirs fails with an IOException carrying {@code message}. */
    FaultInjectingRegionFileSystem failMkdirs(String message) {
        mkdirsFailure = message;
        return this;
    }

    int opens(String uriSuffix) {
        return opens.entrySet().stream().filter(entry -> entry.getKey().endsWith(uriSuffix))
                .mapToInt(entry -> entry.getValue().get()).sum();
    }

    @Override
    public InputStream open(String uri) throws IOException {
        opens.computeIfAbsent(uri, ignored -> new AtomicInteger()).incrementAndGet();
        String failure = matching(openFailures, uri);
        if (failure != null) {
            throw new IOException(failure);
        }
        InputStream in = delegate().open(uri);
        ReadFault fault = matching(readFaults, uri);
        return fault == null ? in : new FaultyInput(in, fault);
    }

    @Override
    public OutputStream create(String uri) throws IOException {
        OutputStream out = delegate().create(uri);
        WriteFault fault = matching(writeFaults, uri);
        return fault == null ? out : new FaultyOutput(out, fault);
    }

    @Override
    public void mkdirs(String directoryUri) throws IOException {
        if (mkdirsFailure != null) {
            throw new IOException(mkdirsFailure);
        }
        delegate().mkdirs(directoryUri);
    }

    private static <T> T matching(Map<String, T> faults, String uri) {
        return faults.entrySet().stream().filter(entry -> uri.endsWith(entry.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static final class FaultyOutput extends FilterOutputStream {
        private final WriteFault fault;
        private long position;

        FaultyOutput(OutputStream out, WriteFault fault) {
            super(out);
            this.fault = fault;
        }

        @Override
        public void write(int b) throws IOException {
            long at = position++;
            if (fault.dropFromOffset() && at >= fault.offset()) {
                return;
            }
            out.write(at == fault.offset() ? b ^ 0xFF : b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            for (int i = 0; i < length; i++) {
                write(bytes[offset + i]);
            }
        }
    }

    private static final class FaultyInput extends FilterInputStream {
        private final ReadFault fault;
        private long position;

        FaultyInput(InputStream in, ReadFault fault) {
            super(in);
            this.fault = fault;
        }

        @Override
        public int read() throws IOException {
            if (position == fault.offset()) {
                if (fault.kind() == ReadFault.Kind.END_EARLY) {
                    return -1;
                }
                if (fault.kind() == ReadFault.Kind.PAUSE) {
                    pause();
                }
            }
            int b = in.read();
            if (b >= 0 && position == fault.offset() && fault.kind() == ReadFault.Kind.CORRUPT) {
                b ^= 0xFF;
            }
            if (b >= 0) {
                position++;
            }
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int count = 0;
            while (count < length) {
                int b = read();
                if (b < 0) {
                    return count == 0 ? -1 : count;
                }
                bytes[offset + count++] = (byte) b;
            }
            return count;
        }

        private void pause() throws IOException {
            fault.reached().countDown();
            try {
                if (!fault.release().await(60, TimeUnit.SECONDS)) {
                    throw new IOException("paused read was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while paused", e);
            }
        }
    }
}
