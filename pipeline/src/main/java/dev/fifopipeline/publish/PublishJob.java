package dev.fifopipeline.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max_by;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.AllocationCatalog;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
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
      SinkTables tables = new SinkTables(c, lake, version);
      tables.lock(sink.schema());
      PublishScope scope = PublishScope.compare(tables.publishedBatches(), lakeBatches());
      PublishResult result = send(tables, scope, started);
      tables.record(result);
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
  private PublishResult send(SinkTables tables, PublishScope scope, long started)
      throws SQLException {
    Column rows = scope.rows(version);
    Dataset<Row> allocations = lake.read(LakeTable.FIFO_ALLOCATIONS).filter(rows);
    Dataset<Row> lots = lake.read(LakeTable.FIFO_INVENTORY_SNAPSHOT).filter(rows);
    Dataset<Row> review = lake.read(LakeTable.MANUAL_REVIEW_QUEUE);
    Dataset<Row> log =
        lake.read(LakeTable.FIFO_COMPUTATION_LOG)
            .filter(col("allocation_version").equalTo(version));
    long allocationRows = tables.replace(LakeTable.FIFO_ALLOCATIONS, allocations, scope);
    long lotRows = tables.replace(LakeTable.FIFO_INVENTORY_SNAPSHOT, lots, scope);
    long reviewRows =
        tables.replace(LakeTable.MANUAL_REVIEW_QUEUE, review.filter(rows), scope)
            + tables.replaceIngestReview(review);
    long logRows = tables.addNewLogRows(log);
    return new PublishResult(
        version,
        Errors.redact(sink.url()),
        scope.full() ? "full" : "symbols",
        scope.changed().size(),
        allocationRows,
        lotRows,
        reviewRows,
        logRows,
        (System.nanoTime() - started) / 1_000_000);
  }

  /** The latest batch per group of the version in the lake's computation log. */
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
