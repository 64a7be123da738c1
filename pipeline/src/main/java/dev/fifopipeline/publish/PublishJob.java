package dev.fifopipeline.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one version from the lake to PostgreSQL in a single transaction, so readers see the old
 * rows or the new ones, never a mix: creates or upgrades the schema (Flyway), COPYs the rows into
 * temporary staging tables, then replaces the version's rows of the symbols whose latest batch
 * differs from the published one (all of them the first time) and adds the new computation-log
 * rows. Review rows found by ingest are replaced as a whole. Publishing again changes nothing.
 */
public final class PublishJob {
  private static final Logger LOG = LoggerFactory.getLogger(PublishJob.class);

  private final Lake lake;
  private final JdbcSettings sink;
  private final int version;

  public PublishJob(Lake lake, JdbcSettings sink, int version) {
    this.lake = lake;
    this.sink = sink;
    this.version = version;
  }

  /** (account, symbol) of a group; account may be null. */
  private record Key(String account, String symbol) {}

  /**
   * Publishes the version.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) when no database is configured or the
   *     version does not exist; (environment) when the database is unreachable or refuses
   */
  public PublishResult run() {
    long started = System.nanoTime();
    if (!sink.isConfigured()) {
      throw Errors.missingSetting("publish", "sink.jdbc.url");
    }
    AllocationCatalog catalog = AllocationCatalog.read(lake);
    if (!catalog.exists(version)) {
      throw Errors.unknownVersion("publish", version, catalog.versions());
    }
    lake.journal().recover(); // never publish a half-written lake
    lake.spark().sparkContext().setJobGroup("publish", "publish v" + version, false);
    SinkSchema.migrate(sink);
    try (Connection c = Jdbc.connect(sink)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(PublishSql.setSearchPath(sink.schema()));
        s.execute(PublishSql.LOCK);
      }
      Map<Key, String> published = publishedBatches(c);
      Map<Key, String> current = lakeBatches();
      Set<String> changed = new TreeSet<>();
      current.forEach(
          (key, batch) -> {
            if (!batch.equals(published.get(key))) {
              changed.add(key.symbol());
            }
          });
      published.keySet().stream()
          .filter(k -> !current.containsKey(k))
          .forEach(k -> changed.add(k.symbol()));
      Set<String> allSymbols = new TreeSet<>();
      current.keySet().forEach(k -> allSymbols.add(k.symbol()));
      boolean full = published.isEmpty() || changed.containsAll(allSymbols);
      String[] symbols = changed.toArray(String[]::new);

      Column ofVersion = col("allocation_version").equalTo(version);
      Column ofChanged = full ? ofVersion : ofVersion.and(col("symbol").isin((Object[]) symbols));
      long allocations =
          replace(
              c,
              LakeTable.FIFO_ALLOCATIONS,
              lake.read(LakeTable.FIFO_ALLOCATIONS).filter(ofChanged),
              full,
              symbols);
      long lots =
          replace(
              c,
              LakeTable.FIFO_INVENTORY_SNAPSHOT,
              lake.read(LakeTable.FIFO_INVENTORY_SNAPSHOT).filter(ofChanged),
              full,
              symbols);
      Dataset<Row> review = lake.read(LakeTable.MANUAL_REVIEW_QUEUE);
      long reviewRows =
          replace(c, LakeTable.MANUAL_REVIEW_QUEUE, review.filter(ofChanged), full, symbols);
      try (Statement s = c.createStatement()) {
        s.executeUpdate(PublishSql.DELETE_INGEST_REVIEW);
      }
      reviewRows +=
          copyAndInsert(
              c,
              LakeTable.MANUAL_REVIEW_QUEUE,
              review.filter(col("allocation_version").isNull()),
              false);
      long logRows =
          copyAndInsert(
              c,
              LakeTable.FIFO_COMPUTATION_LOG,
              lake.read(LakeTable.FIFO_COMPUTATION_LOG).filter(ofVersion),
              true);

      PublishResult result =
          new PublishResult(
              version,
              Errors.redact(sink.url()),
              full ? "full" : "symbols",
              changed.size(),
              allocations,
              lots,
              reviewRows,
              logRows,
              (System.nanoTime() - started) / 1_000_000);
      try (PreparedStatement p = c.prepareStatement(PublishSql.RECORD)) {
        p.setInt(1, version);
        p.setString(2, result.mode());
        p.setInt(3, changed.size());
        p.setLong(4, allocations);
        p.setLong(5, lots);
        p.setLong(6, reviewRows);
        p.setLong(7, logRows);
        p.setLong(8, result.durationMs());
        p.executeUpdate();
      }
      lake.crashPoints().reached("publish.before-commit");
      c.commit();
      LOG.info("{} in {} ms", result.summary(), result.durationMs());
      return result;
    } catch (SQLException e) {
      throw Jdbc.failure(sink, e);
    } finally {
      lake.spark().sparkContext().clearJobGroup();
    }
  }

  /** Deletes the version's rows (of the symbols) and inserts the lake's. */
  private long replace(
      Connection c, LakeTable table, Dataset<Row> rows, boolean full, String[] symbols)
      throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement(PublishSql.deleteVersion(table.tableName(), !full))) {
      delete.setInt(1, version);
      if (!full) {
        delete.setArray(2, c.createArrayOf("text", symbols));
      }
      delete.executeUpdate();
    }
    return copyAndInsert(c, table, rows, false);
  }

  /** COPYs {@code rows} into a staging table, then inserts them (only new ones for the log). */
  private long copyAndInsert(Connection c, LakeTable table, Dataset<Row> rows, boolean onlyNew)
      throws SQLException {
    String name = table.tableName();
    String columns = String.join(", ", LakeSchemas.of(table).fieldNames());
    try (Statement s = c.createStatement()) {
      s.execute(PublishSql.stage(name));
    }
    lake.spark().sparkContext().setJobDescription("publish v" + version + ": copy " + name);
    long copied =
        CopyWriter.copy(
            c,
            PublishSql.copy(name, columns),
            Lake.conform(table, rows).toLocalIterator(),
            () -> lake.crashPoints().reached("publish.during-copy-" + name));
    lake.crashPoints().reached("publish.after-copy-" + name);
    try (Statement s = c.createStatement()) {
      int inserted =
          s.executeUpdate(
              onlyNew
                  ? PublishSql.insertNewLogRows(columns)
                  : PublishSql.insertFromStage(name, columns));
      if (!onlyNew && inserted != copied) {
        throw new IllegalStateException(
            name + ": copied " + copied + " rows but inserted " + inserted);
      }
      s.execute("DROP TABLE stage_" + name);
      return inserted;
    }
  }

  private Map<Key, String> publishedBatches(Connection c) throws SQLException {
    Map<Key, String> batches = new HashMap<>();
    try (PreparedStatement p = c.prepareStatement(PublishSql.PUBLISHED_BATCHES)) {
      p.setInt(1, version);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          batches.put(new Key(rs.getString(1), rs.getString(2)), rs.getString(3));
        }
      }
    }
    return batches;
  }

  private Map<Key, String> lakeBatches() {
    Map<Key, String> batches = new HashMap<>();
    for (Row row :
        lake.read(LakeTable.FIFO_COMPUTATION_LOG)
            .filter(col("allocation_version").equalTo(version))
            .groupBy(col("account"), col("symbol"))
            .agg(max_by(col("batch_id"), col("started_at")))
            .collectAsList()) {
      batches.put(
          new Key(row.getString(0), row.getString(1)), Objects.requireNonNull(row.getString(2)));
    }
    return batches;
  }
}
