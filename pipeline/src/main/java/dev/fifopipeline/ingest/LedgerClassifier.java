package dev.fifopipeline.ingest;

import static dev.fifopipeline.ingest.LedgerNormalizer.DETAILS;
import static dev.fifopipeline.ingest.LedgerNormalizer.REASON;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.spark.Columns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Decides what happens to each normalised row: {@code new} (goes into the ledger), {@code
 * unchanged} (the ledger or this batch already has the same trade) or {@code quarantined} (a bad
 * row, or the same order_id with different facts).
 *
 * <p>Of several good rows for one order_id the first by {@code ingested_at} (unknown last), then
 * input order, is kept; a row already in the ledger is always the first, since the ledger is
 * immutable. Facts are account, symbol, side, order_time, price, size and fees, compared as values
 * (2.5 = 2.50); ingested_at and source are not facts.
 */
final class LedgerClassifier {
  static final String STATUS = "_status";
  static final String NEW = "new";
  static final String UNCHANGED = "unchanged";
  static final String QUARANTINED = "quarantined";

  private static final List<String> DECIMAL_FACTS = List.of("price", "size", "fees");

  private LedgerClassifier() {}

  /**
   * @param normalized rows from {@link LedgerNormalizer}
   * @param ledger the lake's trade_records (may be empty)
   * @param smallBatch whether {@code normalized} is small enough to broadcast and can be read a
   *     second time with the same rows (files, not a database): then only the ledger rows sharing
   *     its order ids are joined, found by scanning the ledger's order ids against the broadcast
   *     ids (and its facts only when one is found), so a late batch costs a scan of one column of
   *     the ledger instead of a shuffle of all of it
   * @return the normalised columns plus {@link #STATUS}; reason and details filled for every
   *     quarantined row
   */
  static Dataset<Row> classify(Dataset<Row> normalized, Dataset<Row> ledger, boolean smallBatch) {
    // One pass over the input: a single window per order_id ranks the good rows (bad ones sort
    // after them) and carries the first good row's facts to the others; the ledger's row joins on
    // order_id (an empty ledger is optimised away). Only a small batch from files reads the source
    // a second time, for its order ids; a database could answer the second read differently.
    Column bad = col(REASON).isNotNull();
    WindowSpec byOrder =
        Window.partitionBy("order_id")
            .orderBy(bad.asc(), col("ingested_at").asc_nulls_last(), col(CanonicalColumns.ROW));
    List<Column> firstFacts = new ArrayList<>();
    for (String fact : CanonicalColumns.FACTS) {
      firstFacts.add(col(fact).as(fact));
    }
    Dataset<Row> ranked =
        normalized
            .withColumn("_rank", row_number().over(byOrder))
            .withColumn("_first", first(struct(firstFacts.toArray(Column[]::new))).over(byOrder));
    Dataset<Row> ledgerFacts = facts(ledger, "l_");
    if (smallBatch) {
      Dataset<Row> ids = normalized.select(col("order_id").as("b_order_id"));
      Dataset<Row> shared =
          ledgerFacts.join(
              broadcast(ids),
              ledgerFacts.col("l_order_id").equalTo(ids.col("b_order_id")),
              "left_semi");
      // asking whether any is shared reads the ledger's order ids alone, so a batch of new trades
      // (the usual late batch) never reads the ledger's facts
      ledgerFacts = shared.select("l_order_id").isEmpty() ? ledgerFacts.limit(0) : shared;
    }
    Dataset<Row> joined =
        ranked.join(
            ledgerFacts, ranked.col("order_id").equalTo(ledgerFacts.col("l_order_id")), "left");

    Column repeat = col("_rank").gt(1);
    Column inLedger = col("l_order_id").isNotNull();
    Column sameAsFirst = same("_first.");
    Column sameAsLedger = same("l_");
    Column status =
        when(bad, lit(QUARANTINED))
            .when(repeat, when(sameAsFirst, lit(UNCHANGED)).otherwise(lit(QUARANTINED)))
            .when(inLedger, when(sameAsLedger, lit(UNCHANGED)).otherwise(lit(QUARANTINED)))
            .otherwise(lit(NEW));
    Column conflictWithFirst = repeat.and(sameAsFirst.equalTo(false));
    Column conflictWithLedger =
        repeat.equalTo(false).and(inLedger).and(sameAsLedger.equalTo(false));
    Column reason =
        when(bad, col(REASON))
            .when(conflictWithFirst.or(conflictWithLedger), lit("conflicting_duplicate"));
    Column details =
        when(bad, col(DETAILS))
            .when(
                conflictWithFirst,
                differences("differs from the first row of this order_id", "_first."))
            .when(conflictWithLedger, differences("differs from the ledger's row", "l_"));

    List<Column> output = new ArrayList<>();
    for (String name : normalized.columns()) {
      output.add(
          name.equals(REASON)
              ? reason.as(REASON)
              : name.equals(DETAILS) ? details.as(DETAILS) : col(name));
    }
    output.add(status.as(STATUS));
    return joined.select(output.toArray(Column[]::new));
  }

  /** order_id and the facts of {@code rows}, prefixed. */
  private static Dataset<Row> facts(Dataset<Row> rows, String prefix) {
    List<Column> columns = new ArrayList<>();
    columns.add(col("order_id").as(prefix + "order_id"));
    for (String fact : CanonicalColumns.FACTS) {
      columns.add(col(fact).as(prefix + fact));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /** Whether every fact equals the one under {@code prefix} (nulls equal). */
  private static Column same(String prefix) {
    Column same = lit(true);
    for (String fact : CanonicalColumns.FACTS) {
      same = same.and(col(fact).eqNullSafe(col(prefix + fact)));
    }
    return same;
  }

  /** "{@code conflict}: fact a vs b; ..." over the facts that differ from those under prefix. */
  private static Column differences(String conflict, String prefix) {
    List<Column> differences = new ArrayList<>();
    for (String fact : CanonicalColumns.FACTS) {
      Column mine = col(fact);
      Column theirs = col(prefix + fact);
      differences.add(
          when(
              mine.eqNullSafe(theirs).equalTo(false),
              format_string("%s %s vs %s", lit(fact), render(fact, mine), render(fact, theirs))));
    }
    return concat(lit(conflict + ": "), concat_ws("; ", differences.toArray(Column[]::new)));
  }

  private static Column render(String fact, Column value) {
    Column text = DECIMAL_FACTS.contains(fact) ? Columns.plain(value) : value.cast("string");
    return coalesce(text, lit("null"));
  }
}
