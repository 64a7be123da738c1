package dev.fifopipeline.spark;

import dev.fifopipeline.config.SparkSettings;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Spark settings sized to what a command reads. On small inputs Spark's fixed costs dominate:
 * compiling every query stage to Java, reconstructing each Delta table's state with a shuffle, and
 * running 8 tasks per shuffle where one would do; on a few thousand rows these take seconds and the
 * work itself milliseconds. A command whose inputs take less than {@code pipeline.small-lake-below}
 * on disk therefore runs interpreted, on one partition ({@link #SMALL}); a bigger one gets {@code
 * spark.conf} as configured, and the codegen settings Spark ships with ({@link #COMPILED}) where
 * the user gave none, so that a session shared by several commands (tests, the prompt) never keeps
 * the small settings of an earlier command.
 */
public final class SmallInputs {
  /**
   * Interpreted evaluation on one partition, planned once: adaptive execution, which re-plans a
   * query at every shuffle and runs each shuffle as a job of its own, has nothing to adapt on one
   * partition.
   */
  public static final Map<String, String> SMALL =
      Map.of(
          "spark.sql.codegen.wholeStage", "false",
          "spark.sql.codegen.factoryMode", "NO_CODEGEN",
          "spark.sql.shuffle.partitions", "1",
          "spark.databricks.delta.snapshotPartitions", "1",
          "spark.sql.adaptive.enabled", "false");

  /**
   * Spark's own values of the codegen settings that {@link #SMALL} changes and {@code
   * reference.conf} does not set.
   */
  static final Map<String, String> COMPILED =
      Map.of("spark.sql.codegen.wholeStage", "true", "spark.sql.codegen.factoryMode", "FALLBACK");

  private SmallInputs() {}

  /**
   * {@code spark} with {@link #SMALL} added when the files under {@code inputs} take less than
   * {@code limitBytes} together, else with {@link #COMPILED} as defaults.
   *
   * @param inputs folders, files or globs, local paths or URIs; one that matches nothing counts 0
   *     bytes
   * @param limitBytes 0 or less: never small
   * @return settings for the session; an input whose size cannot be read without the session (a
   *     remote store needing its credentials) makes the inputs count as large
   */
  public static SparkSettings settingsFor(
      SparkSettings spark, long limitBytes, List<String> inputs) {
    return isSmall(limitBytes, inputs) ? spark.with(SMALL) : compiled(spark);
  }

  /**
   * {@code spark} for inputs of unknown size: as configured, with {@link #COMPILED} as defaults.
   */
  public static SparkSettings compiled(SparkSettings spark) {
    return spark.withDefaults(COMPILED);
  }

  /** Whether the files under {@code inputs} take less than {@code limitBytes} together. */
  static boolean isSmall(long limitBytes, List<String> inputs) {
    if (limitBytes <= 0) {
      return false;
    }
    long bytes = 0;
    try {
      Configuration hadoop = new Configuration();
      for (String input : inputs) {
        Path path = new Path(input);
        FileSystem fs = path.getFileSystem(hadoop);
        FileStatus[] matches = fs.globStatus(path);
        for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
          // a walk that stops at the limit: a large lake is not listed to its end
          RemoteIterator<LocatedFileStatus> files = fs.listFiles(match.getPath(), true);
          while (files.hasNext()) {
            bytes += files.next().getLen();
            if (bytes >= limitBytes) {
              return false;
            }
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    return true;
  }
}
