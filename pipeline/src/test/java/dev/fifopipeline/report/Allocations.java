package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.testing.Rows;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * In-memory {@code fifo_allocations} rows from a text table with columns account, symbol, sell,
 * buy, sell_time, buy_time, size, proceeds, cost, pnl, term (null buy: an unmatched part). Fee
 * shares are 0; other columns are filled as the schema needs.
 */
final class Allocations {
  private Allocations() {}

  static Dataset<Row> of(SparkSession spark, String... lines) {
    Dataset<Row> text = Rows.table(spark, lines);
    Column[] columns = {
      lit(1).as("allocation_version"),
      lit("fifo").as("method"),
      col("account"),
      col("symbol"),
      col("sell").as("sell_order_id"),
      col("buy").as("buy_order_id"),
      col("sell_time").cast("timestamp").as("sell_time"),
      col("buy_time").cast("timestamp").as("buy_time"),
      col("size").as("allocated_size"),
      lit("1").as("sell_price"),
      lit(null).as("buy_price"),
      lit("0").as("buy_fee_share"),
      lit("0").as("sell_fee_share"),
      col("cost").as("cost_basis"),
      col("proceeds"),
      col("pnl"),
      lit(null).as("holding_days"),
      col("term"),
      lit("batch").as("batch_id"),
      lit(null).as("computed_at")
    };
    Dataset<Row> rows = Lake.conform(LakeTable.FIFO_ALLOCATIONS, text.select(columns));
    // unmatched parts carry no buy fee share
    return rows.withColumn(
        "buy_fee_share",
        org.apache.spark.sql.functions.when(col("buy_order_id").isNotNull(), col("buy_fee_share")));
  }
}
