package dev.fifopipeline.allocate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.spark.Names;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * The matching transformation, with no reads or writes: ledger rows in, {@link MatchRow}s out.
 * Trades are grouped by (account, symbol) and each group is sorted in processing order (order time,
 * buys before sells, order id) before the engine sees it.
 */
public final class Matching {
  private Matching() {}

  /**
   * Matches {@code ledger} (lake trade_records columns) under {@code rules}.
   *
   * @return per group: allocations and inventory lots, then one run row
   */
  public static Dataset<MatchRow> match(Dataset<Row> ledger, MatchingRules rules) {
    Dataset<TradeRow> trades =
        ledger
            .select(
                col("order_id").as("orderId"),
                col("account"),
                col("symbol"),
                col("side"),
                col("order_time").as("orderTime"),
                col("price"),
                col("size"),
                col("fees"))
            .as(TradeRow.ENCODER);
    Column[] processingOrder = {
      col("orderTime"), when(col("side").equalTo("buy"), 0).otherwise(1), col("orderId")
    };
    return trades
        .groupByKey((MapFunction<TradeRow, String>) Matching::groupKey, Encoders.STRING())
        .flatMapSortedGroups(processingOrder, new MatchGroups(rules), MatchRow.ENCODER);
  }

  /** The allocation rows of {@code matched}, with snake_case lake column names. */
  public static Dataset<Row> allocations(Dataset<MatchRow> matched) {
    return nested(matched, "allocation");
  }

  /** The inventory rows of {@code matched}, with snake_case lake column names. */
  public static Dataset<Row> lots(Dataset<MatchRow> matched) {
    return nested(matched, "lot");
  }

  /** The run rows of {@code matched} (camelCase, as {@link RunRow}). */
  public static Dataset<Row> runs(Dataset<MatchRow> matched) {
    return matched.filter(col("run").isNotNull()).select("run.*");
  }

  private static Dataset<Row> nested(Dataset<MatchRow> matched, String field) {
    return Names.snakeColumns(matched.filter(col(field).isNotNull()).select(field + ".*"));
  }

  private static String groupKey(TradeRow row) {
    return row.getAccount() == null
        ? row.getSymbol()
        : row.getAccount() + '\u0000' + row.getSymbol();
  }
}
