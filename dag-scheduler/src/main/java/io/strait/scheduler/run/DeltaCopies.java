package io.strait.scheduler.run;

import io.strait.common.copy.CopyTask;
import io.strait.common.copy.DeltaDecider;
import io.strait.common.copy.ReplicatedVersion;
import io.strait.common.copy.ReusableFile;
import io.strait.common.job.JobPlan;
import io.strait.common.job.JobStore;
import io.strait.common.job.ReplicationJob;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks the files of a job's copy tasks that need not cross regions again: those the object's last replicated version
 * (its newest SUCCEEDED job, read from the state store's manifests) holds unchanged, provided that version is the one
 * the target's replica points at now. The decision is {@link DeltaDecider}'s; the copy executor takes the marked
 * files inside the target region and verifies them against that manifest.
 */
final class DeltaCopies {
    private static final Logger LOG = LoggerFactory.getLogger(DeltaCopies.class);

    private final LinkRuntime link;
    private final JobStore store;

    DeltaCopies(LinkRuntime link, JobStore store) {
        this.link = link;
        this.store = store;
    }

    List<CopyTask> attach(ReplicationJob job, JobPlan plan, List<CopyTask> tasks) {
        if (!plan.copiesData() || plan.files().isEmpty()) {
            return tasks;
        }
        Optional<ReplicatedVersion> previous = store.lastReplicatedVersion(link.name(), job.object());
        if (previous.isEmpty()) {
            return tasks;
        }
        List<ReusableFile> reusable = DeltaDecider.reusable(plan.files(), previous,
                link.publisher().currentLocation(job.object()));
        LOG.debug("job {} {}: {} of {} file(s) reusable from job {} ({})", job.id(), job.object(), reusable.size(),
                plan.files().size(), previous.get().jobId(), previous.get().targetDirectory());
        return DeltaDecider.attach(tasks, reusable);
    }
}
