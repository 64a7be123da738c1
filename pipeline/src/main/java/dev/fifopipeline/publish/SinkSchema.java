package dev.fifopipeline.publish;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.spark.Jdbc;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's tables and views in PostgreSQL, created and upgraded by Flyway from {@code
 * db/fifo-migration} with its own history table {@code fifo_schema_history}, so it lives beside the
 * bot's tables (and any Flyway of the bot's) without touching them.
 */
final class SinkSchema {
  private static final Logger LOG = LoggerFactory.getLogger(SinkSchema.class);

  private SinkSchema() {}

  /** Creates or upgrades the schema; returns the migrations applied now. */
  static int migrate(JdbcSettings sink) {
    try {
      MigrateResult result =
          Flyway.configure(SinkSchema.class.getClassLoader())
              .dataSource(sink.url(), sink.user(), sink.password().value())
              .schemas(sink.schema())
              .defaultSchema(sink.schema())
              .table("fifo_schema_history")
              .locations("classpath:db/fifo-migration")
              .baselineOnMigrate(true)
              .baselineVersion("0")
              .load()
              .migrate();
      if (result.migrationsExecuted > 0) {
        LOG.info(
            "publish: database schema {} upgraded to version {}",
            sink.schema(),
            result.targetSchemaVersion);
      }
      return result.migrationsExecuted;
    } catch (RuntimeException e) {
      throw Jdbc.failure(sink, e);
    }
  }
}
