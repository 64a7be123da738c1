package dev.fifopipeline.lake;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run's writes to the lake, all or nothing: the only way a job writes a Delta table. {@link
 * Lake#beginWrite} records the current version of the tables the run names (see {@link
 * LakeJournal}); the writes go through this object, to those tables only, one Delta commit each;
 * {@link #commit} forgets the record. A write closed without a commit (an exception, or the process
 * dying) leaves the record behind, and the next run that reads or writes the lake first undoes what
 * this one wrote ({@link Lake#undoInterruptedRun}).
 *
 * <pre>{@code
 * try (LakeWrite write = lake.beginWrite("allocate v1", tables)) {
 *   write.replace(LakeTable.FIFO_ALLOCATIONS, rows, "allocation_version = 1");
 *   write.append(LakeTable.FIFO_COMPUTATION_LOG, log);
 *   write.commit();
 * }
 * }</pre>
 */
public final class LakeWrite implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LakeWrite.class);

  private final Lake lake;
  private final String run;
  private final Set<LakeTable> tables;
  private boolean committed;

  LakeWrite(Lake lake, String run, List<LakeTable> tables) {
    this.lake = lake;
    this.run = run;
    this.tables = tables.isEmpty() ? EnumSet.noneOf(LakeTable.class) : EnumSet.copyOf(tables);
    LakeJournal.of(lake).begin(run, tables);
  }

  /**
   * Replaces the rows of {@code table} matching {@code predicate} (SQL) with {@code rows}; creates
   * the table when it does not exist. Every row written must match the predicate.
   */
  public void replace(LakeTable table, Dataset<Row> rows, String predicate) {
    lake.replace(named(table), rows, predicate);
  }

  /** Appends {@code rows} to {@code table}, creating it when needed. */
  public void append(LakeTable table, Dataset<Row> rows) {
    lake.append(named(table), rows);
  }

  /** Deletes the rows of {@code table} matching {@code predicate} (SQL). */
  public void delete(LakeTable table, String predicate) {
    lake.delete(named(table), predicate);
  }

  /** Every write of the run is done: the next run keeps them. */
  public void commit() {
    LakeJournal.of(lake).commit();
    committed = true;
  }

  /** Without {@link #commit}, leaves the record for the next run to undo this run's writes. */
  @Override
  public void close() {
    if (!committed) {
      LOG.warn("'{}' stopped before all its writes were done: the next run undoes them", run);
    }
  }

  private LakeTable named(LakeTable table) {
    if (committed) {
      throw new IllegalStateException(run + " wrote " + table + " after its commit");
    }
    if (!tables.contains(table)) {
      throw new IllegalStateException(run + " wrote " + table + ", not among " + tables);
    }
    return table;
  }
}
