package dev.fifopipeline.config;

import java.util.Map;

/**
 * The ledger source.
 *
 * @param kind csv, parquet or jdbc
 * @param path file, folder or glob for csv and parquet (resolved against pipeline.home)
 * @param csvDelimiter field separator of csv sources
 * @param jdbc the PostgreSQL source
 * @param columns canonical column name to the source's column name, for every canonical column
 * @param clockSkew how far a row's order_time may lie after its own ingested_at before the row is
 *     sent to review (the bot's and the exchange's clocks disagree by a little)
 */
public record SourceSettings(
    SourceKind kind,
    String path,
    String csvDelimiter,
    JdbcSettings jdbc,
    Map<String, String> columns,
    java.time.Duration clockSkew) {

  /** Where the source is, for messages: the path, or the JDBC URL and table without secrets. */
  public String describe() {
    return kind == SourceKind.JDBC
        ? dev.fifopipeline.error.Errors.redact(jdbc.url()) + " table " + jdbc.table()
        : path;
  }
}
