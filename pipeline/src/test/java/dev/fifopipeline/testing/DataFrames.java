package dev.fifopipeline.testing;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * DataFrame equality from spark-testing-base, on the shared session. Its suite base would make its
 * own SparkContext, so only its assertion methods are used here; both sides are made nullable first
 * (Delta reads make every column nullable) and put in the same column order.
 */
public final class DataFrames {
  private static final JavaDataFrameSuiteBase ASSERTIONS = new JavaDataFrameSuiteBase();

  private DataFrames() {}

  /** Same schema and rows, in any order. */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    Dataset<Row> e = nullable(expected);
    Dataset<Row> a =
        nullable(
            actual.select(
                Arrays.stream(expected.columns())
                    .map(actual::col)
                    .toArray(org.apache.spark.sql.Column[]::new)));
    ASSERTIONS.assertDataFrameNoOrderEquals(e, a);
  }

  /** Same schema and rows, in the same order. */
  public static void assertSameRowsInOrder(Dataset<Row> expected, Dataset<Row> actual) {
    ASSERTIONS.assertDataFrameEquals(
        nullable(expected), nullable(actual), ASSERTIONS.assertDataFrameEquals$default$3());
  }

  /** {@code rows} with every column nullable. */
  public static Dataset<Row> nullable(Dataset<Row> rows) {
    StructField[] fields =
        Arrays.stream(rows.schema().fields())
            .map(f -> DataTypes.createStructField(f.name(), f.dataType(), true, f.metadata()))
            .toArray(StructField[]::new);
    return rows.sparkSession().createDataFrame(rows.rdd(), new StructType(fields));
  }
}
