package dev.fifopipeline.allocate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.spark.Names;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The matching transformation, with no reads or writes: ledger rows in, allocation rows and
 * inventory lots out, plus the {@link MatchRuns} filled when they are computed. Trades are grouped
 * by (account, symbol) and each group is sorted in processing order (order time, buys before sells,
 * order id) before the engine sees it.
 */
public final class Matching {
  private static final Encoder<AllocationRow> ALLOCATION = Encoders.bean(AllocationRow.class);
  private static final Encoder<LotRow> LOT = Encoders.bean(LotRow.class);
  private static final Encoder<Tuple2<AllocationRow, LotRow>> OUTPUT =
      Encoders.tuple(ALLOCATION, LOT);

  private Matching() {}

  /**
   * What a matching pass produces: one Dataset of (allocation, lot) pairs, each holding one of the
   * two, so that allocations and lots come from one pass however many there are, and the group
   * summaries, complete once the Dataset has been computed by an action.
   *
   * @param output the pass, lazy; persist it when both halves are read
   * @param runs one summary per group, complete after {@code output} ran
   */
  public record Matched(Dataset<Tuple2<AllocationRow, LotRow>> output, MatchRuns runs) {
    /**
     * This pass kept (memory, then local disk) so that its halves are read without matching again.
     */
    public Matched persisted() {
      return new Matched(output.persist(StorageLevel.MEMORY_AND_DISK()), runs);
    }

    /** Drops what {@link #persisted()} kept. */
    public void release() {
      output.unpersist();
    }

    /** The allocation rows, with snake_case lake column names. */
    public Dataset<Row> allocationRows() {
      return half("_1");
    }

    /** The inventory lots, with snake_case lake column names. */
    public Dataset<Row> lotRows() {
      return half("_2");
    }

    private Dataset<Row> half(String name) {
      return Names.snakeColumns(output.filter(col(name).isNotNull()).select(name + ".*"));
    }
  }

  /** Matches {@code ledger} (lake trade_records columns) under {@code rules}. */
  public static Matched match(Dataset<Row> ledger, MatchingRules rules) {
    MatchRuns runs = MatchRuns.register(ledger.sparkSession());
    Column key =
        when(col("account").isNull(), col("symbol"))
            .otherwise(concat(col("account"), lit("\u0000"), col("symbol")));
    Column[] processingOrder = {
      col("orderTime"), when(col("side").equalTo("buy"), 0).otherwise(1), col("orderId")
    };
    Dataset<Tuple2<AllocationRow, LotRow>> output =
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
            .flatMapSortedGroups(processingOrder, new MatchGroups(rules, runs), OUTPUT);
    return new Matched(output, runs);
  }
}
