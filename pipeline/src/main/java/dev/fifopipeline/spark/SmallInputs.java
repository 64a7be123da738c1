package dev.fifopipeline.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fifopipeline.config.SparkSettings;
import dev.fifopipeline.lake.DeltaLogFiles;
import dev.fifopipeline.lake.ForklessLocalFileSystem;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Spark settings sized to what a command reads. On small inputs Spark's fixed costs dominate:
 * compiling every query stage to Java, reconstructing each Delta table's state with a shuffle, and
 * running 8 tasks per shuffle where one would do; on a few thousand rows these take seconds and the
 * work itself milliseconds. A command whose inputs take less than {@code pipeline.small-lake-below}
 * (a Delta table: its current version) therefore runs interpreted, on one partition ({@link
 * #SMALL}); a bigger one gets {@code spark.conf} as configured, and the codegen settings Spark
 * ships with ({@link #COMPILED}) where the user gave none, so that a session shared by several
 * commands (tests, the prompt) never keeps the small settings of an earlier command.
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

  private static final ObjectMapper JSON = new ObjectMapper();

  /** For {@link #bytesUpTo}: count every file, whenever it was modified. */
  private static final long EVERY_FILE = Long.MIN_VALUE;

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
   * {@code spark} for a nightly that refreshes what the last complete nightly left at {@code
   * since}: with {@link #SMALL} when {@code lake} takes less than {@code refreshLimitBytes} and the
   * files of {@code source} modified after {@code since} less than {@code limitBytes}, since such a
   * run reads the changed symbols and the new rows; otherwise as {@link #settingsFor} sizes the
   * lake and the whole source. A file whose modification time predates its landing (copied with its
   * times kept) counts as read before: this only sizes the session.
   *
   * @param refreshLimitBytes 0 or less: as {@link #settingsFor}
   */
  public static SparkSettings settingsForRefresh(
      SparkSettings spark,
      long limitBytes,
      long refreshLimitBytes,
      String lake,
      String source,
      Instant since) {
    if (refreshLimitBytes > 0
        && limitBytes > 0
        && isSmall(refreshLimitBytes, List.of(lake))
        && writtenSince(source, since, limitBytes) < limitBytes) {
      return spark.with(SMALL);
    }
    return settingsFor(spark, limitBytes, List.of(source, lake));
  }

  /**
   * The bytes of the files under {@code input} (a file, folder or glob) modified after {@code
   * since}, counted until they reach {@code limitBytes}; {@code limitBytes} when they cannot be
   * listed.
   */
  static long writtenSince(String input, Instant since, long limitBytes) {
    try {
      return bytesUpTo(List.of(input), limitBytes, since.toEpochMilli());
    } catch (IOException | RuntimeException e) {
      return limitBytes;
    }
  }

  /**
   * {@code spark} for inputs of unknown size: as configured, with {@link #COMPILED} as defaults.
   */
  public static SparkSettings compiled(SparkSettings spark) {
    return spark.withDefaults(COMPILED);
  }

  /**
   * Whether what {@code inputs} hold takes less than {@code limitBytes} together: a Delta table
   * counts the size of its current version (its newest checksum's {@code tableSizeBytes}), not the
   * files earlier versions left until VACUUM, which on a lake refreshed every few minutes soon
   * outweigh it; anything else counts every file.
   */
  public static boolean isSmall(long limitBytes, List<String> inputs) {
    if (limitBytes <= 0) {
      return false;
    }
    try {
      return bytesUpTo(inputs, limitBytes, EVERY_FILE) < limitBytes;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * What the files under {@code inputs} (files, folders or globs) hold, counted only until the sum
   * reaches {@code limitBytes}: every file, a Delta table at its current version ({@link
   * #EVERY_FILE}); or only the files modified after {@code sinceMillis}.
   */
  private static long bytesUpTo(List<String> inputs, long limitBytes, long sinceMillis)
      throws IOException {
    long bytes = 0;
    Configuration hadoop = ForklessLocalFileSystem.withDefaults(new Configuration());
    for (String input : inputs) {
      Path path = new Path(input);
      FileSystem fs = path.getFileSystem(hadoop);
      FileStatus[] matches = fs.globStatus(path);
      for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
        bytes = countUpTo(fs, match, limitBytes, sinceMillis, bytes);
        if (bytes >= limitBytes) {
          return bytes;
        }
      }
    }
    return bytes;
  }

  /**
   * {@code counted} plus what {@code status} holds (as {@link #bytesUpTo} counts), counted only
   * until the sum reaches {@code limitBytes}: a large lake is not listed to its end.
   */
  private static long countUpTo(
      FileSystem fs, FileStatus status, long limitBytes, long sinceMillis, long counted)
      throws IOException {
    if (!status.isDirectory()) {
      return status.getModificationTime() > sinceMillis ? counted + status.getLen() : counted;
    }
    OptionalLong table =
        sinceMillis == EVERY_FILE ? currentTableBytes(fs, status.getPath()) : OptionalLong.empty();
    if (table.isPresent()) {
      return counted + table.getAsLong();
    }
    long sum = counted;
    for (FileStatus child : fs.listStatus(status.getPath())) {
      sum = countUpTo(fs, child, limitBytes, sinceMillis, sum);
      if (sum >= limitBytes) {
        break;
      }
    }
    return sum;
  }

  /**
   * The data bytes of the Delta table at {@code folder} as of its newest checksum file; empty when
   * {@code folder} is no Delta table or its log has no checksum to read. Delta writes a checksum
   * with every commit, so the newest commit's is looked up by name (from the last checkpoint, as
   * {@link DeltaLogFiles#newestCommit} finds it) and the log is listed only when that one is
   * missing: a log on the 5-minute schedule keeps a few thousand files.
   */
  static OptionalLong currentTableBytes(FileSystem fs, Path folder) throws IOException {
    Path log = new Path(folder, DeltaLogFiles.LOG);
    if (!fs.exists(log)) {
      return OptionalLong.empty();
    }
    long commit = DeltaLogFiles.newestCommit(fs, log);
    Path newest = commit < 0 ? null : new Path(log, DeltaLogFiles.checksumFile(commit));
    if (newest == null || !fs.exists(newest)) {
      newest = newestListedChecksum(fs, log);
    }
    if (newest == null) {
      return OptionalLong.empty();
    }
    try (InputStream in = fs.open(newest)) {
      JsonNode size = JSON.readTree(in).get("tableSizeBytes");
      return size == null || !size.canConvertToLong()
          ? OptionalLong.empty()
          : OptionalLong.of(size.asLong());
    }
  }

  /** The newest checksum file that a listing of {@code log} finds; null when there is none. */
  private static Path newestListedChecksum(FileSystem fs, Path log) throws IOException {
    Path newest = null;
    for (FileStatus file : fs.listStatus(log)) {
      String name = file.getPath().getName();
      if (DeltaLogFiles.isChecksum(name)
          && (newest == null || name.compareTo(newest.getName()) > 0)) {
        newest = file.getPath();
      }
    }
    return newest;
  }
}
