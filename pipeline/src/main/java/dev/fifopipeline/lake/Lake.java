package dev.fifopipeline.lake;

import dev.fifopipeline.error.Errors;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Delta tables under {@code lake.path}: where each lives and reading them. Jobs write them
 * through a {@link LakeWrite} ({@link #beginWrite}), in one of three ways (replace a slice, append,
 * delete); every write is one Delta commit.
 */
public final class Lake {
  private static final Logger LOG = LoggerFactory.getLogger(Lake.class);
  private static final String CHANGE_FEED = "delta.enableChangeDataFeed";

  private final SparkSession spark;
  private final String root;
  private final CrashPoints crashPoints;
  private final java.util.Set<LakeTable> checked =
      java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Map<LakeTable, Long> pinned; // read at this commit; -1: not written yet

  /**
   * @param spark the session
   * @param root the lake folder: an absolute local path or a Hadoop URI
   */
  public Lake(SparkSession spark, String root) {
    this(spark, root, CrashPoints.NONE);
  }

  /**
   * @param spark the session
   * @param root the lake folder: an absolute local path or a Hadoop URI
   * @param crashPoints where the jobs writing this lake may be made to die
   */
  public Lake(SparkSession spark, String root, CrashPoints crashPoints) {
    this(spark, root, crashPoints, Map.of());
  }

  private Lake(
      SparkSession spark, String root, CrashPoints crashPoints, Map<LakeTable, Long> pinned) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.crashPoints = crashPoints;
    this.pinned = pinned;
  }

  /**
   * This lake for a command that only reads it. While a run is writing the lake, or after one died
   * writing it, the tables as they were before that run: each at the commit the run's journal
   * record names, a table the run created as not written yet; so the command never sees half a run.
   * Otherwise this lake. It undoes nothing (the next writing command does) and cannot be written.
   */
  public Lake asBeforeUnfinishedRun() {
    Optional<LakeJournal.Unfinished> unfinished = LakeJournal.of(this).unfinished();
    if (unfinished.isEmpty()) {
      return this;
    }
    LOG.warn(
        "reading the lake as it was before the unfinished run '{}' (started {}): its writes are"
            + " not shown",
        unfinished.get().run(),
        unfinished.get().started());
    return new Lake(spark, root, crashPoints, unfinished.get().versions());
  }

  /** The crash points the jobs writing this lake pass ({@link CrashPoints#NONE} in production). */
  public CrashPoints crashPoints() {
    return crashPoints;
  }

  /** The lake folder. */
  public String root() {
    return root;
  }

  /** The session the lake is read with. */
  public SparkSession spark() {
    return spark;
  }

  /** Where {@code table} lives. */
  public String path(LakeTable table) {
    return root + "/" + table.tableName();
  }

  /**
   * Starts a run's writes to {@code tables}, all or nothing (see {@link LakeWrite}), first undoing
   * an interrupted run if there is one.
   *
   * @param run what the run is, for the log and the journal ("allocate v1")
   */
  public LakeWrite beginWrite(String run, List<LakeTable> tables) {
    if (!pinned.isEmpty()) {
      throw new IllegalStateException("a lake read as before an unfinished run is not written");
    }
    return new LakeWrite(this, run, tables);
  }

  /**
   * Restores the tables an interrupted run was writing, if one was: every command calls this before
   * it reads, so it never sees half a run.
   *
   * @return the run that was undone, if any
   */
  public Optional<String> undoInterruptedRun() {
    return Optional.ofNullable(LakeJournal.of(this).recover());
  }

  /** Whether a run died mid-write and left its journal record behind. */
  public boolean hasInterruptedRun() {
    return LakeJournal.of(this).interrupted();
  }

  /** Whether {@code table} has been written: its Delta log has a commit or a checkpoint. */
  public boolean exists(LakeTable table) {
    if (pinned.containsKey(table)) {
      return pinned.get(table) >= 0;
    }
    try {
      Path log = new Path(path(table), "_delta_log");
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return fs.exists(log) && DeltaLogFiles.newestCommit(fs, log) >= 0;
    } catch (IOException | RuntimeException e) {
      throw Errors.lakeUnreadable(path(table), e);
    }
  }

  /**
   * The latest commit of {@code table}, from the file names in its {@code _delta_log} (no log
   * replay); -1 when the table has not been written.
   */
  public long latestCommit(LakeTable table) {
    if (pinned.containsKey(table)) {
      return pinned.get(table);
    }
    return newestCommit(table);
  }

  /**
   * The newest commit in {@code table}'s {@code _delta_log}, whatever this lake is pinned to; -1
   * when the table has not been written.
   */
  long newestCommit(LakeTable table) {
    Path log = new Path(path(table), DeltaLogFiles.LOG);
    try {
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return DeltaLogFiles.newestCommit(fs, log);
    } catch (IOException | RuntimeException e) {
      throw Errors.lakeUnreadable(path(table), e);
    }
  }

  /**
   * Whether {@code table} holds the rows it held at {@code commit}: every commit since is
   * housekeeping (OPTIMIZE, VACUUM; see {@link DeltaLogFiles}), or there is none.
   */
  public boolean unchangedSince(LakeTable table, long commit) {
    Path log = new Path(path(table), DeltaLogFiles.LOG);
    try {
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      return DeltaLogFiles.housekeepingSince(
          commit,
          latestCommit(table),
          file -> {
            try (java.io.InputStream in = fs.open(new Path(log, file))) {
              return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
          });
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The rows that commits {@code from} to {@code to} (inclusive) of {@code table} inserted, deleted
   * or updated, from Delta's change data feed, with its {@code _change_type} column.
   *
   * @throws org.apache.spark.sql.AnalysisException (as Spark throws it, unchecked in effect) when
   *     the table did not record changes for the whole range
   */
  public Dataset<Row> changes(LakeTable table, long from, long to) {
    return spark
        .read()
        .format("delta")
        .option("readChangeFeed", "true")
        .option("startingVersion", from)
        .option("endingVersion", to)
        .load(path(table));
  }

  /**
   * Turns on Delta's change data feed on the tables that keep one ({@link
   * LakeSchemas#recordsChanges}) where an older release created them without it: validate learns
   * from it which symbols changed since they were last proven.
   */
  public void enableChangeFeeds() {
    for (LakeTable table : LakeTable.values()) {
      if (LakeSchemas.recordsChanges(table) && exists(table)) {
        enableChangeFeed(table);
      }
    }
  }

  private void enableChangeFeed(LakeTable table) {
    Row detail = DeltaTable.forPath(spark, path(table)).detail().select("properties").first();
    java.util.Map<String, String> properties = detail.getJavaMap(0);
    if (!"true".equals(properties.get(CHANGE_FEED))) {
      spark.sql(
          "ALTER TABLE delta.`"
              + path(table).replace("`", "``")
              + "` SET TBLPROPERTIES ("
              + CHANGE_FEED
              + " = true)");
    }
  }

  /** The tables written so far, in declaration order. */
  public List<LakeTable> existingTables() {
    List<LakeTable> tables = new ArrayList<>();
    for (LakeTable table : LakeTable.values()) {
      if (exists(table)) {
        tables.add(table);
      }
    }
    return tables;
  }

  /** {@code table}, if it has been written. */
  public Optional<Dataset<Row>> readIfExists(LakeTable table) {
    return exists(table) ? Optional.of(load(table)) : Optional.empty();
  }

  /** {@code table}, or an empty frame with its schema when it has not been written yet. */
  public Dataset<Row> read(LakeTable table) {
    return readIfExists(table).orElseGet(() -> empty(LakeSchemas.of(table)));
  }

  /** An empty frame of {@code schema}. */
  public Dataset<Row> empty(StructType schema) {
    return spark.createDataFrame(List.of(), schema);
  }

  /**
   * Creates the lake folder if needed and checks it can be written.
   *
   * @throws dev.fifopipeline.error.PipelineException (environment) when it cannot
   */
  public void ensureWritable() {
    try {
      Path path = new Path(root);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.mkdirs(path);
      Path probe = new Path(path, ".write-probe-" + ProcessHandle.current().pid());
      fs.create(probe, true).close();
      fs.delete(probe, false);
    } catch (IOException | RuntimeException e) {
      throw Errors.lakeUnwritable(root, e);
    }
  }

  /**
   * Replaces the rows of {@code table} matching {@code predicate} with {@code rows}, in one commit;
   * creates the table when it does not exist. Every row written must match the predicate.
   */
  void replace(LakeTable table, Dataset<Row> rows, String predicate) {
    write(table, rows, SaveMode.Overwrite, predicate);
  }

  /** Deletes the rows of {@code table} matching {@code predicate} (SQL), in one commit. */
  void delete(LakeTable table, String predicate) {
    ensureHealthy(table);
    DeltaTable.forPath(spark, path(table)).delete(predicate);
  }

  /** Appends {@code rows} to {@code table} in one commit, creating it when needed. */
  void append(LakeTable table, Dataset<Row> rows) {
    write(table, rows, SaveMode.Append, null);
  }

  /**
   * Writes {@code rows} to {@code table} in one commit with {@code mode}, replacing the rows that
   * match {@code replaceWhere} when it is given; creates the table when it does not exist.
   */
  private void write(LakeTable table, Dataset<Row> rows, SaveMode mode, String replaceWhere) {
    rows = conform(table, rows);
    ensureHealthy(table);
    if (!exists(table)) {
      create(table, rows);
      return;
    }
    DataFrameWriter<Row> writer =
        rows.write()
            .format("delta")
            .mode(mode)
            .option("mergeSchema", "true"); // a lake written by an older release gains new columns
    if (replaceWhere != null) {
      writer = writer.option("replaceWhere", replaceWhere);
    }
    writer.save(path(table));
  }

  private void create(LakeTable table, Dataset<Row> rows) {
    var writer = rows.write().format("delta").mode(SaveMode.Append);
    if (LakeSchemas.recordsChanges(table)) {
      writer = writer.option(CHANGE_FEED, "true");
    }
    List<String> partitions = LakeSchemas.partitionColumns(table);
    if (!partitions.isEmpty()) {
      writer = writer.partitionBy(partitions.toArray(String[]::new));
    }
    writer.save(path(table));
  }

  /**
   * Checks, once per table and lake instance, that an existing table's log and files are whole
   * before a command trusts them (see {@link TableHealth}).
   *
   * @throws dev.fifopipeline.error.PipelineException (environment) for a damaged table
   */
  public void ensureHealthy(LakeTable table) {
    if (!checked.contains(table) && exists(table)) {
      TableHealth.check(this, table);
      checked.add(table);
    }
  }

  private Dataset<Row> load(LakeTable table) {
    ensureHealthy(table);
    try {
      DataFrameReader reader = spark.read().format("delta");
      if (pinned.containsKey(table)) {
        reader = reader.option("versionAsOf", pinned.get(table));
      }
      return reader.load(path(table));
    } catch (Exception e) { // includes AnalysisException, checked in Java's eyes
      throw Errors.lakeUnreadable(path(table), e);
    }
  }

  /**
   * {@code rows} with exactly the table's columns, in its order and types.
   *
   * @throws IllegalStateException when a column is missing: a bug in the job
   */
  public static Dataset<Row> conform(LakeTable table, Dataset<Row> rows) {
    StructType schema = LakeSchemas.of(table);
    List<String> present = List.of(rows.columns());
    Column[] columns = new Column[schema.size()];
    for (int i = 0; i < schema.size(); i++) {
      StructField field = schema.fields()[i];
      if (!present.contains(field.name())) {
        throw new IllegalStateException(
            table + " rows lack column " + field.name() + ": " + present);
      }
      columns[i] = rows.col(field.name()).cast(field.dataType()).as(field.name());
    }
    return rows.select(columns);
  }
}
