package dev.fifopipeline.publish;

/**
 * Every SQL statement publish sends to PostgreSQL. Table names are unqualified: the connection's
 * search_path is set to the sink schema first.
 */
final class PublishSql {
  private PublishSql() {}

  static String setSearchPath(String schema) {
    return "SET LOCAL search_path TO " + dev.fifopipeline.spark.Jdbc.quoteIdentifier(schema);
  }

  /** Serialises publishers to one schema for the length of the transaction. */
  static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('fifo-pipeline publish'))";

  /** The latest published batch of each (account, symbol) of a version. */
  static final String PUBLISHED_BATCHES =
      """
      SELECT DISTINCT ON (account, symbol) account, symbol, batch_id
      FROM fifo_computation_log
      WHERE allocation_version = ?
      ORDER BY account, symbol, started_at DESC
      """;

  static String stage(String table) {
    return "CREATE TEMP TABLE stage_"
        + table
        + " (LIKE "
        + table
        + " INCLUDING DEFAULTS) ON COMMIT DROP";
  }

  static String copy(String table, String columns) {
    return "COPY stage_" + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv)";
  }

  static String count(String table) {
    return "SELECT count(*) FROM stage_" + table;
  }

  /** Deletes a version's rows, all of them or those of the symbols in the array parameter. */
  static String deleteVersion(String table, boolean bySymbols) {
    return "DELETE FROM "
        + table
        + " WHERE allocation_version = ?"
        + (bySymbols ? " AND symbol = ANY (?)" : "");
  }

  static final String DELETE_INGEST_REVIEW =
      "DELETE FROM manual_review_queue WHERE allocation_version IS NULL";

  static String insertFromStage(String table, String columns) {
    return "INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM stage_" + table;
  }

  static String insertNewLogRows(String columns) {
    return "INSERT INTO fifo_computation_log ("
        + columns
        + ") SELECT "
        + columns
        + " FROM stage_fifo_computation_log s WHERE NOT EXISTS (SELECT 1 FROM fifo_computation_log l"
        + " WHERE l.batch_id = s.batch_id AND l.symbol = s.symbol"
        + " AND coalesce(l.account, '') = coalesce(s.account, ''))";
  }

  static final String RECORD =
      "INSERT INTO fifo_publish_log (allocation_version, mode, symbols, allocations, inventory_lots,"
          + " review_rows, log_rows, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
}
