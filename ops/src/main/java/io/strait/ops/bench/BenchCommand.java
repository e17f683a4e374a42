package io.strait.ops.bench;

import io.strait.common.config.DataSize;
import io.strait.ops.bench.CopyBenchmark.Measurement;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks, each against a baseline run"
        + " in the same run.", subcommands = BenchCommand.Copy.class)
public final class BenchCommand {
    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = "Verified in-process copy against cp -r and DistCp (local mode), on the local disk;"
                    + " prints medians and ratios.")
    static final class Copy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--files", defaultValue = "64", description = "files to copy (default ${DEFAULT-VALUE})")
        int files;

        @Option(names = "--file-size", defaultValue = "8MB", description = "size of each file (default ${DEFAULT-VALUE})")
        String fileSize;

        @Option(names = "--parallelism", defaultValue = "4", description = "Strait copy threads (default ${DEFAULT-VALUE})")
        int parallelism;

        @Option(names = "--rounds", defaultValue = "3", description = "measured rounds (default ${DEFAULT-VALUE})")
        int rounds;

        @Option(names = "--dir", description = "work directory (default: a temp directory)")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path work = dir != null ? dir : Files.createTempDirectory("strait-bench-");
            long bytes = DataSize.parse(fileSize).bytes();
            List<Measurement> all = new CopyBenchmark(work, files, bytes, parallelism).run(rounds);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "copy benchmark: %d files x %s = %s, %d rounds, in %s%n", files, fileSize,
                    new DataSize(files * bytes), rounds, work);
            Measurement cp = median(all, "cp -r");
            Measurement distcp = median(all, "distcp");
            Measurement strait = median(all, "strait");
            for (Measurement m : List.of(cp, distcp, strait)) {
                out.printf(Locale.ROOT, "  %-36s median %8.1f ms  %8.1f MB/s%n", m.name(), m.nanos() / 1e6,
                        m.megabytesPerSecond());
            }
            out.printf(Locale.ROOT, "  ratio strait / cp (time): %.2f%n", (double) strait.nanos() / cp.nanos());
            out.printf(Locale.ROOT, "  ratio strait / distcp (time): %.2f%n", (double) strait.nanos() / distcp.nanos());
            return 0;
        }

        private static Measurement median(List<Measurement> all, String prefix) {
            List<Measurement> sorted = all.stream().filter(m -> m.name().startsWith(prefix))
                    .sorted(Comparator.comparingLong(Measurement::nanos)).toList();
            return sorted.get(sorted.size() / 2);
        }
    }
}
