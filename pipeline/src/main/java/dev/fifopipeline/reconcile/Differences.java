package dev.fifopipeline.reconcile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.fifopipeline.lake.LakeSchemas;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a comparison of fills with the ledger found (see {@link FillsComparison#compare}): the
 * counts per kind and the rows the listing shows. Pure functions over Datasets.
 *
 * @param fills fill rows read
 * @param unreadable fill rows that do not parse
 * @param compared orders (or fill groups) compared
 * @param missing in the fills, not in the ledger
 * @param extra in the ledger, not in the fills
 * @param mismatched in both, with a different side, size, price or time
 */
record Differences(
    long fills, long unreadable, long compared, long missing, long extra, long mismatched) {

  /** Counts {@code compared} per kind and {@code fills} read and unreadable. */
  static Differences count(Dataset<Row> compared, Dataset<Row> fills) {
    long total = 0;
    long missing = 0;
    long extra = 0;
    long mismatched = 0;
    for (Row row : compared.groupBy("kind").count().collectAsList()) {
      long n = row.getLong(1);
      total += n;
      switch (row.getString(0)) {
        case "missing" -> missing = n;
        case "extra" -> extra = n;
        case "mismatched" -> mismatched = n;
        default -> {}
      }
    }
    long unreadable = fills.filter(col("bad")).count();
    return new Differences(fills.count(), unreadable, total, missing, extra, mismatched);
  }

  /** The compared rows that are not ok, and the fill rows that do not parse, in listing order. */
  static Dataset<Row> listing(Dataset<Row> compared, Dataset<Row> fills) {
    Dataset<Row> differences =
        compared.filter(col("kind").notEqual("ok")).drop("first_fill_time", "fill_fee", "fill_ids");
    Dataset<Row> unreadable =
        fills
            .filter(col("bad"))
            .select(
                lit("unreadable").as("kind"),
                col("fill_id").as("key"),
                col("order_id"),
                col("symbol"),
                col("side").as("fill_side"),
                lit(null).cast("string").as("ledger_side"),
                col("time").as("fill_time"),
                lit(null).cast("timestamp").as("ledger_time"),
                col("size").as("fill_size"),
                lit(null).cast(LakeSchemas.MONEY).as("ledger_size"),
                col("price").as("fill_price"),
                lit(null).cast(LakeSchemas.MONEY).as("ledger_price"),
                lit("the fill row does not parse").as("details"));
    return differences.unionByName(unreadable).orderBy("kind", "symbol", "key");
  }

  /** The fills missing from the ledger, for a backfill. */
  static Dataset<Row> missingRows(Dataset<Row> compared) {
    return compared.filter(col("kind").equalTo("missing"));
  }
}
