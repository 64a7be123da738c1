package dev.fifopipeline.nightly;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.config.Settings;
import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.lake.DeltaLogFiles;
import dev.fifopipeline.lake.Digests;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.AtomicFiles;
import dev.fifopipeline.spark.Jdbc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a nightly that completed every step saw, kept in {@code <lake>/_fifo/state/nightly.json}: a
 * digest of the settings that shape results, a fingerprint of the source taken before it was read,
 * the Delta commit each lake table ended at, and what the database's publish log held. When the
 * next nightly finds all of them unchanged, no step has anything to do, and it says so before
 * starting Spark. Only a lake on the local file system keeps a mark.
 *
 * @param settings digest of the settings that shape the results (see {@link #settingsDigest})
 * @param source fingerprint of the source ({@link SourceFingerprint})
 * @param tables latest Delta commit of each lake table, -1 for a table not written yet
 * @param database row count of the version's published computation log and the latest publish id,
 *     or null when no database is configured
 * @param at when the nightly that left the mark ended
 * @param flagged whether that nightly quarantined rows or its version had unmatched sells, in any
 *     symbol (for --strict)
 * @param unmatched the version's unmatched sells (all symbols) when the mark was left, which a
 *     nightly with nothing new prints; null in a mark that did not record them
 */
public record NightlyMark(
    @JsonProperty("settings") String settings,
    @JsonProperty("source") String source,
    @JsonProperty("tables") Map<String, Long> tables,
    @JsonProperty("database") String database,
    @JsonProperty("at") String at,
    @JsonProperty("flagged") boolean flagged,
    @JsonProperty("unmatched") Long unmatched) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The mark's file in a local lake, or empty for a lake on another file system. */
  static Optional<Path> file(String lakeRoot) {
    if (lakeRoot.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !lakeRoot.startsWith("file:")) {
      return Optional.empty();
    }
    String local = lakeRoot.startsWith("file:") ? lakeRoot.substring(5) : lakeRoot;
    return Optional.of(Path.of(local, "_fifo", "state", "nightly.json"));
  }

  /** The mark the last complete nightly left, if any (an unreadable mark counts as none). */
  static Optional<NightlyMark> read(String lakeRoot) {
    return file(lakeRoot)
        .filter(Files::isRegularFile)
        .flatMap(
            f -> {
              try {
                return Optional.of(JSON.readValue(f.toFile(), NightlyMark.class));
              } catch (IOException e) {
                return Optional.empty();
              }
            });
  }

  /** Replaces the mark (written beside it, then moved over the old one). */
  void write(String lakeRoot) throws IOException {
    Optional<Path> target = file(lakeRoot);
    if (target.isEmpty()) {
      return;
    }
    Path file = target.get();
    Files.createDirectories(file.getParent());
    AtomicFiles.replace(file, written -> Files.write(written, JSON.writeValueAsBytes(this)));
  }

  /** Forgets the mark, so that the next nightly does every step. */
  static void forget(String lakeRoot) throws IOException {
    Optional<Path> file = file(lakeRoot);
    if (file.isPresent()) {
      Files.deleteIfExists(file.get());
    }
  }

  /** Whether the nightly that left this mark ran with {@code current} (their digest). */
  boolean ranWith(Settings current) {
    return settings.equals(settingsDigest(current));
  }

  /** When the nightly that left the mark ended. */
  Instant endedAt() {
    return Instant.parse(at);
  }

  /**
   * A digest of what shapes a nightly's results: lake, source, sink, version, method, dust, tax
   * zone and report folder (not Spark's tuning).
   */
  static String settingsDigest(Settings s) {
    SourceSettings source = s.source();
    String text =
        String.join(
            "\n",
            s.lakePath(),
            source.kind().name(),
            String.valueOf(source.path()),
            String.valueOf(source.csvDelimiter()),
            String.valueOf(source.jdbc()),
            new TreeMap<>(source.columns()).toString(),
            String.valueOf(s.sink()),
            s.dust().toPlainString(),
            s.taxZone().getId(),
            String.valueOf(s.pipelineVersion()),
            s.pipelineMethod().label(),
            String.valueOf(s.reportOut()));
    return Digests.sha256(text);
  }

  /**
   * The latest Delta commit of each table, read from the file names in its {@code _delta_log} (no
   * Spark, no log replay); -1 for a table not written yet.
   */
  static Map<String, Long> tableCommits(String lakeRoot) throws IOException {
    String local = lakeRoot.startsWith("file:") ? lakeRoot.substring(5) : lakeRoot;
    Map<String, Long> commits = new TreeMap<>();
    for (LakeTable table : LakeTable.values()) {
      commits.put(
          table.tableName(),
          DeltaLogFiles.newestCommit(Path.of(local, table.tableName())).orElse(-1));
    }
    return commits;
  }

  /**
   * Whether every lake table holds the rows it held when the mark was left: its newest commit is
   * the one recorded, or every commit since is housekeeping ({@code maintain}'s OPTIMIZE and
   * VACUUM, see {@link DeltaLogFiles}).
   */
  boolean lakeAsLeft(String lakeRoot) throws IOException {
    String local = lakeRoot.startsWith("file:") ? lakeRoot.substring(5) : lakeRoot;
    Map<String, Long> now = tableCommits(lakeRoot);
    for (Map.Entry<String, Long> table : now.entrySet()) {
      Long left = tables.get(table.getKey());
      if (left == null
          || (left.longValue() != table.getValue()
              && (left < 0
                  || !DeltaLogFiles.housekeepingSince(Path.of(local, table.getKey()), left)))) {
        return false;
      }
    }
    return true;
  }

  /**
   * What the sink holds of {@code version}: its published computation-log rows and the latest
   * publish; null when no database is configured.
   *
   * @throws SQLException when the database cannot be asked (not published yet, unreachable)
   */
  static String databaseFacts(JdbcSettings sink, int version) throws SQLException {
    if (!sink.isConfigured()) {
      return null;
    }
    String schema = Jdbc.quoteIdentifier(sink.schema()) + ".";
    try (Connection c = Jdbc.connect(sink);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT (SELECT count(*) FROM "
                    + schema
                    + "fifo_computation_log WHERE allocation_version = "
                    + version
                    + "), (SELECT coalesce(max(id), 0) FROM "
                    + schema
                    + "fifo_publish_log)")) {
      rs.next();
      return rs.getLong(1) + "/" + rs.getLong(2);
    }
  }
}
