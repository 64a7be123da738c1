package dev.fifopipeline.bench.peers;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL (16 or later) running a set-based FIFO in the sweep formulation: the same cumulative
 * size ranges as {@link DuckDbFifo}, oversell shift included, but instead of joining ranges on
 * overlap (quadratic per symbol here) one ordered pass over all range ends of a symbol finds, for
 * each piece between two consecutive ends, the buy and the sell it lies in (see {@link
 * PostgresSql#SWEEP}).
 *
 * <p>Copy-in: the CSV through {@code COPY ... FROM STDIN} into a temporary table of text columns.
 * Clean: the valid rows, first of each order_id. Match: temporary tables {@code seq}, {@code seg},
 * {@code alloc}. Copy-out: {@code COPY ... TO STDOUT} into the output file. Everything lives in
 * temporary tables of one session and is gone when it ends; the database is otherwise untouched.
 * Every line of the CSV must have one field per header column: COPY refuses a malformed line.
 *
 * <p>Amounts are exact {@code numeric}: sizes, and pnl with the engine's fee rules to the last of
 * 18 decimals (shares rounded half-up, the last allocation of a sell or of a fully consumed buy
 * taking the remainder), so this peer's output equals the engine's.
 */
public final class PostgresFifo implements Peer {
  private final String url;
  private final Properties login = new Properties();
  private final boolean shiftOversells;

  /**
   * @param url JDBC URL of a database the user may create temporary tables in
   * @param user login
   * @param password its password, may be empty
   */
  public PostgresFifo(String url, String user, String password) {
    this(url, user, password, true);
  }

  /** For tests: {@code shiftOversells} false gives the textbook ranges, wrong after an oversell. */
  PostgresFifo(String url, String user, String password, boolean shiftOversells) {
    this.url = url;
    login.setProperty("user", user);
    if (password != null && !password.isEmpty()) {
      login.setProperty("password", password);
    }
    this.shiftOversells = shiftOversells;
  }

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  public PeerResult run(Path ledgerCsv, Path allocationsCsvOut) throws Exception {
    PhaseClock clock = new PhaseClock();
    LedgerHeader header = LedgerHeader.read(ledgerCsv);
    try (Connection db = DriverManager.getConnection(url, login);
        Statement sql = db.createStatement()) {
      checkVersion(sql);
      for (String setting : PostgresSql.SESSION) {
        sql.execute(setting);
      }
      CopyManager copy = db.unwrap(PGConnection.class).getCopyAPI();
      sql.execute(PostgresSql.createRaw(header));
      try (InputStream in = Files.newInputStream(ledgerCsv)) {
        copy.copyIn(PostgresSql.copyIn(header), in, 1 << 16);
      }
      clock.lap("copy-in");

      sql.execute(PostgresSql.trades(header));
      sql.execute("DROP TABLE raw");
      sql.execute("ANALYZE trades");
      long trades = count(sql, PostgresSql.COUNT_TRADES);
      clock.lap("clean");

      sql.execute(PostgresSql.sequence(shiftOversells));
      sql.execute("ANALYZE seq");
      sql.execute(PostgresSql.SWEEP);
      sql.execute("ANALYZE seg");
      sql.execute(PostgresSql.ALLOCATIONS);
      long allocations = count(sql, PostgresSql.COUNT_ALLOCATIONS);
      clock.lap("match");

      try (OutputStream out =
          new BufferedOutputStream(Files.newOutputStream(allocationsCsvOut), 1 << 20)) {
        copy.copyOut(PostgresSql.COPY_OUT, out);
      }
      clock.lap("copy-out");
      return clock.result(trades, allocations);
    }
  }

  private static void checkVersion(Statement sql) throws SQLException {
    int version = (int) count(sql, PostgresSql.SERVER_VERSION);
    if (version < PostgresSql.MIN_SERVER_VERSION) {
      throw new IllegalStateException(
          "PostgresFifo needs PostgreSQL 16 or later (pg_input_is_valid), the server is "
              + version);
    }
  }

  private static long count(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
