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
    lake.undoInterruptedRun(); // never publish a half-written lake
    lake.spark().sparkContext().setJobGroup("publish", "publish v" + version, false);
    SinkSchema.migrate(sink);
    try (Connection c = Jdbc.connect(sink)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(PublishSql.setSearchPath(sink.schema()));
        s.execute(PublishSql.LOCK);
      }
      PublishScope scope = PublishScope.compare(publishedBatches(c), lakeBatches());
      PublishResult result = send(c, scope, started);
      record(c, result);
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

  /**
   * Replaces the scope's rows of allocations, lots and review queue, the review rows found by
   * ingest as a whole, and adds the new log rows, all in the open transaction.
   */
  private PublishResult send(Connection c, PublishScope scope, long started) throws SQLException {
    Column rows = scope.rows(version);
    long allocations =
        replace(
            c,
            LakeTable.FIFO_ALLOCATIONS,
            lake.read(LakeTable.FIFO_ALLOCATIONS).filter(rows),
            scope);
    long lots =
        replace(
            c,
            LakeTable.FIFO_INVENTORY_SNAPSHOT,
            lake.read(LakeTable.FIFO_INVENTORY_SNAPSHOT).filter(rows),
            scope);
    Dataset<Row> review = lake.read(LakeTable.MANUAL_REVIEW_QUEUE);
    long reviewRows = replace(c, LakeTable.MANUAL_REVIEW_QUEUE, review.filter(rows), scope);
    try (Statement s = c.createStatement()) {
      s.executeUpdate(PublishSql.DELETE_INGEST_REVIEW);
    }
    Dataset<Row> ingestReview = review.filter(col("allocation_version").isNull());
    reviewRows += copyAndInsert(c, LakeTable.MANUAL_REVIEW_QUEUE, ingestReview, false);
    Dataset<Row> log =
        lake.read(LakeTable.FIFO_COMPUTATION_LOG)
            .filter(col("allocation_version").equalTo(version));
    long logRows = copyAndInsert(c, LakeTable.FIFO_COMPUTATION_LOG, log, true);
    return new PublishResult(
        version,
        Errors.redact(sink.url()),
        scope.full() ? "full" : "symbols",
        scope.changed().size(),
        allocations,
        lots,
        reviewRows,
        logRows,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** Adds the publish to the database's own log of publishes. */
  private void record(Connection c, PublishResult result) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(PublishSql.RECORD)) {
      p.setInt(1, version);
      p.setString(2, result.mode());
      p.setInt(3, (int) result.symbols());
      p.setLong(4, result.allocations());
      p.setLong(5, result.inventoryLots());
      p.setLong(6, result.reviewRows());
      p.setLong(7, result.logRows());
      p.setLong(8, result.durationMs());
      p.executeUpdate();
    }
  }

  /** Deletes the version's rows (of the symbols) and inserts the lake's. */
  private long replace(Connection c, LakeTable table, Dataset<Row> rows, PublishScope scope)
      throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement(PublishSql.deleteVersion(table.tableName(), !scope.full()))) {
      delete.setInt(1, version);
      if (!scope.full()) {
        delete.setArray(2, c.createArrayOf("text", scope.symbols()));
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

  private Map<PublishScope.Group, String> publishedBatches(Connection c) throws SQLException {
    Map<PublishScope.Group, String> batches = new HashMap<>();
    try (PreparedStatement p = c.prepareStatement(PublishSql.PUBLISHED_BATCHES)) {
      p.setInt(1, version);
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          batches.put(new PublishScope.Group(rs.getString(1), rs.getString(2)), rs.getString(3));
        }
      }
    }
    return batches;
  }

  private Map<PublishScope.Group, String> lakeBatches() {
    Map<PublishScope.Group, String> batches = new HashMap<>();
    for (Row row :
        lake.read(LakeTable.FIFO_COMPUTATION_LOG)
            .filter(col("allocation_version").equalTo(version))
            .groupBy(col("account"), col("symbol"))
            .agg(max_by(col("batch_id"), col("started_at")))
            .collectAsList()) {
      batches.put(
          new PublishScope.Group(row.getString(0), row.getString(1)),
          Objects.requireNonNull(row.getString(2)));
    }
    return batches;
  }
}
