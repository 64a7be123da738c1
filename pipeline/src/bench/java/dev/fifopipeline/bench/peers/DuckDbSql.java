package dev.fifopipeline.bench.peers;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/** Every statement {@link DuckDbFifo} runs. */
final class DuckDbSql {
  private DuckDbSql() {}

  /** Exact quantities and amounts, as in the lake. */
  static final String DECIMAL = "DECIMAL(38,18)";

  /** Types of the ledger columns the peer reads; every other column is read as text. */
  private static final Map<String, String> TYPES =
      Map.of("order_time", "TIMESTAMPTZ", "price", DECIMAL, "size", DECIMAL, "fees", DECIMAL);

  /** Offset-less times are UTC, as in the product. */
  static final String SESSION = "SET TimeZone = 'UTC'";

  /**
   * The CSV as a table in file order (rowid), with explicit column types; a line that does not
   * parse (a field that is not a number or a time, the wrong number of fields) is skipped.
   */
  static String load(Path csv, LedgerHeader header) {
    String columns =
        header.columns().stream()
            .map(c -> literal(c) + ": " + literal(TYPES.getOrDefault(c, "VARCHAR")))
            .collect(Collectors.joining(", "));
    return "CREATE TABLE raw AS SELECT * FROM read_csv("
        + literal(csv.toAbsolutePath().toString())
        + ", header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"',"
        + " ignore_errors = true, columns = {"
        + columns
        + "})";
  }

  /**
   * The valid trades, first row of each order_id in file order; {@code side_rank} 0 for buys, 1 for
   * sells (the processing order's tie-break).
   */
  static String trades(LedgerHeader header) {
    String fees = header.has("fees") ? "coalesce(fees, 0)" : "0";
    return """
        CREATE TABLE trades AS
        SELECT symbol, order_id, side_rank, order_time, price, size, fees
        FROM (
          SELECT trim(order_id) AS order_id, trim(symbol) AS symbol,
                 CAST(CASE lower(trim(side)) WHEN 'buy' THEN 0 WHEN 'sell' THEN 1 END AS TINYINT)
                   AS side_rank,
                 order_time, price, size, CAST(%s AS %s) AS fees, rowid AS rn
          FROM raw)
        WHERE order_id <> '' AND symbol <> '' AND side_rank IS NOT NULL
          AND order_time IS NOT NULL AND price > 0 AND size > 0 AND fees >= 0
        QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY rn) = 1
        """
        .formatted(fees, DECIMAL);
  }

  /**
   * Per symbol, in processing order, the cumulative buy and sell sizes through each trade. Each buy
   * covers {@code [b_thru - size, b_thru)} of the symbol's bought units.
   */
  static final String SEQUENCE =
      """
      CREATE TABLE seq AS
      SELECT symbol, order_id, side_rank, price, size, fees,
             sum(CASE WHEN side_rank = 0 THEN size ELSE 0 END) OVER w AS b_thru,
             sum(CASE WHEN side_rank = 1 THEN size ELSE 0 END) OVER w AS s_thru
      FROM trades
      WINDOW w AS (PARTITION BY symbol ORDER BY order_time, side_rank, order_id
                   ROWS UNBOUNDED PRECEDING)
      """;

  /**
   * Each sell's range of bought units, {@code [s_start, s_end)}, and its unmatched rest. The shift
   * {@code u} after a sell is the running maximum over the symbol's sells so far of (sells through
   * that sell - buys before it), floored at 0: the units sold that no lot could give. Shifting by
   * it keeps a later buy from feeding an earlier oversold sell, exactly as a lot queue behaves; its
   * growth at a sell is that sell's unmatched rest.
   */
  static String sells(boolean shiftOversells) {
    String deficit = "s_thru - b_thru";
    String u =
        shiftOversells
            ? "greatest(0, coalesce(max(%s) OVER (PARTITION BY symbol ORDER BY s_thru ROWS UNBOUNDED PRECEDING), 0))"
                .formatted(deficit)
            : "0";
    String uPrev =
        shiftOversells
            ? ("greatest(0, coalesce(max(%s) OVER (PARTITION BY symbol ORDER BY s_thru"
                    + " ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0))")
                .formatted(deficit)
            : "0";
    return """
        CREATE TABLE sells AS
        SELECT symbol, order_id, price, size, fees,
               s_thru - size - u_prev AS s_start, s_thru - u AS s_end, u - u_prev AS unmatched
        FROM (SELECT *, CAST(%s AS %s) AS u, CAST(%s AS %s) AS u_prev
              FROM seq WHERE side_rank = 1)
        """
        .formatted(u, DECIMAL, uPrev, DECIMAL);
  }

  /**
   * Sells joined to the buys whose ranges overlap theirs, plus the unmatched rests. {@code pnl} in
   * DOUBLE: fee shares pro rata by size.
   */
  static final String ALLOCATIONS =
      """
      CREATE TABLE allocations AS
      SELECT sell_order_id, buy_order_id, allocated_size,
             (sell_price - buy_price)::DOUBLE * allocated_size::DOUBLE
               - buy_fees::DOUBLE * allocated_size::DOUBLE / buy_size::DOUBLE
               - sell_fees::DOUBLE * allocated_size::DOUBLE / sell_size::DOUBLE AS pnl
      FROM (
        SELECT s.order_id AS sell_order_id, b.order_id AS buy_order_id,
               least(b.b_thru, s.s_end) - greatest(b.b_thru - b.size, s.s_start) AS allocated_size,
               s.price AS sell_price, s.size AS sell_size, s.fees AS sell_fees,
               b.price AS buy_price, b.size AS buy_size, b.fees AS buy_fees
        FROM sells s
        JOIN seq b ON b.side_rank = 0 AND b.symbol = s.symbol
                  AND b.b_thru - b.size < s.s_end AND s.s_start < b.b_thru)
      UNION ALL
      SELECT order_id, NULL, unmatched, NULL FROM sells WHERE unmatched > 0
      """;

  static final String COUNT_TRADES = "SELECT count(*) FROM trades";
  static final String COUNT_ALLOCATIONS = "SELECT count(*) FROM allocations";

  /** Writes the allocations as CSV with a header. */
  static String write(Path out) {
    return "COPY allocations TO "
        + literal(out.toAbsolutePath().toString())
        + " (FORMAT csv, HEADER true)";
  }

  /** {@code text} as a SQL string literal. */
  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
