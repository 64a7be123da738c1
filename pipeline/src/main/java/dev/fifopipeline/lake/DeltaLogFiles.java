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
 * row ({@code dataChange = false}), VACUUM deletes files no version since its retention reads, SET
 * TBLPROPERTIES changes a table property (maintain's log retention) and no row. State that the
 * pipeline keeps about a table "as of commit n" stays valid across housekeeping commits; {@link
 * #housekeepingSince} tells them apart from writes.
 */
public final class DeltaLogFiles {
  /** The log folder, relative to the table. */
  public static final String LOG = "_delta_log";

  private static final String LAST_CHECKPOINT = "_last_checkpoint";
  private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
  private static final Pattern CHECKSUM = Pattern.compile("\\d{20}\\.crc");
  private static final Set<String> HOUSEKEEPING =
      Set.of("OPTIMIZE", "VACUUM START", "VACUUM END", "SET TBLPROPERTIES");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaLogFiles() {}

  /** The file name of commit {@code version}, e.g. {@code 00000000000000000012.json}. */
  public static String commitFile(long version) {
    return String.format("%020d.json", version);
  }

  /**
   * The file name of Delta's checksum of version {@code version} (the table's size and file count
   * as of that commit), e.g. {@code 00000000000000000012.crc}.
   */
  public static String checksumFile(long version) {
    return String.format("%020d.crc", version);
  }

  /** Whether {@code fileName} is one of Delta's checksum files ({@link #checksumFile}). */
  public static boolean isChecksum(String fileName) {
    return CHECKSUM.matcher(fileName).matches();
  }

  /** The version of a commit file name, or empty for any other file of the log. */
  public static OptionalLong version(String fileName) {
    Matcher m = COMMIT.matcher(fileName);
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /**
   * The commit files of the log folder {@code log} by version, from their names (no log replay);
   * empty when the folder does not exist. Lists the whole folder, which gains a few files with
   * every commit until Delta's log retention removes them: where the newest commit or the commits
   * after the last checkpoint are enough, {@link #newestCommit(FileSystem,
   * org.apache.hadoop.fs.Path)} and {@link #commitsAfterCheckpoint} find them with a few lookups
   * instead.
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

  /** A log folder, read through Hadoop's file system or the local one. */
  interface LogFolder {
    /** Whether the folder holds a file of this name. */
    boolean has(String fileName) throws IOException;

    /** The newest commit among every file name of the folder (a listing); -1 when none. */
    long listedNewest() throws IOException;
  }

  /**
   * The newest commit of the log folder {@code log}, from its last checkpoint forward (no log
   * replay); -1 when it has none. Delta numbers commits without gaps, so the commits after the
   * checkpoint are found by looking up one file name after another: a few lookups where a listing
   * would read every file the log keeps. A log without a readable {@code _last_checkpoint} and
   * without its first commit (cleaned up) is listed.
   *
   * @throws IOException when the folder cannot be read
   */
  public static long newestCommit(FileSystem fs, org.apache.hadoop.fs.Path log) throws IOException {
    return newestCommit(lastCheckpoint(fs, log), hadoopFolder(fs, log));
  }

  /**
   * The commit files after the log's last checkpoint, by version; every commit file of the log
   * (listed) when it has no readable {@code _last_checkpoint}.
   *
   * @param checkpoint the log's last checkpoint, as {@link #lastCheckpoint} reads it
   * @throws IOException when the folder cannot be read
   */
  public static TreeMap<Long, org.apache.hadoop.fs.Path> commitsAfterCheckpoint(
      FileSystem fs, org.apache.hadoop.fs.Path log, long checkpoint) throws IOException {
    if (checkpoint < 0) {
      return commits(fs, log);
    }
    TreeMap<Long, org.apache.hadoop.fs.Path> after = new TreeMap<>();
    long newest = newestFrom(checkpoint, hadoopFolder(fs, log));
    for (long v = checkpoint + 1; v <= newest; v++) {
      after.put(v, new org.apache.hadoop.fs.Path(log, commitFile(v)));
    }
    return after;
  }

  /**
   * The newest commit of the local table folder {@code table}, as {@link #newestCommit(FileSystem,
   * org.apache.hadoop.fs.Path)} finds it; empty when it has none or cannot be read. For the checks
   * that run before a Spark session (and its Hadoop configuration) exists.
   */
  public static OptionalLong newestCommit(Path table) {
    Path log = table.resolve(LOG);
    if (!Files.isDirectory(log)) {
      return OptionalLong.empty();
    }
    try {
      long newest = newestCommit(lastCheckpoint(log), localFolder(log));
      return newest < 0 ? OptionalLong.empty() : OptionalLong.of(newest);
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  /** The newest commit of {@code folder}, whose last checkpoint is {@code checkpoint} (or -1). */
  private static long newestCommit(long checkpoint, LogFolder folder) throws IOException {
    if (checkpoint < 0 && !folder.has(commitFile(0))) {
      return folder.listedNewest();
    }
    return newestFrom(Math.max(checkpoint, 0), folder);
  }

  /**
   * {@code start}, a version the log holds (its last checkpoint's, or 0 when commit 0 exists), or
   * the last of the commits that follow it without a gap.
   */
  static long newestFrom(long start, LogFolder folder) throws IOException {
    long newest = start;
    while (folder.has(commitFile(newest + 1))) {
      newest++;
    }
    return newest;
  }

  private static LogFolder hadoopFolder(FileSystem fs, org.apache.hadoop.fs.Path log) {
    return new LogFolder() {
      @Override
      public boolean has(String fileName) throws IOException {
        return fs.exists(new org.apache.hadoop.fs.Path(log, fileName));
      }

      @Override
      public long listedNewest() throws IOException {
        TreeMap<Long, org.apache.hadoop.fs.Path> listed = commits(fs, log);
        return listed.isEmpty() ? -1 : listed.lastKey();
      }
    };
  }

  private static LogFolder localFolder(Path log) {
    return new LogFolder() {
      @Override
      public boolean has(String fileName) {
        return Files.exists(log.resolve(fileName));
      }

      @Override
      public long listedNewest() throws IOException {
        try (Stream<Path> files = Files.list(log)) {
          return files
              .map(p -> version(p.getFileName().toString()))
              .filter(OptionalLong::isPresent)
              .mapToLong(OptionalLong::getAsLong)
              .max()
              .orElse(-1);
        }
      }
    };
  }

  private static long lastCheckpoint(Path log) {
    try {
      return JSON.readTree(log.resolve(LAST_CHECKPOINT).toFile()).path("version").asLong(-1);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * Whether commit text (the JSON lines of one commit file) is housekeeping: its {@code
   * commitInfo.operation} is OPTIMIZE, VACUUM or SET TBLPROPERTIES. An unreadable or empty commit
   * is not.
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
    org.apache.hadoop.fs.Path pointer = new org.apache.hadoop.fs.Path(log, LAST_CHECKPOINT);
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
