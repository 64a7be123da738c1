package dev.fifopipeline.config;

import java.util.Properties;

/**
 * A PostgreSQL connection.
 *
 * @param url JDBC URL, empty when not configured
 * @param user login, may be empty
 * @param password never printed
 * @param table source table (or parenthesised query with alias); unused for sinks
 * @param fetchSize rows per round trip when reading
 * @param partitions parallel reads of the source, split on order_time
 * @param schema schema the sink's tables live in; unused for sources
 * @param watermarkOverlap how far before the last ingested_at seen an incremental read starts
 */
public record JdbcSettings(
    String url,
    String user,
    Secret password,
    String table,
    int fetchSize,
    int partitions,
    String schema,
    java.time.Duration watermarkOverlap) {

  /** Whether a URL is configured. */
  public boolean isConfigured() {
    return url != null && !url.isBlank();
  }

  /** Never shows the password, neither the field nor a password parameter of the URL. */
  @Override
  public String toString() {
    return "JdbcSettings[url="
        + dev.fifopipeline.error.Errors.redact(url)
        + ", user="
        + user
        + ", password="
        + password
        + ", table="
        + table
        + ", fetchSize="
        + fetchSize
        + ", partitions="
        + partitions
        + ", schema="
        + schema
        + ", watermarkOverlap="
        + watermarkOverlap
        + "]";
  }

  /** Driver properties: user, password and the PostgreSQL driver class. */
  public Properties connectionProperties() {
    Properties properties = new Properties();
    if (!user.isBlank()) {
      properties.setProperty("user", user);
    }
    if (password.isSet()) {
      properties.setProperty("password", password.value());
    }
    properties.setProperty("driver", "org.postgresql.Driver");
    return properties;
  }
}
