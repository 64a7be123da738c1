package dev.fifopipeline.lake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fifopipeline.error.Errors;
import io.delta.tables.DeltaTable;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a run's writes to several Delta tables all-or-nothing across a crash. Delta commits each
 * table atomically but has no transaction across tables, so before writing, a run records each
 * table's current version in {@code <lake>/_fifo/journal.json}; it deletes the record once every
 * table is written. A run that dies in between leaves the record behind, and the next writing run
 * restores each table to its recorded version (or removes a table the run created) before doing its
 * own work, which redoes the lost run's work. Runs are serialised by {@link RunLock}.
 */
final class LakeJournal {
  private static final Logger LOG = LoggerFactory.getLogger(LakeJournal.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Lake lake;
  private final Path file;

  private LakeJournal(Lake lake) {
    this.lake = lake;
    this.file = new Path(lake.root() + "/_fifo/journal.json");
  }

  /** The journal of {@code lake}. */
  static LakeJournal of(Lake lake) {
    return new LakeJournal(lake);
  }

  /** Whether an interrupted run left its record behind. */
  boolean interrupted() {
    try {
      return fs().exists(file);
    } catch (IOException e) {
      throw Errors.lakeUnreadable(file.toString(), e);
    }
  }

  /**
   * Undoes an interrupted run, if any: restores the tables it was writing.
   *
   * @return the run that was undone, or null
   */
  String recover() {
    Optional<Unfinished> unfinished = unfinished();
    if (unfinished.isEmpty()) {
      return null;
    }
    unfinished
        .get()
        .versions()
        .forEach(
            (table, version) -> {
              String path = lake.path(table);
              try {
                if (version < 0) {
                  if (lake.exists(table)) {
                    fs().delete(new Path(path), true); // the interrupted run created it
                  }
                } else if (lake.newestCommit(table) != version) {
                  DeltaTable.forPath(lake.spark(), path).restoreToVersion(version);
                }
              } catch (IOException e) {
                throw Errors.lakeUnwritable(path, e);
              }
            });
    delete();
    LOG.warn(
        "undid the interrupted run '{}' (started {}): its tables are back as they were",
        unfinished.get().run(),
        unfinished.get().started());
    return unfinished.get().run();
  }

  /**
   * The record a run writing the lake, or one that died writing it, left: empty when there is none.
   */
  Optional<Unfinished> unfinished() {
    Map<String, Object> record;
    try (InputStream in = fs().open(file)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> read = JSON.readValue(in, Map.class);
      record = read;
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw Errors.lakeUnreadable(file.toString(), e);
    }
    @SuppressWarnings("unchecked")
    Map<String, Number> tables = (Map<String, Number>) record.get("tables");
    Map<LakeTable, Long> versions = new EnumMap<>(LakeTable.class);
    tables.forEach(
        (name, version) -> versions.put(LakeTable.named(name).orElseThrow(), version.longValue()));
    return Optional.of(
        new Unfinished(
            String.valueOf(record.get("run")), String.valueOf(record.get("started")), versions));
  }

  /**
   * A run's journal record.
   *
   * @param run what the run was ("allocate v1")
   * @param started when it began
   * @param versions each table's commit before the run; -1 for a table the run creates
   */
  record Unfinished(String run, String started, Map<LakeTable, Long> versions) {}

  /**
   * Records the current version of {@code tables} before a run writes them, first undoing an
   * interrupted run if there is one.
   */
  void begin(String run, List<LakeTable> tables) {
    recover();
    Map<String, Long> versions = new LinkedHashMap<>();
    for (LakeTable table : tables) {
      versions.put(table.tableName(), lake.newestCommit(table)); // -1: not written yet
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("run", run);
    record.put("started", Instant.now().toString());
    record.put("tables", versions);
    write(record);
  }

  /** The run's writes are all done: forget the record. */
  void commit() {
    delete();
  }

  private void write(Map<String, Object> record) {
    Path tmp = new Path(file.getParent(), "journal.json.tmp");
    try {
      FileSystem fs = fs();
      fs.mkdirs(file.getParent());
      try (OutputStream out = fs.create(tmp, true)) {
        JSON.writeValue(out, record);
      }
      if (!fs.rename(tmp, file)) {
        throw new IOException("cannot rename " + tmp + " to " + file);
      }
    } catch (IOException e) {
      throw Errors.lakeUnwritable(lake.root(), e);
    }
  }

  private void delete() {
    try {
      fs().delete(file, false);
    } catch (IOException e) {
      throw Errors.lakeUnwritable(lake.root(), e);
    }
  }

  private FileSystem fs() throws IOException {
    return file.getFileSystem(lake.spark().sparkContext().hadoopConfiguration());
  }
}
