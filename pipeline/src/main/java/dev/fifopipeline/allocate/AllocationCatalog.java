package dev.fifopipeline.allocate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * The allocation versions in the lake, from {@code fifo_computation_log}: a version exists once a
 * run of it has logged a symbol (the log is written last), and its method is that of its latest
 * run.
 */
public final class AllocationCatalog {
  private final SortedMap<Integer, String> methods;

  private AllocationCatalog(SortedMap<Integer, String> methods) {
    this.methods = methods;
  }

  /** Reads the catalog; empty when nothing was allocated yet. */
  public static AllocationCatalog read(Lake lake) {
    SortedMap<Integer, String> methods = new TreeMap<>();
    lake.readIfExists(LakeTable.FIFO_COMPUTATION_LOG)
        .ifPresent(
            log -> {
              for (Row row :
                  log.groupBy(col("allocation_version"))
                      .agg(max_by(col("method"), col("started_at")).as("method"))
                      .collectAsList()) {
                methods.put(row.getInt(0), row.getString(1));
              }
            });
    return new AllocationCatalog(methods);
  }

  /** The versions in the lake, ascending. */
  public SortedSet<Integer> versions() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(methods.keySet()));
  }

  /** Whether {@code version} exists. */
  public boolean exists(int version) {
    return methods.containsKey(version);
  }

  /** The method {@code version} was computed with, if it exists. */
  public Optional<String> method(int version) {
    return Optional.ofNullable(methods.get(version));
  }
}
