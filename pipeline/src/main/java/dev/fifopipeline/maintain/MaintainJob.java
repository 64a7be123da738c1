package dev.fifopipeline.maintain;

import dev.fifopipeline.config.MaintainSettings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.DeltaLogFiles;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
      TableMaintenance maintenance = new TableMaintenance(lake, settings, dryRun);
      List<TableUpkeep> tables = new ArrayList<>();
      for (LakeTable table : lake.existingTables()) {
        tables.add(maintenance.upkeep(table));
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
}
