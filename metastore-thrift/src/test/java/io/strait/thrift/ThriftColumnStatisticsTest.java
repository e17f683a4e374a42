package io.strait.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strait.common.metastore.ColumnStatistic;
import java.nio.ByteBuffer;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsData;
import org.apache.hadoop.hive.metastore.api.ColumnStatisticsObj;
import org.apache.hadoop.hive.metastore.api.Decimal;
import org.apache.hadoop.hive.metastore.api.DecimalColumnStatsData;
import org.apache.hadoop.hive.metastore.api.LongColumnStatsData;
import org.junit.jupiter.api.Test;

class ThriftColumnStatisticsTest {
    @Test
    void longStatisticsRoundTripLosslessly() {
        LongColumnStatsData longs = new LongColumnStatsData(3, 17);
        longs.setLowValue(-5);
        longs.setHighValue(1_000_000_000_000L);
        longs.setBitVectors(new byte[] {1, 2, 3, 4});
        ColumnStatisticsObj source = new ColumnStatisticsObj("id", "bigint", ColumnStatisticsData.longStats(longs));

        ColumnStatistic statistic = ThriftColumnStatistics.toStatistic(source);

        assertThat(statistic.column()).isEqualTo("id");
        assertThat(statistic.type()).isEqualTo("bigint");
        assertThat(ThriftColumnStatistics.toThrift(statistic)).isEqualTo(source);
    }

    @Test
    void decimalStatisticsRoundTripAndEqualStatisticsEncodeEqually() {
        DecimalColumnStatsData decimals = new DecimalColumnStatsData(0, 2);
        decimals.setLowValue(new Decimal((short) 2, ByteBuffer.wrap(new byte[] {1})));
        decimals.setHighValue(new Decimal((short) 2, ByteBuffer.wrap(new byte[] {9, 9})));
        ColumnStatisticsObj source = new ColumnStatisticsObj("amount", "decimal(10,2)",
                ColumnStatisticsData.decimalStats(decimals));

        ColumnStatistic first = ThriftColumnStatistics.toStatistic(source);
        ColumnStatistic second = ThriftColumnStatistics.toStatistic(source.deepCopy());

        assertThat(first).isEqualTo(second);
        assertThat(ThriftColumnStatistics.toThrift(first)).isEqualTo(source);
    }

    @Test
    void differentValuesEncodeDifferently() {
        LongColumnStatsData longs = new LongColumnStatsData(0, 10);
        ColumnStatisticsObj one = new ColumnStatisticsObj("id", "bigint", ColumnStatisticsData.longStats(longs));
        ColumnStatisticsObj other = one.deepCopy();
        other.getStatsData().getLongStats().setNumDVs(11);

        assertThat(ThriftColumnStatistics.toStatistic(one)).isNotEqualTo(ThriftColumnStatistics.toStatistic(other));
    }

    @Test
    void undecodableDataIsAClearError() {
        assertThatThrownBy(() -> ThriftColumnStatistics.toThrift(new ColumnStatistic("id", "bigint", "not json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column id");
    }
}
