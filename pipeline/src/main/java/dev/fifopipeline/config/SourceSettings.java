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
 */
public record SourceSettings(
    SourceKind kind,
    String path,
    String csvDelimiter,
    JdbcSettings jdbc,
    Map<String, String> columns) {

  /** Where the source is, for messages: the path, or the JDBC URL and table without secrets. */
  public String describe() {
    return kind == SourceKind.JDBC
        ? dev.fifopipeline.error.Errors.redact(jdbc.url()) + " table " + jdbc.table()
        : path;
  }
}
