package io.strait.thrift;

import io.strait.common.metastore.ColumnStatistic;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsData;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsObj;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TJSONProtocol;

/**
 * Column statistics between the metastore's Thrift records and {@link ColumnStatistic}: the
 * {@code ColumnStatisticsData} union is kept whole, encoded as Thrift JSON, so nothing of it is lost (low and high
 * values, null and distinct counts, bit vectors, histograms) and equal statistics encode equally.
 */
public final class ThriftColumnStatistics {
    private ThriftColumnStatistics() {
    }

    public static ColumnStatistic toStatistic(ColumnStatisticsObj object) {
        try {
            String data = new String(new TSerializer(new TJSONProtocol.Factory()).serialize(object.getStatsData()),
                    StandardCharsets.UTF_8);
            return new ColumnStatistic(object.getColName(), object.getColType(), data);
        } catch (TException e) {
            throw new IllegalStateException("Cannot encode the statistics of column " + object.getColName(), e);
        }
    }

    public static ColumnStatisticsObj toThrift(ColumnStatistic statistic) {
        ColumnStatisticsData data = new ColumnStatisticsData();
        try {
            new TDeserializer(new TJSONProtocol.Factory()).deserialize(data,
                    statistic.data().getBytes(StandardCharsets.UTF_8));
        } catch (TException e) {
            throw new IllegalArgumentException("Cannot decode the statistics of column " + statistic.column()
                    + ": " + e.getMessage(), e);
        }
        return new ColumnStatisticsObj(statistic.column(), statistic.type(), data);
    }

    public static List<ColumnStatistic> toStatistics(List<ColumnStatisticsObj> objects) {
        return objects == null ? List.of() : objects.stream().map(ThriftColumnStatistics::toStatistic).toList();
    }
}
