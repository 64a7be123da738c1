package dev.fifopipeline.spark;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.error.Errors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Plain JDBC connections to PostgreSQL, and their failures as one-line errors. */
public final class Jdbc {
  private Jdbc() {}

  /** Opens a connection with the settings' user and password. */
  public static Connection connect(JdbcSettings settings) throws SQLException {
    return DriverManager.getConnection(settings.url(), settings.connectionProperties());
  }

  /** {@code name} quoted as a PostgreSQL identifier. */
  public static String quoteIdentifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /**
   * The user-facing error for a failed database call: unreachable server or refused login (exit 3),
   * or the database's own one-line reason. Exceptions without a SQL cause are returned as is.
   */
  public static RuntimeException failure(JdbcSettings settings, Throwable error) {
    SQLException sql = sqlCause(error);
    if (sql == null) {
      return error instanceof RuntimeException r ? r : new IllegalStateException(error);
    }
    String state = sql.getSQLState() == null ? "" : sql.getSQLState();
    if (state.startsWith("08") || state.startsWith("28") || state.isEmpty()) {
      return Errors.databaseUnreachable(settings.url(), settings.user(), sql);
    }
    return Errors.databaseFailed(settings.url(), state, sql);
  }

  private static SQLException sqlCause(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException e) {
        return e;
      }
    }
    return null;
  }
}
