package dev.fifopipeline.report;

import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import dev.fifopipeline.lake.LakeSchemas;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * What {@code report unmatched} found: one row per (unmatched sell, likely cause) in the columns of
 * {@link #SCHEMA}, in sell time order, and the file they were written to.
 *
 * @param version the allocation version
 * @param sells the number of unmatched sells
 * @param rows the causes, at least one per sell
 * @param file the CSV listing
 * @param fillsPath the fills export compared, or null
 */
public record UnmatchedResult(
    int version, long sells, List<Row> rows, Path file, String fillsPath) {
  /** The listing's columns; {@code unmatched_size} in base units, exact. */
  public static final StructType SCHEMA =
      new StructType()
          .add("allocation_version", IntegerType)
          .add("account", StringType)
          .add("symbol", StringType)
          .add("sell_order_id", StringType)
          .add("sell_time", TimestampType)
          .add("unmatched_size", LakeSchemas.MONEY)
          .add("cause", StringType)
          .add("action", StringType);

  static final String[] COLUMNS = SCHEMA.fieldNames();

  public UnmatchedResult {
    rows = List.copyOf(rows);
  }

  /** The number of rows per cause, in the order they first appear. */
  public Map<String, Long> causes() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Row row : rows) {
      counts.merge(row.getString(6), 1L, Long::sum);
    }
    return counts;
  }

  /** One line: the count of unmatched sells, the lines per cause and where the listing is. */
  public String summary() {
    if (sells == 0) {
      return String.format(
          "report unmatched v%d: no unmatched sells; listing in %s", version, file);
    }
    StringBuilder kinds = new StringBuilder();
    causes()
        .forEach(
            (k, n) -> kinds.append(kinds.isEmpty() ? "" : ", ").append(k).append(' ').append(n));
    return String.format(
        "report unmatched v%d: %d unmatched sells: %s%s; listing in %s",
        version, sells, kinds, fillsPath == null ? "" : " (compared with " + fillsPath + ")", file);
  }
}
