package dev.fifopipeline.maintain;

import dev.fifopipeline.config.MaintainSettings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.DeltaLogFiles;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Upkeep of every lake table: OPTIMIZE (compaction, or Z-order by symbol, see {@link
 * Optimization}), VACUUM of the files no version of the retention period reads, and a checkpoint of
 * the newest version, so that neither readers nor the every-few-minutes schedule slow down as small
 * files and commits pile up. Every commit it makes changes no row: OPTIMIZE rewrites files with
 * {@code dataChange = false} and VACUUM only deletes files no longer read, so the pipeline's
 * incremental state (see {@link DeltaLogFiles#housekeepingSince}) stays valid.
 */
public final class MaintainJob {
  private static final Logger LOG = LoggerFactory.getLogger(MaintainJob.class);

  private final Lake lake;
  private final MaintainSettings settings;
  private final boolean dryRun;

  /**
   * @param dryRun change nothing: say what would be done
   */
  public MaintainJob(Lake lake, MaintainSettings settings, boolean dryRun) {
    this.lake = lake;
    this.settings = settings;
    this.dryRun = dryRun;
  }

  /**
   * Refuses a retention shorter than {@link MaintainSettings#SAFE_RETENTION} unless allowed; called
   * before Spark starts.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage)
   */
  public static void checkRetention(MaintainSettings settings) {
    if (settings.shortRetention() && !settings.allowShortRetention()) {
      throw Errors.shortRetention(settings.vacuumRetention(), MaintainSettings.SAFE_RETENTION);
    }
  }

  /**
   * Maintains every table written so far, after undoing an interrupted run (whose recovery needs
   * the files VACUUM would otherwise be free to delete).
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) for a short retention not allowed;
   *     (environment) for a damaged table, which is left alone
   */
  public MaintainResult run() {
    checkRetention(settings);
    long started = System.nanoTime();
    SparkSession spark = lake.spark();
    if (!dryRun) {
      lake.undoInterruptedRun();
    }
    spark.sparkContext().setJobGroup("maintain", "maintain", false);
    Map<String, String> previous = configure(spark);
    try {
      List<TableUpkeep> tables = new ArrayList<>();
      for (LakeTable table : lake.existingTables()) {
        tables.add(upkeep(table));
      }
      MaintainResult result =
          new MaintainResult(
              dryRun,
              settings.vacuumRetention(),
              tables,
              (System.nanoTime() - started) / 1_000_000);
      LOG.info("{}", result.lines().get(result.lines().size() - 1));
      return result;
    } finally {
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              spark.conf().unset(key);
            } else {
              spark.conf().set(key, value);
            }
          });
      spark.sparkContext().clearJobGroup();
    }
  }

  private TableUpkeep upkeep(LakeTable table) {
    long started = System.nanoTime();
    lake.ensureHealthy(table);
    String path = lake.path(table);
    spark().sparkContext().setJobDescription("maintain " + table);
    Row detail =
        DeltaTable.forPath(spark(), path).detail().select("numFiles", "sizeInBytes").first();
    long files = detail.getLong(0);
    long bytes = detail.getLong(1);
    Optimization optimization = Optimization.choose(table, files, bytes, settings);
    long after = files;
    if (!dryRun && optimization != Optimization.NONE) {
      var optimize = DeltaTable.forPath(spark(), path).optimize();
      Row metrics =
          (optimization == Optimization.ZORDER
                  ? optimize.executeZOrderBy("symbol")
                  : optimize.executeCompaction())
              .select("metrics.numFilesAdded", "metrics.numFilesRemoved")
              .first();
      after = files + metrics.getLong(0) - metrics.getLong(1);
    }
    long vacuumed = vacuum(table);
    long checkpoint = checkpoint(table);
    TableUpkeep upkeep =
        new TableUpkeep(
            table,
            files,
            bytes,
            optimization,
            after,
            vacuumed,
            checkpoint,
            (System.nanoTime() - started) / 1_000_000);
    LOG.info("maintain:{}", upkeep.line(dryRun).substring(1));
    return upkeep;
  }

  /** Deletes (or, in a dry run, lists) the files no version of the retention period reads. */
  private long vacuum(LakeTable table) {
    if (!anyFileOlderThanRetention(table)) {
      return 0;
    }
    double hours = settings.vacuumRetention().toMillis() / 3_600_000.0;
    String sql =
        String.format(
            "VACUUM delta.`%s` RETAIN %s HOURS%s",
            lake.path(table).replace("`", "``"), hours, dryRun ? " DRY RUN" : "");
    if (dryRun) {
      return spark().sql(sql).count();
    }
    // Delta prints "Deleted n files and directories ..." to the console: standard output is ours
    scala.Console.withOut(
        java.io.OutputStream.nullOutputStream(),
        (scala.Function0<Object>) () -> spark().sql(sql).collectAsList());
    // VACUUM records what it deleted in its closing commit
    Row last =
        DeltaTable.forPath(spark(), lake.path(table))
            .history(1)
            .select("operation", "operationMetrics")
            .first();
    if (!"VACUUM END".equals(last.getString(0)) || last.isNullAt(1)) {
      return 0;
    }
    Map<String, String> metrics = last.getJavaMap(1);
    return Long.parseLong(metrics.getOrDefault("numDeletedFiles", "0"));
  }

  /**
   * Whether the table's folder holds a file (outside its log) written before the retention period.
   * VACUUM deletes only such files: a file no version reads any more is deleted once its removal is
   * older than the retention, and it was written before it was removed; a file no commit names
   * (left by a failed write) once it is itself older. A table all of whose files are younger, every
   * table of a lake in its first week, has nothing to vacuum, and is spared VACUUM's listing job
   * and its two commits.
   */
  private boolean anyFileOlderThanRetention(LakeTable table) {
    long horizon = System.currentTimeMillis() - settings.vacuumRetention().toMillis();
    Path root = new Path(lake.path(table));
    try {
      FileSystem fs = root.getFileSystem(spark().sparkContext().hadoopConfiguration());
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        LocatedFileStatus file = files.next();
        if (file.getModificationTime() < horizon && !inLog(root, file.getPath())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw Errors.lakeUnreadable(lake.path(table), e);
    }
  }

  private static boolean inLog(Path root, Path file) {
    for (Path p = file.getParent(); p != null && p.depth() > root.depth(); p = p.getParent()) {
      if (p.getName().equals(DeltaLogFiles.LOG)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes a checkpoint of the newest version, unless it has one, so that a reader replays no
   * commit. Returns the version, or -1 when it already had one.
   */
  private long checkpoint(LakeTable table) {
    Path log = new Path(lake.path(table), DeltaLogFiles.LOG);
    long newest = lake.latestCommit(table);
    try {
      FileSystem fs = log.getFileSystem(spark().sparkContext().hadoopConfiguration());
      if (DeltaLogFiles.lastCheckpoint(fs, log) == newest) {
        return -1;
      }
    } catch (IOException e) {
      throw Errors.lakeUnreadable(lake.path(table), e);
    }
    if (!dryRun) {
      DeltaLog delta = DeltaLog.forTable(spark(), lake.path(table));
      delta.checkpoint(delta.update(false, Option.empty(), Option.empty()), Option.empty());
    }
    return newest;
  }

  /**
   * Sets the session for maintenance and returns what to restore: Delta's own retention check off
   * (the retention was checked above, against the pipeline's needs), OPTIMIZE's file sizes, and
   * VACUUM's listing parallelism.
   */
  private Map<String, String> configure(SparkSession spark) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("spark.databricks.delta.retentionDurationCheck.enabled", "false");
    values.put(
        "spark.databricks.delta.optimize.maxFileSize", String.valueOf(settings.targetFileBytes()));
    values.put(
        "spark.databricks.delta.optimize.minFileSize", String.valueOf(settings.targetFileBytes()));
    // VACUUM lists the table's folders in a Spark job of this many tasks, 10,000 by default: on
    // two cores that alone took 139 s for a two-file table; the cluster's cores suffice
    values.put(
        "spark.sql.sources.parallelPartitionDiscovery.parallelism",
        String.valueOf(Math.max(1, spark.sparkContext().defaultParallelism())));
    Map<String, String> previous = new LinkedHashMap<>();
    values.forEach(
        (key, value) -> {
          previous.put(key, spark.conf().getOption(key).getOrElse(() -> null));
          spark.conf().set(key, value);
        });
    return previous;
  }

  private SparkSession spark() {
    return lake.spark();
  }
}
