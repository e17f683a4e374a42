package io.strait.spark;

import java.io.Serializable;
import org.apache.spark.sql.types.DataType;

/** A column of the file digest (Parquet or ORC): its name and the Spark type both sides read it as. */
record DigestColumn(String name, DataType type) implements Serializable {
}
