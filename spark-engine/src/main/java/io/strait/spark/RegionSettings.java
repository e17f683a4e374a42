package io.strait.spark;

import io.strait.common.region.FileLayout;
import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an executor needs to open a region's filesystem itself: the region's name and its Hadoop settings
 * ({@code regions.<name>.hadoop}, credentials such as {@code fs.s3a.secret.key} included). Sent to executors inside
 * the job's closure (encrypted in transit when Spark's {@code spark.network.crypto.enabled} is on); a filesystem
 * object never is. Its text names the settings' keys only, never their values.
 */
public record RegionSettings(String region, HashMap<String, String> hadoop, long blockSizeBytes, int replication)
        implements Serializable {
    private static final long serialVersionUID = 2L;

    public RegionSettings {
        Objects.requireNonNull(region, "region");
        hadoop = new HashMap<>(Objects.requireNonNull(hadoop, "hadoop"));
    }

    public static RegionSettings of(RegionId region, Map<String, String> hadoop) {
        return of(region, hadoop, FileLayout.DEFAULT);
    }

    /**
     * A region's settings: every Hadoop setting its filesystem client needs (those of its site files included: an
     * executor has no access to the driver's files) and the layout of its new files ({@code files.block-size},
     * {@code files.replication}).
     */
    public static RegionSettings of(RegionId region, Map<String, String> hadoop, FileLayout layoutOverrides) {
        return new RegionSettings(region.name(), new HashMap<>(hadoop), layoutOverrides.blockSizeBytes(),
                layoutOverrides.replication());
    }

    public RegionId regionId() {
        return RegionId.of(region);
    }

    /** The region and the keys of its settings: never a value (they may be credentials). */
    @Override
    public String toString() {
        return "RegionSettings[region=" + region + ", hadoop keys=" + new java.util.TreeSet<>(hadoop.keySet()) + "]";
    }

    /** Opens the region's filesystem (the caller closes it). */
    public HadoopRegionFileSystem open() {
        return HadoopRegionFileSystem.create(regionId(), hadoop, new FileLayout(blockSizeBytes, replication));
    }
}
