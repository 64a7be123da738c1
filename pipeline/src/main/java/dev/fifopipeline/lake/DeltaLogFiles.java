package dev.fifopipeline.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * The one place that knows how a Delta table's log names its commits ({@code _delta_log/<version,
 * 20 digits>.json}) and which commits are housekeeping: OPTIMIZE rewrites files without changing a
 * row ({@code dataChange = false}), VACUUM deletes files no version since its retention reads.
 * State that the pipeline keeps about a table "as of commit n" stays valid across housekeeping
 * commits; {@link #housekeepingSince} tells them apart from writes.
 */
public final class DeltaLogFiles {
  /** The log folder, relative to the table. */
  public static final String LOG = "_delta_log";

  private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
  private static final Set<String> HOUSEKEEPING = Set.of("OPTIMIZE", "VACUUM START", "VACUUM END");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaLogFiles() {}

  /** The file name of commit {@code version}, e.g. {@code 00000000000000000012.json}. */
  public static String commitFile(long version) {
    return String.format("%020d.json", version);
  }

  /** The version of a commit file name, or empty for any other file of the log. */
  public static OptionalLong version(String fileName) {
    Matcher m = COMMIT.matcher(fileName);
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /**
   * The commit files of the log folder {@code log} by version, from their names (no log replay);
   * empty when the folder does not exist.
   *
   * @throws IOException when the folder cannot be listed
   */
  public static TreeMap<Long, org.apache.hadoop.fs.Path> commits(
      FileSystem fs, org.apache.hadoop.fs.Path log) throws IOException {
    TreeMap<Long, org.apache.hadoop.fs.Path> commits = new TreeMap<>();
    if (!fs.exists(log)) {
      return commits;
    }
    for (FileStatus status : fs.listStatus(log)) {
      version(status.getPath().getName()).ifPresent(v -> commits.put(v, status.getPath()));
    }
    return commits;
  }

  /**
   * The newest commit of the local table folder {@code table}, from the file names in its log (no
   * log replay); empty when it has none or cannot be listed. For the checks that run before a Spark
   * session (and its Hadoop configuration) exists; with a session, use {@link #commits}.
   */
  public static OptionalLong newestCommit(Path table) {
    Path log = table.resolve(LOG);
    if (!Files.isDirectory(log)) {
      return OptionalLong.empty();
    }
    try (Stream<Path> files = Files.list(log)) {
      return files
          .map(p -> version(p.getFileName().toString()))
          .filter(OptionalLong::isPresent)
          .mapToLong(OptionalLong::getAsLong)
          .max();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Whether commit text (the JSON lines of one commit file) is housekeeping: its {@code
   * commitInfo.operation} is OPTIMIZE or VACUUM. An unreadable or empty commit is not.
   */
  public static boolean isHousekeeping(String commit) {
    for (String line : commit.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode info = JSON.readTree(line).path("commitInfo");
        if (!info.isMissingNode()) {
          return HOUSEKEEPING.contains(info.path("operation").asText());
        }
      } catch (IOException e) {
        return false;
      }
    }
    return false;
  }

  /**
   * The version of the table's last checkpoint, from {@code _last_checkpoint} in its {@code log}
   * folder; -1 when it has none (or an unreadable pointer: then every commit is replayed).
   */
  public static long lastCheckpoint(FileSystem fs, org.apache.hadoop.fs.Path log) {
    org.apache.hadoop.fs.Path pointer = new org.apache.hadoop.fs.Path(log, "_last_checkpoint");
    try (InputStream in = fs.open(pointer)) {
      return JSON.readTree(in).path("version").asLong(-1);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Reads one commit file's text; the reader throws when it is missing. */
  @FunctionalInterface
  public interface CommitReader {
    String read(String commitFile) throws IOException;
  }

  /**
   * Whether every commit of a table after {@code commit} up to {@code newest} is housekeeping, so
   * that the rows are those of {@code commit}; true when {@code newest == commit}, false when
   * {@code newest < commit} or a commit cannot be read.
   */
  public static boolean housekeepingSince(long commit, long newest, CommitReader log) {
    if (newest < commit) {
      return false;
    }
    for (long v = commit + 1; v <= newest; v++) {
      try {
        if (!isHousekeeping(log.read(commitFile(v)))) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** {@link #housekeepingSince} for the local table folder {@code table}. */
  public static boolean housekeepingSince(Path table, long commit) {
    OptionalLong newest = newestCommit(table);
    return newest.isPresent()
        && housekeepingSince(
            commit, newest.getAsLong(), file -> Files.readString(table.resolve(LOG).resolve(file)));
  }
}
