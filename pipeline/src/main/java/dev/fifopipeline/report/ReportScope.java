package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Names;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;

/**
 * The symbols of a version a report recomputes: every symbol, or those whose allocations or open
 * lots changed since the last {@code report all} (see {@link ReportState}).
 *
 * @param symbols the changed symbols, or empty for all
 * @param read the commit of fifo_allocations and fifo_inventory_snapshot the report reads
 */
record ReportScope(Optional<Set<String>> symbols, Map<LakeTable, Long> read) {
  /** Whether every symbol is recomputed. */
  boolean all() {
    return symbols.isEmpty();
  }

  /** Rows of the recomputed symbols. */
  Column filter() {
    return symbols.map(s -> col("symbol").isin(s.toArray())).orElse(lit(true));
  }

  /** Rows of the symbols kept from the last report. */
  Column kept() {
    return symbols.map(s -> col("symbol").isin(s.toArray()).equalTo(false)).orElse(lit(false));
  }

  /** The SQL predicate of the recomputed rows of {@code version}. */
  String predicate(int version) {
    String ofVersion = "allocation_version = " + version;
    return symbols.map(s -> ofVersion + " AND " + Names.inList("symbol", s)).orElse(ofVersion);
  }

  /** What the log says of the scope. */
  String describe() {
    return symbols
        .map(s -> s.size() + (s.size() == 1 ? " changed symbol" : " changed symbols"))
        .orElse("every symbol");
  }
}
