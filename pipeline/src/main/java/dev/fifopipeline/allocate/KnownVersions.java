package dev.fifopipeline.allocate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.DeltaLogFiles;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeState;
import dev.fifopipeline.lake.LakeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The lake's allocation versions and their methods, known without a SparkSession, so that a command
 * that will refuse (an unknown version, an existing one without --force, another method) says so at
 * once instead of after starting Spark.
 *
 * <p>Each allocate records {@link AllocationCatalog}'s versions in {@code
 * <lake>/_fifo/state/versions.json} together with the newest commit of {@code fifo_computation_log}
 * they were read at. The record is trusted only while that commit is still the table's newest, but
 * for housekeeping commits (maintain's OPTIMIZE and VACUUM): any other later commit (another run,
 * an undone crash, a RESTORE) makes it stale, and the caller falls back to reading the table with
 * Spark. A lake without that table has no versions. Only local lakes are read this way; a lake
 * behind a URI always falls back.
 */
public final class KnownVersions {
  static final String STATE = "versions";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SortedMap<Integer, String> methods;

  private KnownVersions(SortedMap<Integer, String> methods) {
    this.methods = Collections.unmodifiableSortedMap(methods);
  }

  /**
   * The versions of the local lake at {@code lakeRoot}, when they can be known from its files
   * alone; empty when Spark has to read them (no record, a stale one, or a lake behind a URI).
   */
  public static Optional<KnownVersions> read(String lakeRoot) {
    if (lakeRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return Optional.empty();
    }
    Path root = Path.of(lakeRoot);
    OptionalLong newest = newestCommit(root.resolve(LakeTable.FIFO_COMPUTATION_LOG.tableName()));
    if (newest.isEmpty()) {
      return Optional.of(new KnownVersions(new TreeMap<>()));
    }
    Path file = root.resolve("_fifo/state/" + STATE + ".json");
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      Map<?, ?> record = JSON.readValue(file.toFile(), Map.class);
      if (!(record.get("log_commit") instanceof Number commit)
          || !DeltaLogFiles.housekeepingSince(
              root.resolve(LakeTable.FIFO_COMPUTATION_LOG.tableName()), commit.longValue())
          || !(record.get("versions") instanceof Map<?, ?> versions)) {
        return Optional.empty();
      }
      SortedMap<Integer, String> methods = new TreeMap<>();
      versions.forEach((v, m) -> methods.put(Integer.valueOf(v.toString()), m.toString()));
      return Optional.of(new KnownVersions(methods));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // an unreadable record only costs the slow path
    }
  }

  /**
   * Records the catalog just read, if {@code fifo_computation_log} has not changed since {@code
   * commitBefore} (its newest commit before the catalog was read).
   */
  public static void record(Lake lake, AllocationCatalog catalog, OptionalLong commitBefore) {
    if (commitBefore.isEmpty() || lake.root().matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return;
    }
    OptionalLong after =
        newestCommit(Path.of(lake.root(), LakeTable.FIFO_COMPUTATION_LOG.tableName()));
    if (!after.equals(commitBefore)) {
      return;
    }
    Map<String, Object> versions = new TreeMap<>();
    catalog.versions().forEach(v -> versions.put(String.valueOf(v), catalog.method(v).get()));
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("log_commit", commitBefore.getAsLong());
    record.put("versions", versions);
    new LakeState(lake).write(STATE, record);
  }

  /** The newest commit of fifo_computation_log in the local lake at {@code lakeRoot}. */
  public static OptionalLong newestLogCommit(String lakeRoot) {
    if (lakeRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return OptionalLong.empty();
    }
    return newestCommit(Path.of(lakeRoot, LakeTable.FIFO_COMPUTATION_LOG.tableName()));
  }

  private static OptionalLong newestCommit(Path table) {
    return DeltaLogFiles.newestCommit(table);
  }

  /** The method or method schedule label of {@code version}, if it exists. */
  public Optional<String> method(int version) {
    return Optional.ofNullable(methods.get(version));
  }

  /**
   * Refuses a version the lake does not have.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) naming the versions there are
   */
  public void requireExists(String action, int version) {
    if (!methods.containsKey(version)) {
      throw Errors.unknownVersion(action, version, methods.keySet());
    }
  }
}
