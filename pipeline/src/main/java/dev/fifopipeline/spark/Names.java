package dev.fifopipeline.spark;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Column naming and SQL literal helpers. */
public final class Names {
  private Names() {}

  /** {@code sellOrderId} to {@code sell_order_id}. */
  public static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** {@code rows} with every column renamed from camelCase to snake_case. */
  public static Dataset<Row> snakeColumns(Dataset<Row> rows) {
    Column[] columns =
        Arrays.stream(rows.columns()).map(c -> rows.col(c).as(snake(c))).toArray(Column[]::new);
    return rows.select(columns);
  }

  /** A SQL string literal. */
  public static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** {@code column IN ('a', 'b')}. */
  public static String inList(String column, Collection<String> values) {
    return column
        + " IN ("
        + values.stream().sorted().map(Names::literal).collect(Collectors.joining(", "))
        + ")";
  }
}
