package dev.fifopipeline.bench.harness;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The PostgreSQL of a bench: the server {@code FIFO_BENCH_PG_URL} names (with {@code
 * FIFO_BENCH_PG_USER}, {@code FIFO_BENCH_PG_PASSWORD}), else an embedded one started here. The
 * bench writes only to schemas of its own, {@code fifo_bench} (the ledger as {@code
 * fifo_bench.trade_records}) and {@code fifo_bench_rN} (run N's publish), dropped and made anew.
 *
 * <p>COPY baselines go through the driver's {@link CopyManager} ({@code FROM STDIN}, {@code TO
 * STDOUT}), as {@code psql \copy} does, so they work against a remote server too and carry the same
 * client-server transfer as the product's JDBC reads and writes.
 */
final class BenchDatabase implements AutoCloseable {
  static final String SCHEMA = "fifo_bench";
  static final String LEDGER = SCHEMA + ".trade_records";

  private static final String LEDGER_COLUMNS =
      "order_id text, symbol text, side text, order_time timestamptz, price numeric,"
          + " size numeric, fees numeric, ingested_at timestamptz, source text,"
          + " pnl_usd numeric, cost_basis_usd numeric, parent_id text, remaining_size numeric";

  private final EmbeddedPostgres embedded;
  final String url;
  final String user;
  final String password;

  private BenchDatabase(EmbeddedPostgres embedded, String url, String user, String password) {
    this.embedded = embedded;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /** The external server of the environment, else a new embedded one. */
  static BenchDatabase start() throws IOException {
    String url = System.getenv("FIFO_BENCH_PG_URL");
    if (url != null && !url.isBlank()) {
      return new BenchDatabase(
          null, url, env("FIFO_BENCH_PG_USER", "postgres"), env("FIFO_BENCH_PG_PASSWORD", ""));
    }
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    return new BenchDatabase(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "");
  }

  /** {@code embedded PostgreSQL 16.4} or {@code PostgreSQL at URL}, with the server's version. */
  String describe() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement();
        var rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return (embedded != null ? "embedded PostgreSQL " : "PostgreSQL ") + rs.getString(1);
    }
  }

  /** Drops and creates {@code schema} (only the bench's own). */
  void freshSchema(String schema) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
  }

  /**
   * Replaces {@link #LEDGER} by the rows of {@code csv} with {@code COPY FROM STDIN}; returns the
   * milliseconds of the COPY alone and the rows it loaded.
   */
  long[] copyLedgerIn(Path csv, String header) throws SQLException, IOException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + LEDGER);
      s.execute("CREATE TABLE " + LEDGER + " (" + LEDGER_COLUMNS + ")");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long start = System.nanoTime();
      long rows;
      try (InputStream in = Files.newInputStream(csv)) {
        rows =
            copy.copyIn(
                "COPY " + LEDGER + " (" + header + ") FROM STDIN (FORMAT csv, HEADER true)",
                in,
                1 << 16);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      s.execute("ANALYZE " + LEDGER);
      return new long[] {millis, rows};
    }
  }

  /** {@code COPY (query) TO STDOUT} into {@code out}; returns milliseconds and rows. */
  long[] copyOut(String query, Path out) throws SQLException, IOException {
    try (Connection c = connect();
        OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long start = System.nanoTime();
      long rows = copy.copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv)", file);
      return new long[] {(System.nanoTime() - start) / 1_000_000, rows};
    }
  }

  /**
   * Creates {@code table} like {@code model} (columns, defaults, constraints and indexes) and
   * {@code COPY FROM STDIN} the CSV {@code in} (no header) into it; returns milliseconds and rows.
   */
  long[] copyInLike(String table, String model, Path in) throws SQLException, IOException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
      s.execute("CREATE TABLE " + table + " (LIKE " + model + " INCLUDING ALL)");
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      long start = System.nanoTime();
      long rows;
      try (InputStream file = Files.newInputStream(in)) {
        rows = copy.copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", file, 1 << 16);
      }
      return new long[] {(System.nanoTime() - start) / 1_000_000, rows};
    }
  }

  Connection connect() throws SQLException {
    Properties login = new Properties();
    login.setProperty("user", user);
    if (!password.isEmpty()) {
      login.setProperty("password", password);
    }
    return DriverManager.getConnection(url, login);
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }
}
