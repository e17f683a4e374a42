package io.strait.spark;

import java.io.Serializable;
import org.apache.spark.sql.types.DataType;

/** A column of the Parquet digest: its name and the Spark type both sides read it as. */
record DigestColumn(String name, DataType type) implements Serializable {
}
