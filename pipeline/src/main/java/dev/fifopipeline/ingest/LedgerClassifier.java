package dev.fifopipeline.ingest;

import static dev.fifopipeline.ingest.LedgerNormalizer.DETAILS;
import static dev.fifopipeline.ingest.LedgerNormalizer.REASON;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.spark.Columns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

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
   * @return the normalised columns plus {@link #STATUS}; reason and details filled for every
   *     quarantined row
   */
  static Dataset<Row> classify(Dataset<Row> normalized, Dataset<Row> ledger) {
    Dataset<Row> bad =
        normalized.filter(col(REASON).isNotNull()).withColumn(STATUS, lit(QUARANTINED));
    Dataset<Row> good = normalized.filter(col(REASON).isNull());

    Dataset<Row> ranked =
        good.withColumn(
            "_rank",
            row_number()
                .over(
                    Window.partitionBy("order_id")
                        .orderBy(col("ingested_at").asc_nulls_last(), col(CanonicalColumns.ROW))));
    Dataset<Row> first = ranked.filter(col("_rank").equalTo(1)).drop("_rank");
    Dataset<Row> later = ranked.filter(col("_rank").gt(1)).drop("_rank");

    Dataset<Row> repeats =
        compare(
            later, facts(first, "k_"), "k_", false, "differs from the first row of this order_id");
    Dataset<Row> firsts =
        compare(first, facts(ledger, "l_"), "l_", true, "differs from the ledger's row");

    return bad.unionByName(repeats).unionByName(firsts);
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

  /**
   * Classifies {@code rows} against the {@code other} row of the same order_id: absent (new, only
   * when {@code absentIsNew}), equal facts (unchanged) or different facts (quarantined).
   */
  private static Dataset<Row> compare(
      Dataset<Row> rows, Dataset<Row> other, String prefix, boolean absentIsNew, String conflict) {
    Dataset<Row> joined =
        rows.join(other, rows.col("order_id").equalTo(other.col(prefix + "order_id")), "left");
    Column same = lit(true);
    List<Column> differences = new ArrayList<>();
    for (String fact : CanonicalColumns.FACTS) {
      Column mine = col(fact);
      Column theirs = col(prefix + fact);
      same = same.and(mine.eqNullSafe(theirs));
      differences.add(
          when(
              mine.eqNullSafe(theirs).equalTo(false),
              format_string("%s %s vs %s", lit(fact), render(fact, mine), render(fact, theirs))));
    }
    Column absent = col(prefix + "order_id").isNull();
    Column status =
        when(absent, lit(absentIsNew ? NEW : UNCHANGED))
            .when(same, lit(UNCHANGED))
            .otherwise(lit(QUARANTINED));
    Column quarantined = absent.equalTo(false).and(same.equalTo(false));
    Dataset<Row> classified =
        joined
            .withColumn(STATUS, status)
            .withColumn(REASON, when(quarantined, lit("conflicting_duplicate")))
            .withColumn(
                DETAILS,
                when(
                    quarantined,
                    concat(
                        lit(conflict + ": "),
                        concat_ws("; ", differences.toArray(Column[]::new)))));
    List<Column> output = new ArrayList<>();
    for (String name : rows.columns()) {
      output.add(col(name));
    }
    output.add(col(STATUS));
    return classified.select(output.toArray(Column[]::new));
  }

  private static Column render(String fact, Column value) {
    Column text = DECIMAL_FACTS.contains(fact) ? Columns.plain(value) : value.cast("string");
    return coalesce(text, lit("null"));
  }
}
