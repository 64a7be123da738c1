package dev.fifopipeline.lake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;

/**
 * The allocation versions in the lake, from {@code fifo_computation_log}: a version exists once a
 * run of it has logged a symbol (the log is written last), and its method is that of its latest
 * run: a method's label ({@code fifo}) or a method schedule's ({@code fifo;2025=hifo}).
 */
public final class AllocationCatalog {
  private final SortedMap<Integer, String> methods;
  private final Map<Integer, Instant> through;

  private AllocationCatalog(SortedMap<Integer, String> methods, Map<Integer, Instant> through) {
    this.methods = methods;
    this.through = through;
  }

  /** Reads the catalog; empty when nothing was allocated yet. */
  public static AllocationCatalog read(Lake lake) {
    SortedMap<Integer, String> methods = new TreeMap<>();
    Map<Integer, Instant> through = new HashMap<>();
    lake.readIfExists(LakeTable.FIFO_COMPUTATION_LOG)
        .ifPresent(
            log -> {
              Column ledgerThrough =
                  List.of(log.columns()).contains("ledger_through")
                      ? max(col("ledger_through"))
                      : lit(null).cast("timestamp");
              for (Row row :
                  log.groupBy(col("allocation_version"))
                      .agg(max_by(col("method"), col("started_at")).as("method"), ledgerThrough)
                      .collectAsList()) {
                methods.put(row.getInt(0), row.getString(1));
                if (!row.isNullAt(2)) {
                  through.put(row.getInt(0), row.getAs(2));
                }
              }
            });
    return new AllocationCatalog(methods, through);
  }

  /** The versions in the lake, ascending. */
  public SortedSet<Integer> versions() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(methods.keySet()));
  }

  /** Whether {@code version} exists. */
  public boolean exists(int version) {
    return methods.containsKey(version);
  }

  /**
   * The latest {@code lake_ingested_at} any completed run of {@code version} saw: trades landed
   * after it are not in the version yet. Empty for a version without runs or logged by an older
   * release.
   */
  public Optional<Instant> ledgerThrough(int version) {
    return Optional.ofNullable(through.get(version));
  }

  /**
   * The method or method schedule {@code version} was computed with, as its label (readable by
   * {@link dev.fifopipeline.engine.MethodSchedule#parse}), if it exists.
   */
  public Optional<String> method(int version) {
    return Optional.ofNullable(methods.get(version));
  }
}
