package dev.fifopipeline.validate;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.allocate.RunRow;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A version's totals, checked on every validate however few symbols it proves again: the allocation
 * rows stored must be the rows the latest run of each symbol produced.
 *
 * @param symbols (account, symbol) groups in the version's computation log
 * @param stored allocation rows of the version in the lake
 * @param logged allocation rows the latest succeeded run of each group logged
 */
record Totals(long symbols, long stored, long logged) {
  /** The totals of a version's {@code log} and {@code allocations} rows. */
  static Totals of(Dataset<Row> log, Dataset<Row> allocations) {
    Row row =
        log.groupBy("account", "symbol")
            .agg(
                max_by(col("allocations"), col("started_at")).as("rows"),
                max_by(col("status"), col("started_at")).as("status"))
            .agg(
                count(lit(1)),
                coalesce(
                    sum(when(col("status").equalTo(RunRow.SUCCEEDED), col("rows")).otherwise(0L)),
                    lit(0L)))
            .first();
    return new Totals(row.getLong(0), allocations.count(), row.getLong(1));
  }

  /** The breach message when the stored rows are not the logged ones. */
  String mismatch() {
    return String.format(
        "the version holds %,d allocation rows but the latest runs of its symbols produced %,d"
            + " (rows were added or removed outside allocate: validate --deep names them)",
        stored, logged);
  }
}
