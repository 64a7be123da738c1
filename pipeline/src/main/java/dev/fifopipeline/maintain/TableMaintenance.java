package dev.fifopipeline.maintain;

import dev.fifopipeline.config.MaintainSettings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.DeltaLogFiles;
import dev.fifopipeline.lake.FolderFiles;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * The upkeep of one lake table, in a session {@link MaintainJob} has configured: OPTIMIZE as {@link
 * Optimization} chooses, VACUUM of the files no version of the retention period reads, and a
 * checkpoint of the newest version.
 */
final class TableMaintenance {
  private static final Logger LOG = LoggerFactory.getLogger(TableMaintenance.class);
  private static final String LOG_RETENTION = "delta.logRetentionDuration";

  private final Lake lake;
  private final MaintainSettings settings;
  private final boolean dryRun;

  TableMaintenance(Lake lake, MaintainSettings settings, boolean dryRun) {
    this.lake = lake;
    this.settings = settings;
    this.dryRun = dryRun;
  }

  /** Optimizes, vacuums and checkpoints {@code table}, or in a dry run says what it would do. */
  TableUpkeep upkeep(LakeTable table) {
    long started = System.nanoTime();
    lake.ensureHealthy(table);
    String path = lake.path(table);
    spark().sparkContext().setJobDescription("maintain " + table);
    Row detail =
        DeltaTable.forPath(spark(), path)
            .detail()
            .select("numFiles", "sizeInBytes", "properties")
            .first();
    long files = detail.getLong(0);
    long bytes = detail.getLong(1);
    String logRetention = logRetention(table, detail.<String, String>getJavaMap(2));
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
            logRetention,
            (System.nanoTime() - started) / 1_000_000);
    LOG.info("maintain:{}", upkeep.line(dryRun).substring(1));
    return upkeep;
  }

  /**
   * Gives the table {@code lake.log-retention} as its {@code delta.logRetentionDuration}, unless it
   * has it: tables created before the setting existed keep Delta's 30 days otherwise. Delta deletes
   * the commits older than that at its next checkpoint. Returns the value set (or, in a dry run,
   * that would be), or null when the table has it.
   */
  private String logRetention(LakeTable table, Map<String, String> properties) {
    String wanted = settings.logRetentionProperty();
    if (wanted.equals(properties.get(LOG_RETENTION))) {
      return null;
    }
    if (!dryRun) {
      spark()
          .sql(
              String.format(
                  "ALTER TABLE delta.`%s` SET TBLPROPERTIES ('%s' = '%s')",
                  lake.path(table).replace("`", "``"), LOG_RETENTION, wanted));
    }
    return wanted;
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
      for (FileStatus file : FolderFiles.under(fs, root)) {
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

  private SparkSession spark() {
    return lake.spark();
  }
}
