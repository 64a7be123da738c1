package dev.fifopipeline.lake;

import static org.apache.spark.sql.functions.col;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which symbols' rows changed in some lake tables between two commits of each, from Delta's change
 * data feed: what lets validate and report redo only the symbols a run changed.
 */
public final class ChangedSymbols {
  private static final Logger LOG = LoggerFactory.getLogger(ChangedSymbols.class);

  private ChangedSymbols() {}

  /** The latest commit of each of {@code tables}, in their order. */
  public static Map<LakeTable, Long> latestCommits(Lake lake, List<LakeTable> tables) {
    Map<LakeTable, Long> commits = new EnumMap<>(LakeTable.class);
    for (LakeTable table : tables) {
      commits.put(table, lake.latestCommit(table));
    }
    return commits;
  }

  /**
   * The symbols whose rows of allocation version {@code version} changed in any table of {@code
   * since} after the commit given there, up to its commit in {@code now} (the ledger, {@code
   * trade_records}, has no version: any of its changed rows counts).
   *
   * @param run names the run in the log, e.g. {@code "validate v3"}
   * @return empty when the feed cannot tell (a table now older than its commit in {@code since}, a
   *     range without the change data feed): every symbol must then be taken as changed
   */
  public static Optional<Set<String>> between(
      Lake lake, int version, Map<LakeTable, Long> since, Map<LakeTable, Long> now, String run) {
    Set<String> changed = new TreeSet<>();
    for (Map.Entry<LakeTable, Long> entry : since.entrySet()) {
      LakeTable table = entry.getKey();
      long from = entry.getValue();
      long to = now.get(table);
      if (to < from) {
        LOG.info("{}: {} is older than its commit {}: every symbol", run, table, from);
        return Optional.empty();
      }
      if (lake.unchangedSince(table, from)) {
        continue; // no commit since, or only housekeeping: no row changed
      }
      try {
        Dataset<Row> rows = lake.changes(table, from + 1, to);
        if (table != LakeTable.TRADE_RECORDS) {
          rows = rows.filter(col("allocation_version").equalTo(version));
        }
        for (Row row : rows.select("symbol").distinct().collectAsList()) {
          changed.add(row.getString(0));
        }
      } catch (Exception e) { // Delta's AnalysisException is checked in Java's eyes, thrown anyway
        LOG.info(
            "{}: {} cannot list its changes since commit {} ({}): every symbol",
            run,
            table,
            from,
            e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
        return Optional.empty();
      }
    }
    return Optional.of(changed);
  }
}
