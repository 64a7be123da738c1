package dev.fifopipeline.bench.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DuckDB, in process and in memory, running the textbook set-based FIFO: per symbol, cumulative
 * size ranges of buys and of sells in processing order, joined where they overlap, allocated =
 * least(ends) - greatest(starts). The sell ranges are shifted by the running oversell (see {@link
 * DuckDbSql#sells}) so that a sell short of inventory gets an unmatched rest exactly as the
 * sequential lot queue gives it.
 *
 * <p>Load: {@code read_csv} with explicit column types into a table, then the valid rows, first of
 * each order_id. Match: tables {@code seq}, {@code sells}, {@code allocations}. Write: {@code COPY
 * ... TO} the output CSV. DuckDB uses every core unless told otherwise.
 *
 * <p>Amounts: sizes and ranges are exact {@code DECIMAL(38,18)}. {@code pnl} is DOUBLE, with fee
 * shares simply pro rata by size (no rounding at 18 decimals, no remainder to the last allocation):
 * DuckDB's decimal division returns DOUBLE and {@code DECIMAL(38,18) x DECIMAL(38,18)} overflows,
 * so exact fee shares would need wide integer arithmetic that DuckDB lacks. The pnl therefore
 * agrees with the engine to about 1e-12 relative, not to the last decimal, and this peer does a
 * little less work than the exact ones.
 */
public final class DuckDbFifo implements Peer {
  private final int threads;
  private final boolean shiftOversells;

  /** DuckDB with as many threads as it likes (its default: one per core). */
  public DuckDbFifo() {
    this(0);
  }

  /**
   * @param threads DuckDB's worker threads, 0 for its default
   */
  public DuckDbFifo(int threads) {
    this(threads, true);
  }

  /** For tests: {@code shiftOversells} false gives the textbook join, wrong after an oversell. */
  DuckDbFifo(int threads, boolean shiftOversells) {
    this.threads = threads;
    this.shiftOversells = shiftOversells;
  }

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public PeerResult run(Path ledgerCsv, Path allocationsCsvOut) throws Exception {
    PhaseClock clock = new PhaseClock();
    LedgerHeader header = LedgerHeader.read(ledgerCsv);
    Files.deleteIfExists(allocationsCsvOut);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement sql = db.createStatement()) {
      sql.execute(DuckDbSql.SESSION);
      if (threads > 0) {
        sql.execute("SET threads = " + threads);
      }
      sql.execute(DuckDbSql.load(ledgerCsv, header));
      sql.execute(DuckDbSql.trades(header));
      sql.execute("DROP TABLE raw");
      long trades = count(sql, DuckDbSql.COUNT_TRADES);
      clock.lap("load");

      sql.execute(DuckDbSql.SEQUENCE);
      sql.execute(DuckDbSql.sells(shiftOversells));
      sql.execute(DuckDbSql.ALLOCATIONS);
      long allocations = count(sql, DuckDbSql.COUNT_ALLOCATIONS);
      clock.lap("match");

      sql.execute(DuckDbSql.write(allocationsCsvOut));
      clock.lap("write");
      return clock.result(trades, allocations);
    }
  }

  private static long count(Statement sql, String query) throws SQLException {
    try (ResultSet rows = sql.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
