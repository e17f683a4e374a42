package io.strait.common.report;

import io.strait.common.region.RegionId;

/** Read-side queries over the state store. Implementation: {@code JdbcReportQueries} (sql). */
public interface ReportQueries {
    /** Figures for one link: its source region's events, its jobs, files, lag and divergences. */
    ReplicationReport report(String link, RegionId sourceRegion);
}
