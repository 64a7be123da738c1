package dev.fifopipeline.config;

/** Where the ledger is read from. */
public enum SourceKind {
  CSV,
  PARQUET,
  JDBC
}
