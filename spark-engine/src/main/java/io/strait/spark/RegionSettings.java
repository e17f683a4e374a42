package io.strait.spark;

import io.strait.common.region.RegionId;
import io.strait.regionio.HadoopRegionFileSystem;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an executor needs to open a region's filesystem itself: the region's name and its Hadoop settings
 * ({@code regions.<name>.hadoop}). Sent to executors; a filesystem object never is.
 */
public record RegionSettings(String region, HashMap<String, String> hadoop) implements Serializable {
    private static final long serialVersionUID = 1L;

    public RegionSettings {
        Objects.requireNonNull(region, "region");
        hadoop = new HashMap<>(Objects.requireNonNull(hadoop, "hadoop"));
    }

    public static RegionSettings of(RegionId region, Map<String, String> hadoop) {
        return new RegionSettings(region.name(), new HashMap<>(hadoop));
    }

    public RegionId regionId() {
        return RegionId.of(region);
    }

    /** Opens the region's filesystem (the caller closes it). */
    public HadoopRegionFileSystem open() {
        return HadoopRegionFileSystem.create(regionId(), hadoop);
    }
}
