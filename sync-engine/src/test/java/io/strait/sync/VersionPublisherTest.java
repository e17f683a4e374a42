package io.strait.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.lists;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.CopyTaskResult;
import io.strait.common.copy.FileCopyResult;
import io.strait.common.copy.FileVerification;
import io.strait.common.publish.PublishOutcome;
import io.strait.common.region.FileEntry;
import io.strait.common.copy.CopyVerdict.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class VersionPublisherTest {
    private final AtomicInteger publishes = new AtomicInteger();
    private final Supplier<PublishOutcome> publish = () -> {
        publishes.incrementAndGet();
        return PublishOutcome.published("switched", "old");
    };

    @Test
    void publishesExactlyWhenEveryFileIsVerified() {
        qt().forAll(lists().of(arbitrary().enumValues(FileVerification.class)).ofSizeBetween(0, 12))
                .checkAssert(verifications -> {
                    publishes.set(0);
                    List<CopyTask> tasks = tasksFor(verifications.size());

                    VersionPublication publication = VersionPublisher.publishIfVerified(tasks,
                            results(verifications), publish);

                    boolean allVerified = verifications.stream().allMatch(each -> each == FileVerification.VERIFIED);
                    assertThat(publishes.get()).isEqualTo(allVerified ? 1 : 0);
                    assertThat(publication.isPublished()).isEqualTo(allVerified);
                    assertThat(publication.verdict()).isEqualTo(expectedVerdict(verifications));
                });
    }

    @Test
    void aFileWithoutResultBlocksThePublish() {
        List<CopyTask> tasks = tasksFor(3);
        List<FileVerification> twoOfThree = List.of(FileVerification.VERIFIED, FileVerification.VERIFIED);

        VersionPublication publication = VersionPublisher.publishIfVerified(tasks, results(twoOfThree), publish);

        assertThat(publication.verdict()).isEqualTo(Outcome.MISMATCH);
        assertThat(publication.detail()).contains("file f2 has no result");
        assertThat(publishes).hasValue(0);
    }

    @Test
    void anEmptyVersionIsPublished() {
        VersionPublication publication = VersionPublisher.publishIfVerified(
                List.of(new CopyTask(1, 0, "s", "t", List.of())), List.of(new CopyTaskResult(1, 0, List.of())),
                publish);

        assertThat(publication.isPublished()).isTrue();
        assertThat(publication.outcome()).hasValueSatisfying(outcome ->
                assertThat(outcome.replacedLocation()).isEqualTo("old"));
    }

    @Test
    void theDetailNamesTheBadFiles() {
        List<FileVerification> verifications = List.of(FileVerification.VERIFIED, FileVerification.MISMATCH,
                FileVerification.UNVERIFIABLE);

        VersionPublication publication = VersionPublisher.publishIfVerified(tasksFor(3), results(verifications),
                publish);

        assertThat(publication.detail()).startsWith("not published: 1 file(s) not verified: task 0 file f1 MISMATCH");
    }

    private static Outcome expectedVerdict(List<FileVerification> verifications) {
        if (verifications.stream().anyMatch(each -> each != FileVerification.VERIFIED
                && each != FileVerification.UNVERIFIABLE)) {
            return Outcome.MISMATCH;
        }
        return verifications.contains(FileVerification.UNVERIFIABLE) ? Outcome.UNVERIFIABLE : Outcome.VERIFIED;
    }

    private static List<CopyTask> tasksFor(int files) {
        List<FileEntry> entries = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            entries.add(new FileEntry("f" + i, i, 0));
        }
        return List.of(new CopyTask(1, 0, "s", "t", entries));
    }

    private static List<CopyTaskResult> results(List<FileVerification> verifications) {
        List<FileCopyResult> files = new ArrayList<>();
        for (int i = 0; i < verifications.size(); i++) {
            files.add(new FileCopyResult("f" + i, i, "", "", verifications.get(i), "detail " + i));
        }
        return List.of(new CopyTaskResult(1, 0, files));
    }
}
