package dev.fifopipeline.ingest;

import static org.apache.spark.sql.functions.col;

import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.ingest.SourceFiles.SourceFile;
import dev.fifopipeline.lake.DeltaLogFiles;
import dev.fifopipeline.lake.Digests;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeState;
import dev.fifopipeline.lake.LakeTable;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * The files of a csv or parquet source that earlier ingests read into the lake, kept per source and
 * reading settings in {@code _fifo/state/ingested-files-<digest>.json}, so that an ingest of a
 * folder that grows reads the files new or changed since, not the whole ledger again.
 *
 * <p>A file counts as read when an ingest read the same path, length and modification time and its
 * ledger commit still stands: every later commit of {@code trade_records} only appended or
 * compacted rows. Anything else (a RESTORE to an earlier version, a DELETE, a table created anew,
 * other source settings, {@code ingest --full}, a source whose files lie in subfolders) reads every
 * file again, which is always safe: the ledger keeps each trade once.
 */
final class IngestedFiles {
  private static final String STATE = "ingested-files-";

  private final Lake lake;
  private final SourceSettings source;

  IngestedFiles(Lake lake, SourceSettings source) {
    this.lake = lake;
    this.source = source;
  }

  /**
   * What to read of the source.
   *
   * @param listed every file of the source when the ingest started (empty when it cannot be listed:
   *     then the source path is read as it stands)
   * @param toRead the files of {@code listed} no standing ingest read
   */
  record Selection(List<SourceFile> listed, List<SourceFile> toRead) {
    /** Files read before and skipped now. */
    int skipped() {
      return listed.size() - toRead.size();
    }

    /** The paths to hand Spark's reader. */
    List<String> paths() {
      return toRead.stream().map(SourceFile::path).toList();
    }
  }

  /** The source's files and which of them to read; all of them when {@code full}. */
  Optional<Selection> select(boolean full) {
    SourceFiles files;
    try {
      Path where = new Path(source.path());
      FileSystem fs = where.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
      files = SourceFiles.list(fs, source.path());
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // the reader says what is wrong with the path
    }
    if (files.files().isEmpty() || files.nested()) {
      return Optional.empty();
    }
    Set<SourceFile> read = full ? Set.of() : standing();
    List<SourceFile> toRead = files.files().stream().filter(f -> !read.contains(f)).toList();
    return Optional.of(new Selection(files.files(), toRead));
  }

  /** Records that the ingest which just committed read (or had read) every listed file. */
  void record(Selection selection) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("source", source.describe());
    long commit = lake.latestCommit(LakeTable.TRADE_RECORDS);
    state.put("ledger_commit", commit);
    state.put("ledger_commit_written", commitWritten(commit));
    state.put(
        "files",
        selection.listed().stream()
            .map(f -> Map.of("path", f.path(), "length", f.length(), "modified", f.modified()))
            .toList());
    new LakeState(lake).write(STATE + settingsDigest(), state);
  }

  /** The files a standing ingest of this source, with these settings, read. */
  private Set<SourceFile> standing() {
    Optional<Map<String, Object>> state = new LakeState(lake).read(STATE + settingsDigest());
    if (state.isEmpty()
        || !stillStands(
            ((Number) state.get().get("ledger_commit")).longValue(),
            ((Number) state.get().get("ledger_commit_written")).longValue())) {
      return Set.of();
    }
    Set<SourceFile> files = new HashSet<>();
    for (Object entry : (List<?>) state.get().get("files")) {
      Map<?, ?> file = (Map<?, ?>) entry;
      files.add(
          new SourceFile(
              (String) file.get("path"),
              ((Number) file.get("length")).longValue(),
              ((Number) file.get("modified")).longValue()));
    }
    return files;
  }

  /**
   * Whether the ledger still holds every row it held at commit {@code recorded}, whose commit file
   * was {@code written} at that time (so the table was not created anew): each later commit
   * appended, compacted or restored to a version at or after it. Delta's history must cover every
   * later commit (its log entries expire after 30 days by default); when it does not, no.
   */
  private boolean stillStands(long recorded, long written) {
    long latest = lake.latestCommit(LakeTable.TRADE_RECORDS);
    if (recorded < 0 || latest < recorded || commitWritten(recorded) != written) {
      return false; // the table is gone, or was created anew since
    }
    if (latest == recorded) {
      return true;
    }
    List<Row> later =
        DeltaTable.forPath(lake.spark(), lake.path(LakeTable.TRADE_RECORDS))
            .history()
            .filter(col("version").gt(recorded))
            .select("operation", "operationParameters")
            .collectAsList();
    return later.size() == latest - recorded
        && later.stream().allMatch(commit -> keepsRows(commit, recorded));
  }

  /** When the commit file of {@code version} was written, in epoch milliseconds; -1 if absent. */
  private long commitWritten(long version) {
    Path file =
        new Path(
            lake.path(LakeTable.TRADE_RECORDS),
            DeltaLogFiles.LOG + "/" + DeltaLogFiles.commitFile(version));
    try {
      FileSystem fs = file.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
      return fs.exists(file) ? fs.getFileStatus(file).getModificationTime() : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static boolean keepsRows(Row commit, long recorded) {
    Map<String, String> parameters = commit.isNullAt(1) ? Map.of() : commit.getJavaMap(1);
    return switch (commit.getString(0)) {
      case "WRITE" -> "Append".equals(parameters.get("mode"));
      case "OPTIMIZE", "SET TBLPROPERTIES", "UPGRADE PROTOCOL", "VACUUM START", "VACUUM END" ->
          true;
      case "RESTORE" -> restoredVersion(parameters).map(v -> v >= recorded).orElse(false);
      default -> false;
    };
  }

  private static Optional<Long> restoredVersion(Map<String, String> parameters) {
    try {
      return Optional.of(Long.parseLong(parameters.get("version")));
    } catch (NumberFormatException e) {
      return Optional.empty(); // restored to a timestamp
    }
  }

  /** A digest of the source and the settings that decide how its rows are read (16 hex digits). */
  private String settingsDigest() {
    String settings =
        String.join(
            "\n",
            source.kind().name(),
            source.path(),
            source.csvDelimiter(),
            new TreeMap<>(source.columns()).toString(),
            String.valueOf(source.clockSkew()));
    return Digests.sha256(settings).substring(0, 16);
  }
}
