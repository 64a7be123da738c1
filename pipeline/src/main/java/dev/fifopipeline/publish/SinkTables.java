package dev.fifopipeline.publish;

import static org.apache.spark.sql.functions.col;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The database side of publishing one version, inside the publish's open transaction: what was
 * published before, and the rows replaced or added through COPY into temporary staging tables.
 */
final class SinkTables {
  private final Connection c;
  private final Lake lake;
  private final int version;

  SinkTables(Connection c, Lake lake, int version) {
    this.c = c;
    this.lake = lake;
    this.version = version;
  }

  /** Sets the schema and takes the publish lock, which the transaction holds to its end. */
  void lock(String schema) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(PublishSql.setSearchPath(schema));
      s.execute(PublishSql.LOCK);
    }
  }

  /** The latest batch published per group of the version. */
  Map<PublishScope.Group, String> publishedBatches() throws SQLException {
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

  /** Deletes the version's rows (of the scope's symbols) and inserts {@code rows}. */
  long replace(LakeTable table, Dataset<Row> rows, PublishScope scope) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement(PublishSql.deleteVersion(table.tableName(), !scope.full()))) {
      delete.setInt(1, version);
      if (!scope.full()) {
        delete.setArray(2, c.createArrayOf("text", scope.symbols()));
      }
      delete.executeUpdate();
    }
    return copyAndInsert(table, rows, false);
  }

  /** Replaces the review rows ingest found (those of no version) with {@code rows}. */
  long replaceIngestReview(Dataset<Row> rows) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(PublishSql.DELETE_INGEST_REVIEW);
    }
    return copyAndInsert(
        LakeTable.MANUAL_REVIEW_QUEUE, rows.filter(col("allocation_version").isNull()), false);
  }

  /** Adds the log rows of {@code log} not published yet. */
  long addNewLogRows(Dataset<Row> log) throws SQLException {
    return copyAndInsert(LakeTable.FIFO_COMPUTATION_LOG, log, true);
  }

  /** Adds the publish to the database's own log of publishes. */
  void record(PublishResult result) throws SQLException {
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

  /** COPYs {@code rows} into a staging table, then inserts them (only new ones for the log). */
  private long copyAndInsert(LakeTable table, Dataset<Row> rows, boolean onlyNew)
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
}
