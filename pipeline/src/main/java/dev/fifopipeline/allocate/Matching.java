package dev.fifopipeline.allocate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.spark.Names;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The matching transformation, with no reads or writes: ledger rows in, allocation rows out, plus a
 * {@link MatchSideOutput} filled when the rows are computed. Trades are grouped by (account,
 * symbol) and each group is sorted in processing order (order time, buys before sells, order id)
 * before the engine sees it.
 */
public final class Matching {
  private static final Encoder<AllocationRow> ALLOCATION = Encoders.bean(AllocationRow.class);
  private static final Encoder<LotRow> LOT = Encoders.bean(LotRow.class);

  private Matching() {}

  /**
   * The allocation rows (lazy) and, once they are computed by an action, the side output.
   *
   * @param allocations one row per allocation, camelCase bean columns
   * @param side lots, runs and unmatched rests, complete after {@code allocations} ran
   */
  public record Matched(Dataset<AllocationRow> allocations, MatchSideOutput side) {}

  /** Matches {@code ledger} (lake trade_records columns) under {@code rules}. */
  public static Matched match(Dataset<Row> ledger, MatchingRules rules) {
    MatchSideOutput side = MatchSideOutput.register(ledger.sparkSession());
    Column key =
        when(col("account").isNull(), col("symbol"))
            .otherwise(concat(col("account"), lit("\u0000"), col("symbol")));
    Column[] processingOrder = {
      col("orderTime"), when(col("side").equalTo("buy"), 0).otherwise(1), col("orderId")
    };
    Dataset<AllocationRow> allocations =
        ledger
            .select(
                col("order_id").as("orderId"),
                col("account"),
                col("symbol"),
                col("side"),
                col("order_time").as("orderTime"),
                col("price"),
                col("size"),
                col("fees"),
                key.as("groupKey"))
            .groupBy(col("groupKey")) // grouped by column: no object per row just for the key
            .as(Encoders.STRING(), TradeRow.ENCODER)
            .flatMapSortedGroups(processingOrder, new MatchGroups(rules, side), ALLOCATION);
    return new Matched(allocations, side);
  }

  /** The allocation rows with snake_case lake column names. */
  public static Dataset<Row> allocationRows(Dataset<AllocationRow> allocations) {
    return Names.snakeColumns(allocations.toDF());
  }

  /** Allocation rows gathered on the driver, with snake_case lake column names. */
  public static Dataset<Row> allocationRows(SparkSession spark, List<AllocationRow> rows) {
    return allocationRows(spark.createDataset(rows, ALLOCATION));
  }

  /** Lots gathered on the driver, as rows with snake_case lake column names. */
  public static Dataset<Row> lotRows(SparkSession spark, List<LotRow> lots) {
    return Names.snakeColumns(spark.createDataset(lots, LOT).toDF());
  }
}
