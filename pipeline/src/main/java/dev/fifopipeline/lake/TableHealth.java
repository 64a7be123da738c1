package dev.fifopipeline.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.PipelineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;

/**
 * Whether a lake table can be trusted before a command reads or writes it: every commit of its
 * Delta log that a reader replays (those after the last checkpoint) is whole JSON, and every data
 * file of its current version exists. Delta itself would report a damaged log as a stack trace, and
 * answer some queries (a count) from the log alone although a data file is gone.
 */
public final class TableHealth {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TableHealth() {}

  /**
   * The table's current version and data file count.
   *
   * @param version the newest commit
   * @param files data files of that version
   */
  public record Healthy(long version, int files) {}

  /**
   * Checks {@code table} of {@code lake}, which must exist.
   *
   * @throws PipelineException (environment) naming the table, what is wrong and what to do
   */
  public static Healthy check(Lake lake, LakeTable table) {
    SparkSession spark = lake.spark();
    String path = lake.path(table);
    Path log = new Path(path, DeltaLogFiles.LOG);
    long newest;
    try {
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long checkpoint = DeltaLogFiles.lastCheckpoint(fs, log);
      TreeMap<Long, Path> commits = DeltaLogFiles.commitsAfterCheckpoint(fs, log, checkpoint);
      newest = commits.isEmpty() ? checkpoint : commits.lastKey();
      for (var commit : commits.tailMap(checkpoint, false).entrySet()) {
        if (!wholeJson(fs, commit.getValue())) {
          throw damaged(
              lake, table, unreadableCommit(commit.getKey(), commit.getValue(), newest), newest);
        }
      }
      String[] files = dataFiles(lake, table);
      for (String file : files) {
        Path data = new Path(file);
        if (!data.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(data)) {
          throw damaged(
              lake,
              table,
              String.format(
                  "data file %s of its version %d is missing",
                  relative(path, data.toUri().getPath()), newest),
              -1);
        }
      }
      return new Healthy(newest, files.length);
    } catch (IOException e) {
      throw Errors.lakeUnreadable(path, e);
    }
  }

  /**
   * The data files of the table's current version, from its Delta log. Taken from the analysed
   * plan, not {@code Dataset.inputFiles()}: a table some query of this session cached would there
   * be an in-memory relation without files.
   */
  private static String[] dataFiles(Lake lake, LakeTable table) {
    LogicalPlan plan;
    try {
      plan = lake.spark().read().format("delta").load(lake.path(table)).queryExecution().analyzed();
    } catch (Exception e) { // a checkpoint or the log Delta cannot replay
      throw damaged(lake, table, "its Delta log cannot be read: " + Errors.firstLine(e), -1);
    }
    if (plan instanceof LogicalRelation relation
        && relation.relation() instanceof HadoopFsRelation files) {
      return files.location().inputFiles();
    }
    throw new IllegalStateException("a Delta table read as " + plan.nodeName());
  }

  private static String unreadableCommit(long version, Path file, long newest) {
    return String.format(
        "%scommit %d is unreadable (_delta_log/%s is truncated or not JSON)",
        version == newest ? "its newest " : "", version, file.getName());
  }

  private static PipelineException damaged(
      Lake lake, LakeTable table, String what, long unreadableNewest) {
    return Errors.tableDamaged(
        table.tableName(),
        lake.path(table),
        what,
        unreadableNewest,
        table == LakeTable.TRADE_RECORDS);
  }

  /** Whether every line of the commit file is a JSON object, and there is one at least. */
  private static boolean wholeJson(FileSystem fs, Path commit) throws IOException {
    byte[] bytes;
    try (InputStream in = fs.open(commit)) {
      bytes = in.readAllBytes();
    } catch (ChecksumException e) {
      return false; // changed behind Hadoop's back: its .crc no longer matches
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    boolean any = false;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        if (!JSON.readTree(line).isObject()) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private static String relative(String table, String file) {
    String root = new Path(table).toUri().getPath();
    return file.startsWith(root + "/") ? file.substring(root.length() + 1) : file;
  }
}
