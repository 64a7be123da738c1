package dev.fifopipeline.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.spark.Columns;
import java.time.Instant;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The rows an ingest writes, derived from its classified batch (see {@link LedgerClassifier}): pure
 * functions over Datasets, no reads or writes of their own.
 */
final class IngestRows {
  /** Trades per ledger file written by one ingest (see {@link #bySymbol}). */
  static final long ROWS_PER_FILE = 100_000;

  private IngestRows() {}

  /**
   * The new trades in the lake's ledger columns; ingested_at defaults to {@code now}, when the row
   * landed in the lake.
   */
  static Dataset<Row> ledger(Dataset<Row> classified, Instant now) {
    Column landed = lit(now);
    return classified
        .filter(col(LedgerClassifier.STATUS).equalTo(LedgerClassifier.NEW))
        .withColumn("ingested_at", coalesce(col("ingested_at"), landed))
        .withColumn("lake_ingested_at", landed);
  }

  /**
   * {@code rows} in files of about {@link #ROWS_PER_FILE} trades, each holding a narrow range of
   * symbols. Delta keeps each file's least and greatest symbol, so a run over a few symbols
   * (allocate --since, --symbols) reads the files holding them and skips the rest: its cost follows
   * the changed symbols, not the size of the ledger. A symbol with more trades than a file holds
   * spreads over several files, split by time.
   */
  static Dataset<Row> bySymbol(Dataset<Row> rows, long count) {
    if (count <= ROWS_PER_FILE) {
      return rows.coalesce(1); // one file, and no shuffle for a small batch
    }
    int files = (int) ((count + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
    return rows.repartitionByRange(files, col("symbol"), col("order_time"));
  }

  /**
   * The quarantined rows as review rows, detected at {@code now}, less those already waiting in
   * {@code queue} (the lake's review queue) with the same order, reason and details: a bad row read
   * again is queued once.
   */
  static Dataset<Row> review(Dataset<Row> classified, Dataset<Row> queue, Instant now) {
    Dataset<Row> review =
        classified
            .filter(col(LedgerClassifier.STATUS).equalTo(LedgerClassifier.QUARANTINED))
            .select(
                when(Columns.blank(col("order_id")), lit(null))
                    .otherwise(col("order_id"))
                    .as("order_id"),
                col("account"),
                col("symbol"),
                col(LedgerNormalizer.REASON).as("reason"),
                col(LedgerNormalizer.DETAILS).as("details"),
                lit(null).cast("int").as("allocation_version"),
                lit(now).as("detected_at"))
            .dropDuplicates("order_id", "reason", "details");
    Dataset<Row> queued =
        queue
            .filter(col("allocation_version").isNull())
            .select(
                col("order_id").as("q_order_id"),
                col("reason").as("q_reason"),
                col("details").as("q_details"));
    return review.join(
        queued,
        col("order_id")
            .eqNullSafe(col("q_order_id"))
            .and(col("reason").equalTo(col("q_reason")))
            .and(col("details").equalTo(col("q_details"))),
        "left_anti");
  }
}
