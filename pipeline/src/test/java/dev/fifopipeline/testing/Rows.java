package dev.fifopipeline.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Expected rows written as text tables: a header line of column names, then values. */
public final class Rows {
  private Rows() {}

  /**
   * A frame of string columns from lines like {@code "sell | buy | size"}; {@code null} is null.
   */
  public static Dataset<Row> table(SparkSession spark, String... lines) {
    String[] header = split(lines[0]);
    StructType schema = new StructType();
    for (String name : header) {
      schema = schema.add(name, DataTypes.StringType);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      Object[] values = split(lines[i]);
      for (int j = 0; j < values.length; j++) {
        values[j] = "null".equals(values[j]) ? null : values[j];
      }
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema);
  }

  private static String[] split(String line) {
    String[] parts = line.split("\\|");
    for (int i = 0; i < parts.length; i++) {
      parts[i] = parts[i].strip();
    }
    return parts;
  }
}
